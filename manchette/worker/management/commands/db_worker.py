"""`manage.py db_worker`: django_tasks_db's worker, which first puts back in the queue
the tasks its previous run on this machine left half done.

A worker killed in the middle of a task (SIGKILL, a power cut, the out-of-memory killer)
leaves it marked RUNNING, and django_tasks_db never runs a RUNNING task again: the
e-mail to a moderator or the page purge at a scheduled publication would be lost. So
each worker has a stable id (this machine and this site's VAR_DIR, unless --worker-id
says otherwise), and at start it makes its own unfinished tasks ready again. A task
interrupted in the middle therefore runs again, whole: tasks run at least once.

This command takes the place of django_tasks_db's own (Django runs the command of the
first app in INSTALLED_APPS that has one; this app comes before django_tasks_db).
"""

from __future__ import annotations

import hashlib
import logging
import socket

from django.conf import settings
from django.db import transaction
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


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


class Command(db_worker.Command):
    help = (
        "Exécute les tâches de fond ; remet d’abord dans la file celles que le précédent "
        "passage de ce worker a laissées inachevées."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=stable_worker_id())

    def handle(self, *, worker_id: str, backend_name: str, **options) -> None:
        if count := requeue_interrupted(worker_id, backend_name):
            logger.warning(
                "%d task(s) interrupted by the previous run of worker %s are queued again",
                count,
                worker_id,
            )
        super().handle(worker_id=worker_id, backend_name=backend_name, **options)
