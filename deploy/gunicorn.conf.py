"""gunicorn settings for `make run`: where to listen and how many workers."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Two workers per core plus one keeps both cores busy while a worker waits on the disk.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# GUNICORN_ACCESSLOG: "-" (standard output, the default), a file, or "off" (the
# benchmarks turn it off so that writing the log is not what they measure).
_accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-").strip() or "-"
accesslog = None if _accesslog == "off" else _accesslog
errorlog = "-"
timeout = 30
graceful_timeout = 10
# The control socket's default path is shared by every gunicorn of the machine; several
# Manchette servers side by side (tests, scale-out) must not fight over it.
control_socket_disable = True
