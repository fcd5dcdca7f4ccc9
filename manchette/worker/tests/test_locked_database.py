"""The task worker outlives a database locked by a long write: it waits, then runs the
queued tasks, instead of dying with "database is locked"."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from manchette.comments.mail import send_email
from manchette.tests.sqlite_lock import held_write_lock, shorten_busy_timeout
from manchette.worker.management.commands.run_tasks import PatientWorker, stable_worker_id

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock"),
]


@pytest.fixture(autouse=True)
def _database_queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    shorten_busy_timeout(monkeypatch)


def queued_email(subject: str) -> DBTaskResult:
    result = send_email.enqueue(to=["moderation@journal.example"], subject=subject, body="…")
    return DBTaskResult.objects.get(pk=result.id)


def run_through_lock(release) -> list[float]:
    """Run a batch worker while the lock is held; the long write ends during the worker's
    first pause (no timing: the pause itself releases it). Returns the pauses taken."""
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        release()

    PatientWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=stable_worker_id(),
        pause=pause,
    ).run()
    return pauses


def test_the_worker_waits_out_a_locked_database_then_runs_the_queue():
    task = queued_email("Commentaire à modérer")

    with held_write_lock() as release:
        pauses = run_through_lock(release)

    assert pauses, "the worker never met the lock"
    assert [message.subject for message in mail.outbox] == ["Commentaire à modérer"]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL


def test_a_task_left_running_is_taken_up_even_when_the_database_is_locked_at_start():
    # The worker claimed it, then the lock kept it from recording the end.
    task = queued_email("Résumé de modération")
    task.claim(stable_worker_id())

    with held_write_lock() as release:
        pauses = run_through_lock(release)

    assert pauses
    assert [message.subject for message in mail.outbox] == ["Résumé de modération"]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
