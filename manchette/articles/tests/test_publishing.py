"""The publication service: each change of an article's state, who may make it, and the
line it writes in the newsroom's journal, at the time it happens."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from manchette.articles import publishing
from manchette.articles.models import Article
from manchette.articles.publishing import PublishingRefused
from manchette.articles.tests.builders import make_article

pytestmark = pytest.mark.django_db

Status = Article.Status


def staff(username: str, *codenames: str):
    user = get_user_model().objects.create_user(username=username, password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return get_user_model().objects.get(pk=user.pk)  # without the cached permissions


@pytest.fixture
def editor():
    return staff("claire", "change_article", "delete_article", "publish_article")


@pytest.fixture
def author():
    return staff("paul", "change_article", "delete_article")


def lines(article: Article) -> list[tuple[str, str]]:
    """The journal's lines about `article`, oldest first: (who, what)."""
    entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("action_time", "pk")
    return [(e.user.username, e.change_message or e.get_action_flag_display()) for e in entries]


def draft(by=None, status: str = Status.DRAFT, **fields) -> Article:
    return make_article(status=status, published_at=None, created_by=by, **fields)


def tomorrow() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=1)


def test_an_editor_publishes_and_the_journal_says_who_and_when(editor):
    article = draft(title="Le budget est voté")
    start = timezone.now()

    publishing.publish(article, by=editor)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_public
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert (entry.user, entry.change_message, entry.action_flag) == (editor, "Publié", CHANGE)
    assert entry.object_repr == "Le budget est voté"
    assert start <= entry.action_time <= timezone.now()


def test_an_author_sends_their_draft_for_review_and_may_take_it_back(author):
    article = draft(by=author)

    publishing.submit_for_review(article, by=author)
    publishing.unpublish(article, by=author)

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert lines(article) == [("paul", "Envoyé en relecture"), ("paul", "État : Brouillon")]


@pytest.mark.parametrize(
    "change",
    [
        lambda a, by: publishing.publish(a, by=by),
        lambda a, by: publishing.schedule(a, tomorrow(), by=by),
        lambda a, by: publishing.archive(a, by=by),
    ],
    ids=["publish", "schedule", "archive"],
)
def test_an_author_may_not_publish_even_their_own_article(author, change):
    article = draft(by=author)

    with pytest.raises(PublishingRefused, match="Vous ne pouvez pas faire passer cet article"):
        change(article, author)

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert lines(article) == []


def test_an_author_may_not_touch_a_colleagues_draft(author):
    article = draft(by=staff("colleague", "change_article"))

    with pytest.raises(PublishingRefused):
        publishing.submit_for_review(article, by=author)
    with pytest.raises(PublishingRefused, match="Vous ne pouvez pas supprimer cet article."):
        publishing.delete(article, by=author)

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_an_author_may_not_unpublish_their_published_article(author):
    article = make_article(created_by=author)

    with pytest.raises(PublishingRefused, match="« Publié » à « Brouillon »"):
        publishing.unpublish(article, by=author)

    assert Article.objects.get(pk=article.pk).is_public


def test_an_editor_sends_an_article_back_with_a_note(editor, author):
    article = draft(by=author, status=Status.REVIEW)

    publishing.send_back(article, by=editor, note="Sources à vérifier")

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert lines(article) == [("claire", "État : Brouillon — note : Sources à vérifier")]


def test_only_an_article_in_review_is_sent_back(editor):
    with pytest.raises(PublishingRefused, match="Seul un article en relecture"):
        publishing.send_back(draft(), by=editor, note="?")


def test_unpublishing_and_archiving_are_journaled(editor):
    gone, archived = make_article(title="Retiré"), make_article(title="Ancien")

    publishing.unpublish(gone, by=editor)
    publishing.archive(archived, by=editor)

    assert lines(gone) == [("claire", "Dépublié (brouillon)")]
    assert lines(archived) == [("claire", "Dépublié (archivé)")]
    assert not Article.objects.published().filter(pk__in=[gone.pk, archived.pk]).exists()


def test_a_scheduled_article_is_journaled_as_published_at_its_time_by_the_system(editor):
    article = draft(title="Une annonce")
    at = tomorrow().replace(microsecond=0)

    publishing.schedule(article, at, by=editor)

    article.refresh_from_db()
    assert article.status == Status.SCHEDULED and not article.is_public
    scheduled, published = LogEntry.objects.filter(object_id=str(article.pk)).order_by(
        "action_time"
    )
    assert scheduled.user == editor
    assert scheduled.change_message.startswith("Programmé pour le ")
    assert scheduled.action_time < at
    assert (published.change_message, published.action_time) == ("Publié", at)
    assert published.user.username == "système"
    assert not published.user.is_active and not published.user.has_usable_password()


def test_moving_or_undoing_a_schedule_withdraws_the_systems_line(editor):
    moved, undone = draft(title="Déplacé"), draft(title="Annulé")
    first, second = tomorrow(), tomorrow() + datetime.timedelta(days=1)
    publishing.schedule(moved, first, by=editor)
    publishing.schedule(undone, first, by=editor)

    publishing.schedule(moved, second, by=editor)
    publishing.unpublish(undone, by=editor)

    system = LogEntry.objects.filter(user__username="système")
    assert list(system.values_list("object_id", "action_time")) == [(str(moved.pk), second)]
    assert [what for _who, what in lines(undone)][-1] == "Dépublié (brouillon)"


def test_a_scheduled_article_published_early_is_published_now(editor):
    article = draft()
    publishing.schedule(article, tomorrow(), by=editor)

    publishing.publish(article, by=editor)

    assert Article.objects.get(pk=article.pk).is_public
    assert lines(article)[1:] == [("claire", "Publié")]


def test_editing_an_article_that_went_live_at_its_time_adds_no_second_publication(editor):
    article = draft()
    publishing.schedule(article, tomorrow(), by=editor)
    # The time has come: what the database holds once its publication time is past.
    past = timezone.now() - datetime.timedelta(minutes=5)
    Article.objects.filter(pk=article.pk).update(published_at=past)
    LogEntry.objects.filter(user__username="système").update(action_time=past)
    article.refresh_from_db()

    article.title = "Un titre corrigé"
    publishing.save_article(article, by=editor)

    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED
    assert [what for _who, what in lines(article)].count("Publié") == 1


def test_a_schedule_must_be_in_the_future(editor):
    with pytest.raises(ValueError, match="dans le futur"):
        publishing.schedule(draft(), timezone.now(), by=editor)


def test_deleting_writes_one_line_and_withdraws_a_pending_publication(editor):
    article = draft(title="Un article supprimé")
    publishing.schedule(article, tomorrow(), by=editor)
    pk = article.pk

    publishing.delete(article, by=editor)

    assert not Article.objects.filter(pk=pk).exists()
    entry = LogEntry.objects.get(object_id=str(pk), action_flag=DELETION)
    assert (entry.user, entry.object_repr) == (editor, "Un article supprimé")
    assert not LogEntry.objects.filter(user__username="système").exists()


def test_an_author_deletes_their_draft_but_not_their_published_article(author):
    mine, live = draft(by=author), make_article(created_by=author)

    publishing.delete(mine, by=author)
    with pytest.raises(PublishingRefused):
        publishing.delete(live, by=author)

    assert not Article.objects.filter(pk=mine.pk).exists()
    assert Article.objects.filter(pk=live.pk).exists()


def test_a_command_publishes_in_the_systems_name():
    article = draft()

    publishing.publish(article, by=None)

    assert lines(article) == [("système", "Publié")]


def test_an_import_sets_statuses_without_journal_and_keeps_a_scheduled_article_live():
    scheduled = make_article(status=Status.SCHEDULED, published_at=tomorrow())

    publishing.set_imported_status(scheduled, Status.PUBLISHED)
    assert scheduled.status == Status.SCHEDULED
    publishing.set_imported_status(scheduled, Status.DRAFT)
    scheduled.save()

    assert Article.objects.get(pk=scheduled.pk).status == Status.DRAFT
    assert lines(scheduled) == []


def test_who_may_set_which_status(editor, author):
    assert publishing.statuses_for(editor) == list(Status.values)
    assert publishing.statuses_for(author) == [Status.DRAFT, Status.REVIEW]
    assert publishing.may_publish(editor) and not publishing.may_publish(author)
