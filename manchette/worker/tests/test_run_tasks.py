"""The task worker takes up, when it starts again, what its killed predecessor left
half done on this machine, and leaves alone what other machines' workers are running."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command, get_commands
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from manchette.comments.mail import send_email
from manchette.worker.management.commands.run_tasks import stable_worker_id

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS


def queued_email(subject: str, claimed_by: str) -> DBTaskResult:
    """An e-mail task a worker took and never finished: the worker was killed."""
    result = send_email.enqueue(to=["moderation@journal.example"], subject=subject, body="…")
    task = DBTaskResult.objects.get(pk=result.id)
    task.claim(claimed_by)
    return task


def run_worker() -> None:
    call_command("run_tasks", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_task_cut_short_by_a_crash_runs_when_the_worker_starts_again(database_queue):
    cut_short = queued_email("Commentaire à modérer", claimed_by=stable_worker_id())

    run_worker()

    assert [message.subject for message in mail.outbox] == ["Commentaire à modérer"]
    cut_short.refresh_from_db()
    assert cut_short.status == TaskResultStatus.SUCCESSFUL


def test_a_task_another_machine_is_running_is_left_to_it(database_queue):
    elsewhere = queued_email("Résumé de modération", claimed_by="serveur-b:0123abcd")

    run_worker()

    assert mail.outbox == []
    elsewhere.refresh_from_db()
    assert elsewhere.status == TaskResultStatus.RUNNING


def test_the_worker_id_is_kept_across_restarts_and_differs_between_sites(settings, tmp_path):
    first = stable_worker_id()
    assert stable_worker_id() == first
    settings.VAR_DIR = tmp_path / "autre-site"
    assert stable_worker_id() != first
    assert len(first) <= 64


def test_the_worker_has_its_own_command_and_leaves_the_librarys_alone():
    commands = get_commands()
    assert commands["run_tasks"] == "manchette.worker"
    assert commands["db_worker"] == "django_tasks_db"
