"""The index follows every change an article can go through, wherever it is made."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from manchette.articles.models import Article, Author, Byline, Tag
from manchette.articles.tests.builders import add_authors, add_tags, make_article
from manchette.desk.roles import EDITOR
from manchette.desk.tests.test_roles import article_form, member
from manchette.search.indexing import rebuild_index
from manchette.search.models import SearchDocument
from manchette.search.query import Filters, published_documents

from .conftest import titles


def test_a_published_article_is_found_at_once(backend):
    make_article(title="Grève des cheminots")

    assert titles("cheminots") == ["Grève des cheminots"]


def test_a_draft_is_never_found_and_publishing_it_makes_it_found(backend):
    article = make_article(title="Grève des cheminots", status=Article.Status.DRAFT)
    assert titles("cheminots") == []
    assert not SearchDocument.objects.exists()

    article.status = Article.Status.PUBLISHED
    article.save()

    assert titles("cheminots") == ["Grève des cheminots"]


def test_an_update_replaces_the_old_words(backend):
    article = make_article(title="Grève des cheminots")

    article.title = "Grève des contrôleurs"
    article.save()

    assert titles("cheminots") == []
    assert titles("contrôleurs") == ["Grève des contrôleurs"]


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.ARCHIVED])
def test_unpublishing_or_archiving_removes_the_article(backend, status):
    article = make_article(title="Grève des cheminots")

    article.status = status
    article.save()

    assert titles("cheminots") == []
    assert not SearchDocument.objects.filter(pk=article.pk).exists()


def test_an_unpublish_that_skips_save_still_hides_the_article(backend):
    # The desk's bulk "unpublish" action uses update(), which sends no signal: the
    # publication rule is applied at query time, so the article is gone all the same.
    article = make_article(title="Grève des cheminots")

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)

    assert titles("cheminots") == []


def test_a_deleted_article_is_gone_with_its_index_entry(backend):
    article = make_article(title="Grève des cheminots")
    add_authors(article, "Jeanne Dupont")
    add_tags(article, "Transports")

    article.delete()

    assert titles("cheminots") == []
    assert not SearchDocument.objects.exists()


def test_a_scheduled_article_is_found_from_its_time_without_reindexing(backend, monkeypatch):
    make_article(title="Annonce à midi", status=Article.Status.SCHEDULED, hours_ago=-2)
    assert titles("annonce") == []

    later = timezone.now() + datetime.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert titles("annonce") == ["Annonce à midi"]


def test_tags_added_removed_and_cleared_are_followed(backend):
    article = make_article(title="Sécheresse")
    (climat,) = add_tags(article, "Climat")
    assert titles("climat") == ["Sécheresse"]

    article.tags.remove(climat)
    assert titles("climat") == []

    climat.articles.add(article)  # from the tag's side
    assert titles("climat") == ["Sécheresse"]

    climat.articles.clear()
    assert titles("climat") == []


def test_a_renamed_tag_is_found_by_its_new_name(backend):
    article = make_article(title="Sécheresse")
    (tag,) = add_tags(article, "Climat")

    tag.name = "Environnement"
    tag.save()

    assert titles("environnement") == ["Sécheresse"]
    assert titles("climat") == []


def test_a_deleted_tag_no_longer_finds_its_articles(backend):
    article = make_article(title="Sécheresse")
    add_tags(article, "Climat")

    Tag.objects.get(name="Climat").delete()

    assert titles("climat") == []
    assert titles("sécheresse") == ["Sécheresse"]


def test_bylines_added_removed_and_authors_renamed_are_followed(backend):
    article = make_article(title="Sécheresse")
    (author,) = add_authors(article, "Jeanne Dupont")
    assert titles("dupont") == ["Sécheresse"]

    author.name = "Jeanne Martin"
    author.save()
    assert titles("dupont") == []
    assert titles("martin") == ["Sécheresse"]

    Byline.objects.filter(article=article).delete()
    assert titles("martin") == []


def test_a_deleted_author_no_longer_finds_their_articles(backend):
    article = make_article(title="Sécheresse")
    add_authors(article, "Jeanne Dupont")

    Author.objects.filter(name="Jeanne Dupont").delete()

    assert titles("dupont") == []


def test_an_article_published_through_the_desk_is_found_by_its_author(backend, client):
    existing = make_article(title="Déjà là")
    author = Author.objects.create(name="Lina Morel", slug="lina-morel")
    tag = Tag.objects.create(name="Canicule", slug="canicule")
    client.force_login(member(EDITOR, "editeur"))
    form = article_form(
        existing,
        title="Alerte rouge",
        status="published",
        tags=[tag.pk],
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-0-author": str(author.pk),
            "bylines-0-position": "0",
        },
    )

    response = client.post("/redaction/articles/article/add/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert titles("lina morel canicule alerte") == ["Alerte rouge"]


def test_a_bulk_rebuild_agrees_with_the_signals(backend):
    article = make_article(title="Sécheresse")
    add_tags(article, "Climat")
    add_authors(article, "Jeanne Dupont")
    make_article(title="Brouillon", status=Article.Status.DRAFT)
    fields = ["pk", "status", "published_at", "pub_date", "category", "article_type"]
    before = list(SearchDocument.objects.values_list(*fields))
    queries = ["sécheresse", "climat", "dupont", "brouillon"]
    found_before = [titles(query) for query in queries]

    assert rebuild_index() == 1

    assert list(SearchDocument.objects.values_list(*fields)) == before
    assert [titles(query) for query in queries] == found_before
    assert found_before == [["Sécheresse"], ["Sécheresse"], ["Sécheresse"], []]


def test_an_entry_left_behind_by_an_update_is_corrected_when_met(backend):
    article = make_article(title="Grève des cheminots")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ARCHIVED)

    assert titles("cheminots") == []
    assert not SearchDocument.objects.filter(pk=article.pk).exists()


@pytest.mark.parametrize("hours_ago", [48, 1, -1, -48])
@pytest.mark.parametrize("status", list(Article.Status))
def test_the_index_applies_the_same_rule_as_published(backend, status, hours_ago):
    make_article(title="Cheminots", status=status, hours_ago=hours_ago)

    published = set(Article.objects.published().values_list("pk", flat=True))
    found = set(published_documents(Filters(), timezone.now()).values_list("pk", flat=True))

    assert found == published
