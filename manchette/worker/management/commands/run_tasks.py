"""`manage.py run_tasks`: django_tasks_db's worker, which first puts back in the queue
the tasks its previous run on this machine left half done.

A worker killed in the middle of a task (SIGKILL, a power cut, the out-of-memory killer)
leaves it marked RUNNING, and django_tasks_db never runs a RUNNING task again: the
e-mail to a moderator or the page purge at a scheduled publication would be lost. So
each worker has a stable id (this machine and this site's VAR_DIR, unless --worker-id
says otherwise), and at start it makes its own unfinished tasks ready again. A task
interrupted in the middle therefore runs again, whole: tasks run at least once.

A long write elsewhere (an import, a big upload) can hold SQLite's lock past the busy
timeout: the worker then waits a moment and tries again, rather than dying with
"database is locked" (a task cut short by the lock is queued again, as after a crash).

The command has its own name rather than shadowing django_tasks_db's `db_worker`: which
command a name runs does not hang on the order of INSTALLED_APPS, and `db_worker` stays
the library's, as its documentation describes it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import CommandError
from django.db import OperationalError, connections, transaction
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from manchette.database_busy import is_database_busy

logger = logging.getLogger(__name__)

# Seconds between two tries on a locked database; each try already waits the busy timeout
# for the lock, so the loop never spins.
LOCKED_PAUSE = 1.0


def stable_worker_id() -> str:
    """This machine and this site: the same after a restart, different for a second
    site on the machine (django_tasks_db caps ids at 64 characters)."""
    site = hashlib.sha256(str(settings.VAR_DIR).encode()).hexdigest()[:8]
    return f"{socket.gethostname()[:48]}:{site}"


def requeue_interrupted(worker_id: str, backend_name: str) -> int:
    """Make ready again the tasks that this worker id claimed and never finished.
    Returns how many."""
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, backend_name=backend_name
        )
        # The ids are a JSON list, read here rather than queried: few tasks run at once.
        interrupted = [
            task.pk for task in running if task.worker_ids and task.worker_ids[-1] == worker_id
        ]
        DBTaskResult.objects.filter(pk__in=interrupted).update(
            status=TaskResultStatus.READY, started_at=None
        )
    return len(interrupted)


class PatientWorker(db_worker.Worker):
    """django_tasks_db's worker, which outlives a locked database: it takes up again what
    it left half done, then goes back to its loop."""

    def __init__(self, *, pause: Callable[[float], None] = time.sleep, **options) -> None:
        super().__init__(**options)
        self.pause = pause

    def run(self) -> None:
        while self.running:
            try:
                if count := requeue_interrupted(self.worker_id, self.backend_name):
                    logger.warning(
                        "%d task(s) left unfinished by worker %s are queued again",
                        count,
                        self.worker_id,
                    )
                super().run()
                return
            except OperationalError as error:
                if not is_database_busy(error):
                    raise
                logger.warning("Database locked; trying again in %s s", LOCKED_PAUSE)
                # A fresh connection: the failed one may be in the middle of anything.
                connections.close_all()
                self.startup_delay = False
                self.pause(LOCKED_PAUSE)


class Command(db_worker.Command):
    help = (
        "Exécute les tâches de fond ; remet d’abord dans la file celles que le précédent "
        "passage de ce worker a laissées inachevées."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=stable_worker_id())

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        exclude_queues: str,
        reload: bool,
        **options,
    ) -> None:
        # The library's handle(), with this worker.
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        if exclude_queues and "*" not in queue_names:
            raise CommandError("--exclude-queues ne s’emploie qu’avec --queue-name=*")
        worker = PatientWorker(
            queue_names=queue_names,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            **{name: options[name] for name in WORKER_OPTIONS},
        )
        if reload and not options["batch"]:
            # The reloader runs the worker in a child process; only it handles signals.
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()


WORKER_OPTIONS = (
    "interval",
    "batch",
    "backend_name",
    "startup_delay",
    "max_tasks",
    "worker_id",
)
