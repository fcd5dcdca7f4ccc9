"""Readers' IP addresses and browsers are erased after the retention period."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from manchette.articles.tests.builders import make_article
from manchette.comments import notifications, tasks
from manchette.comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30


def make_comment(days_ago: float, ip: str | None = "203.0.113.7", **fields) -> Comment:
    article = make_article()
    comment = Comment.objects.create(
        article=article,
        name="Paul",
        email="paul@example.org",
        text=f"Commentaire {Comment.objects.count() + 1}.",
        status=fields.pop("status", Comment.Status.APPROVED),
        ip=ip,
        user_agent=fields.pop("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
        **fields,
    )
    # created_at is set on creation; date it back as if it were posted then.
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return comment


def kept(comment: Comment) -> tuple[str | None, str]:
    comment.refresh_from_db()
    return comment.ip, comment.user_agent


def run_command() -> str:
    out = StringIO()
    call_command("purge_comment_ips", stdout=out)
    return out.getvalue().strip()


def test_old_comments_lose_their_ip_and_browser_and_recent_ones_keep_them():
    old = make_comment(days_ago=31)
    older = make_comment(days_ago=400, ip="2001:db8::1")
    only_browser = make_comment(days_ago=45, ip=None)
    already = make_comment(days_ago=90, ip=None, user_agent="")
    recent = make_comment(days_ago=29)

    assert run_command() == (
        "3 commentaires de plus de 30 jours : adresses IP et navigateurs effacés."
    )

    assert kept(old) == (None, "")
    assert kept(older) == (None, "")
    assert kept(only_browser) == (None, "")
    assert kept(already) == (None, "")
    assert kept(recent) == ("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)")
    # The comments themselves stay.
    assert Comment.objects.count() == 5


def test_the_report_says_when_there_was_nothing_to_erase():
    make_comment(days_ago=2)
    assert run_command() == "Aucun commentaire de plus de 30 jours ne gardait d’adresse IP."

    make_comment(days_ago=60)
    assert run_command() == "1 commentaire de plus de 30 jours : adresse IP et navigateur effacés."


def test_the_command_fails_loudly(monkeypatch):
    class Broken:
        @staticmethod
        def call():
            raise RuntimeError("disque plein")

    monkeypatch.setattr(tasks, "purge_old_ips", Broken)

    with pytest.raises(CommandError, match="La purge des adresses IP a échoué : disque plein"):
        run_command()


def test_the_task_returns_how_many_comments_it_purged():
    make_comment(days_ago=31)
    make_comment(days_ago=1)

    assert tasks.purge_old_ips.call() == 1
    assert tasks.purge_old_ips.call() == 0


def test_new_comments_run_the_purge_at_most_once_an_hour():
    first_old = make_comment(days_ago=31)
    fresh = make_comment(days_ago=0, status=Comment.Status.PENDING)

    notifications.comment_held(fresh)
    assert kept(first_old) == (None, "")

    second_old = make_comment(days_ago=31)
    notifications.comment_approved(fresh)
    assert kept(second_old)[0] == "203.0.113.7"  # within the hour: not again

    cache.delete(tasks.PURGE_LOCK)  # an hour later
    notifications.comment_approved(fresh)
    assert kept(second_old) == (None, "")
    assert kept(fresh)[0] == "203.0.113.7"
