"""The newsroom's journal: who published, scheduled, unpublished, deleted or moderated
what, and when, readable by editors in the desk."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.urls import reverse
from django.utils import timezone

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.comments.models import Comment
from manchette.comments.tests.builders import make_comment
from manchette.desk.roles import AUTHOR, EDITOR, MODERATOR
from manchette.importers.tests.test_pasted_text import EXAMPLE

from .test_roles import article_form, member

pytestmark = pytest.mark.django_db

JOURNAL = reverse("admin:admin_logentry_changelist")


def journal(client) -> str:
    response = client.get(JOURNAL)
    assert response.status_code == 200
    return response.content.decode()


def change(client, article: Article, **fields):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form(article, title=article.title, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_publishing_and_scheduling_are_written_with_who_and_when(client):
    draft = make_article(title="Le budget est voté", status=Article.Status.DRAFT)
    later = make_article(title="Une annonce", status=Article.Status.DRAFT)
    client.force_login(member(EDITOR, "claire"))

    change(client, draft, status="published")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    change(
        client,
        later,
        status="scheduled",
        published_at_0=tomorrow.strftime("%d/%m/%Y"),
        published_at_1="09:30:00",
    )

    page = journal(client)
    assert "Le budget est voté" in page and "Publié" in page
    assert "Une annonce" in page and "Programmé pour le" in page
    assert "claire" in page


def test_unpublishing_from_the_list_is_written(client):
    article = make_article(title="Un article retiré")
    client.force_login(member(EDITOR, "claire"))

    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    assert "Dépublié (brouillon)" in journal(client)


def test_a_deletion_and_a_moderation_decision_are_written(client, admin_user):
    article = make_article(title="Un article supprimé")
    comment = make_comment(make_article(), text="Un avis douteux.", status=Comment.Status.PENDING)
    client.force_login(admin_user)

    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "mark_spam", "_selected_action": [comment.pk]},
    )

    page = journal(client)
    assert "Un article supprimé" in page and "Suppression" in page
    assert "Un avis douteux." in page and "Indésirable" in page


def test_a_scheduled_article_shows_as_published_at_its_time_by_the_system(client):
    article = make_article(title="Une annonce", status=Article.Status.DRAFT)
    client.force_login(member(EDITOR, "claire"))
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)

    change(
        client,
        article,
        status="scheduled",
        published_at_0=tomorrow.strftime("%d/%m/%Y"),
        published_at_1="09:30:00",
    )

    published = LogEntry.objects.get(object_id=str(article.pk), change_message="Publié")
    assert published.user.username == "système"
    assert timezone.localtime(published.action_time).strftime("%d/%m/%Y %H:%M") == (
        tomorrow.strftime("%d/%m/%Y") + " 09:30"
    )
    # The journal screen shows what happened (claire's scheduling), not yet what will.
    shown = client.get(JOURNAL).context["cl"].result_list
    who = {entry.user.username for entry in shown if entry.object_id == str(article.pk)}
    assert who == {"claire"}


def test_deleting_from_the_desk_writes_one_line_each(client, admin_user):
    one, other = make_article(title="Un"), make_article(title="Deux")
    client.force_login(admin_user)

    client.post(reverse("admin:articles_article_delete", args=[one.pk]), {"post": "yes"})
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )

    assert not Article.objects.filter(pk__in=[one.pk, other.pk]).exists()
    deletions = LogEntry.objects.filter(action_flag=DELETION).order_by("pk")
    assert [(e.object_id, e.object_repr) for e in deletions] == [
        (str(one.pk), "Un"),
        (str(other.pk), "Deux"),
    ]


def test_an_editor_publishing_a_pasted_text_is_written(client):
    make_article()  # the site has a category
    client.force_login(member(EDITOR, "claire"))

    client.post("/redaction/importer-un-texte/", {"text": EXAMPLE, "publish": "on"})

    article = Article.objects.exclude(import_ref="").get()
    assert article.is_public
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert (entry.user.username, entry.change_message) == ("claire", "Publié")


@pytest.mark.parametrize("role", [AUTHOR, MODERATOR])
def test_authors_and_moderators_do_not_read_the_journal(client, role):
    client.force_login(member(role, "quelqu-un"))

    assert client.get(JOURNAL).status_code == 403
