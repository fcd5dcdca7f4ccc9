"""E-mails after a comment, received by a real local SMTP server."""

from __future__ import annotations

import datetime
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from manchette.articles.models import Article, Author, Byline
from manchette.articles.tests.builders import make_article
from manchette.comments import mail, moderation, notifications, privacy, tokens
from manchette.comments.models import Comment
from manchette.desk.roles import ADMINISTRATOR, EDITOR, MODERATOR

from .builders import form_data, make_comment
from .conftest import free_port

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAIL_LOGGER = "manchette.comments.mail"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_POLICY = "hold_first"
    settings.SITE_URL = "https://journal.example"


@pytest.fixture
def article() -> Article:
    return make_article(title="La réforme des retraites adoptée")


def make_user(username: str, *, email: str | None = None, group: str | None = None, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@redaction.example" if email is None else email,
        **fields,
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def post_data(**overrides) -> dict:
    bruno = {
        "text": "Je ne suis pas d’accord avec cette analyse.",
        "name": "Bruno Lecteur",
        "email": "bruno@example.org",
    }
    return form_data(**{**bruno, **overrides})


def post_comment(client, capture, article: Article, **overrides):
    # on_commit callbacks (the notifications) run only when the test's transaction
    # would commit: capture them and run them, as a real request would.
    with capture(execute=True):
        return client.post(reverse("comments:post", args=[article.pk]), post_data(**overrides))


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def run_like_the_worker(row: DBTaskResult):
    return row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])


# Replies


def test_a_reply_is_sent_to_the_commenter_who_asked_and_only_to_them(
    client, article, smtp_server, django_capture_on_commit_callbacks
):
    parent = make_comment(
        article,
        name="Alice Martin",
        email="alice@example.org",
        text="Et les carrières longues ?",
        notify_replies=True,
    )

    response = post_comment(
        client,
        django_capture_on_commit_callbacks,
        article,
        parent=str(parent.pk),
        text="Elles sont traitées à part, voir l’article 12.",
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.status == Comment.Status.PENDING
    assert smtp_server == []  # nothing for the reader until the reply is published

    with django_capture_on_commit_callbacks(execute=True):
        moderation.moderate(reply, Comment.Status.APPROVED)

    assert len(smtp_server) == 1
    received = smtp_server[0]
    assert received.envelope_to == ["alice@example.org"]
    assert received.message["To"] == "alice@example.org"
    assert "Bruno Lecteur a répondu à votre commentaire" in received.subject
    body = received.body
    assert "Bonjour Alice Martin," in body
    assert "Elles sont traitées à part, voir l’article 12." in body
    assert "https://journal.example" + reply.get_absolute_url() in body
    # The replier's address appears nowhere, headers included.
    assert b"bruno@example.org" not in received.raw.lower()

    unsubscribe = tokens.unsubscribe_url(parent)
    assert unsubscribe in links(body)
    assert str(received.message["List-Unsubscribe"]).strip() == f"<{unsubscribe}>"
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
    assert tokens.comment_from_unsubscribe_token(token) == parent
    if not (privacy.__doc__ or "").startswith("PLACEHOLDER"):
        path = unsubscribe.removeprefix("https://journal.example")
        assert client.get(path).status_code == 200
        # What a mail client does with the List-Unsubscribe-Post header (RFC 8058).
        one_click = client.post(path, {"List-Unsubscribe": "One-Click"})
        assert one_click.status_code == 200
        parent.refresh_from_db()
        assert parent.notify_replies is False


def test_no_reply_mail_to_a_commenter_who_did_not_ask(article, smtp_server):
    parent = make_comment(article, email="alice@example.org", notify_replies=False)
    reply = make_comment(article, parent=parent, email="bruno@example.org")

    notifications.comment_approved(reply)

    assert smtp_server == []


def test_no_reply_mail_for_answering_oneself(article, smtp_server):
    parent = make_comment(article, email="alice@example.org", notify_replies=True)
    reply = make_comment(article, parent=parent, email=" Alice@Example.org")

    notifications.comment_approved(reply)

    assert smtp_server == []


def test_a_line_break_in_a_name_does_not_break_the_subject(article, smtp_server):
    parent = make_comment(article, email="alice@example.org", notify_replies=True)
    reply = make_comment(article, parent=parent, name="Bruno\nBcc: x@example.org")

    notifications.comment_approved(reply)

    assert len(smtp_server) == 1
    assert smtp_server[0].envelope_to == ["alice@example.org"]
    assert "Bruno Bcc: x@example.org a répondu" in smtp_server[0].subject


# The moderators' digest


@pytest.fixture
def moderators() -> list[str]:
    make_user("moderatrice", group=MODERATOR)
    make_user("admin", group=ADMINISTRATOR)
    make_user("chef", is_superuser=True, is_staff=True)
    make_user("double", group=MODERATOR, email="double@redaction.example")
    get_user_model().objects.get(username="double").groups.add(
        Group.objects.get(name=ADMINISTRATOR)
    )
    # Not recipients: gone, without an address, or not a moderator.
    make_user("ancien", group=MODERATOR, is_active=False)
    make_user("sans-adresse", group=MODERATOR, email="")
    make_user("redactrice", group="Auteur")
    # Editors approve and refuse comments but cannot delete them: not in the digest.
    make_user("editrice", group=EDITOR)
    return [
        "moderatrice@redaction.example",
        "admin@redaction.example",
        "chef@redaction.example",
        "double@redaction.example",
    ]


def test_held_comments_make_one_digest_listing_all_of_them(article, moderators, smtp_server):
    other = make_article(title="Le budget de la culture en hausse")
    held = [
        make_comment(
            article,
            name="Claire",
            email="claire@example.org",
            text="Premier avis\nsur deux lignes.",
            status=Comment.Status.PENDING,
            reason="premier commentaire",
        ),
        make_comment(
            other,
            name="Denis",
            email="denis@example.org",
            text="Deuxième avis.",
            status=Comment.Status.PENDING,
        ),
        make_comment(
            article,
            name="Émilie",
            email="emilie@example.org",
            text="Troisième avis.",
            status=Comment.Status.PENDING,
        ),
    ]
    make_comment(article, name="Publié Déjà", text="Déjà publié.")

    for comment in held:
        notifications.comment_held(comment)

    assert len(smtp_server) == 1
    digest = smtp_server[0]
    assert sorted(digest.envelope_to) == sorted(moderators)
    assert "3 commentaires en attente de modération" in digest.subject
    body = digest.body
    assert "3 commentaires attendent votre modération" in body
    for name, address, title, text in [
        ("Claire", "claire@example.org", article.title, "Premier avis sur deux lignes."),
        ("Denis", "denis@example.org", other.title, "Deuxième avis."),
        ("Émilie", "emilie@example.org", article.title, "Troisième avis."),
    ]:
        assert f"{name} <{address}>" in body
        assert f"« {title} »" in body
        assert text in body
    assert "(premier commentaire)" in body
    assert "Déjà publié" not in body
    assert "https://journal.example/redaction/comments/comment/?status__exact=pending" in body


def test_the_next_digest_waits_for_the_lock_to_expire(article, moderators, smtp_server):
    notifications.comment_held(make_comment(article, status=Comment.Status.PENDING))
    notifications.comment_held(make_comment(article, status=Comment.Status.PENDING))
    assert len(smtp_server) == 1

    cache.delete(notifications.DIGEST_LOCK)  # COMMENTS_DIGEST_DELAY later
    notifications.comment_held(make_comment(article, status=Comment.Status.PENDING))

    assert len(smtp_server) == 2
    assert "3 commentaires attendent" in smtp_server[1].body


def test_a_digest_with_nobody_to_read_it_is_logged_and_skipped(article, smtp_server, caplog):
    make_user("redactrice", group="Auteur")
    comment = make_comment(article, status=Comment.Status.PENDING)

    with caplog.at_level(logging.WARNING, logger="manchette.comments.tasks"):
        notifications.comment_held(comment)

    assert smtp_server == []
    assert "no moderator with an e-mail address" in caplog.text


def test_the_digest_waits_the_delay_with_the_database_queue(article, moderators, settings):
    settings.TASKS = DATABASE_TASKS
    settings.COMMENTS_DIGEST_DELAY = 900
    before = timezone.now()

    for _ in range(3):
        notifications.comment_held(make_comment(article, status=Comment.Status.PENDING))

    digests = DBTaskResult.objects.filter(task_path__endswith=".send_moderation_digest")
    assert digests.count() == 1
    run_after = digests.get().run_after
    assert before + datetime.timedelta(seconds=900) <= run_after
    assert run_after <= timezone.now() + datetime.timedelta(seconds=900)


# Authors


def test_the_authors_hear_of_a_new_approved_comment(article, smtp_server):
    for position, (name, username) in enumerate([("Léa Dupont", "lea"), ("Marc Roux", "marc")]):
        author = Author.objects.create(name=name, slug=username, user=make_user(username))
        Byline.objects.create(article=article, author=author, position=position)
    without_account = Author.objects.create(name="Pigiste", slug="pigiste")
    Byline.objects.create(article=article, author=without_account, position=2)
    comment = make_comment(article, name="Nadia", email="nadia@example.org", text="Merci !")

    notifications.comment_approved(comment)

    assert len(smtp_server) == 1
    notice = smtp_server[0]
    assert notice.envelope_to == ["lea@redaction.example", "marc@redaction.example"]
    assert "Nouveau commentaire sur « La réforme des retraites adoptée »" in notice.subject
    assert "Nadia a écrit\u202f:\nMerci !" in notice.body
    assert "https://journal.example" + comment.get_absolute_url() in notice.body
    assert b"nadia@example.org" not in notice.raw


def test_no_author_notice_for_the_newsroom_s_own_reply(article, smtp_server):
    author = Author.objects.create(name="Léa Dupont", slug="lea", user=make_user("lea"))
    Byline.objects.create(article=article, author=author)
    staff = make_user("moderatrice", group=MODERATOR)
    comment = make_comment(article, by_staff=staff, email=staff.email)

    notifications.comment_approved(comment)

    assert smtp_server == []


def test_a_reply_tells_the_parent_and_the_authors_separately(article, smtp_server):
    author = Author.objects.create(name="Léa Dupont", slug="lea", user=make_user("lea"))
    Byline.objects.create(article=article, author=author)
    parent = make_comment(article, email="alice@example.org", notify_replies=True)
    reply = make_comment(article, parent=parent, email="bruno@example.org")

    notifications.comment_approved(reply)

    assert sorted(received.envelope_to for received in smtp_server) == [
        ["alice@example.org"],
        ["lea@redaction.example"],
    ]


# A mail server that fails


@pytest.fixture
def closed_port(settings) -> int:
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    return port


def assert_gave_up(caplog) -> None:
    failures = [r for r in caplog.records if r.name == MAIL_LOGGER and r.levelname == "WARNING"]
    assert [f"attempt {n})" in r.getMessage() for n, r in enumerate(failures, 1)] == [
        True
    ] * mail.MAX_ATTEMPTS
    assert any(
        r.levelname == "ERROR" and f"after {mail.MAX_ATTEMPTS} attempts" in r.getMessage()
        for r in caplog.records
        if r.name == MAIL_LOGGER
    )


def test_a_mail_server_that_is_down_does_not_reach_the_reader(
    client, article, moderators, closed_port, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.WARNING, logger=MAIL_LOGGER)

    response = post_comment(client, django_capture_on_commit_callbacks, article)

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#{comment.anchor}")
    assert comment.status == Comment.Status.PENDING
    assert_gave_up(caplog)


def test_a_mail_server_that_refuses_does_not_reach_the_reader(
    client, article, moderators, smtp_server, caplog, django_capture_on_commit_callbacks
):
    smtp_server.refuse = True
    caplog.set_level(logging.WARNING, logger=MAIL_LOGGER)

    response = post_comment(client, django_capture_on_commit_callbacks, article)

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert smtp_server == []
    assert_gave_up(caplog)
    assert "554" in caplog.text


def test_an_error_in_the_notifications_is_logged_not_raised(
    client, article, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(comment):
        raise RuntimeError("base de données indisponible")

    monkeypatch.setattr(notifications, "schedule_digest", broken)

    response = post_comment(client, django_capture_on_commit_callbacks, article)

    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert "Notifications for comment" in caplog.text


def test_a_failed_send_is_tried_again_later_with_the_database_queue(
    client, article, moderators, closed_port, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS

    response = post_comment(client, django_capture_on_commit_callbacks, article)

    assert response.status_code == 302
    assert Comment.objects.count() == 1
    digest = DBTaskResult.objects.get(task_path__endswith=".send_moderation_digest")
    sends = DBTaskResult.objects.filter(task_path="manchette.comments.mail.send_email")
    assert not sends.exists()  # nothing is sent during the reader's request

    assert run_like_the_worker(digest) == 1
    first = sends.get()
    assert first.args_kwargs["kwargs"]["to"] == moderators

    before = timezone.now()
    assert run_like_the_worker(first) is False

    retry = sends.exclude(pk=first.pk).get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.args_kwargs["kwargs"]["subject"] == first.args_kwargs["kwargs"]["subject"]
    assert before + datetime.timedelta(seconds=55) < retry.run_after
    assert retry.run_after < timezone.now() + datetime.timedelta(minutes=2)
    assert retry.run_after > timezone.now()
