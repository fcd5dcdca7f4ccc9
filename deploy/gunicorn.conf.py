"""gunicorn settings for `make run`: where to listen, how many workers, how lines are logged."""

import multiprocessing
import os
import time

from gunicorn import glogging

# gunicorn runs this file from the repository's root, which it puts on the import path.
from manchette.logs import UTCFormatter, utc_timestamp

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Two workers per core plus one keeps both cores busy while a worker waits on the disk.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# GUNICORN_ACCESSLOG: "-" (standard output, the default), a file, or "off" (the
# benchmarks turn it off so that writing the log is not what they measure).
_accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-").strip() or "-"
accesslog = None if _accesslog == "off" else _accesslog
errorlog = "-"


class UTCLogger(glogging.Logger):
    """gunicorn's logger, its lines dated as Django's are (manchette/logs.py): UTC, ISO
    8601, rather than the machine's local time."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(UTCFormatter(self.error_fmt))

    def now(self):
        """The time of an access line (%(t)s)."""
        return utc_timestamp(time.time())


logger_class = UTCLogger
# The date first, as in every other line; then who, what, the answer and its time.
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
timeout = 30
graceful_timeout = 10
# The control socket's default path is shared by every gunicorn of the machine; several
# Manchette servers side by side (tests, scale-out) must not fight over it.
control_socket_disable = True
