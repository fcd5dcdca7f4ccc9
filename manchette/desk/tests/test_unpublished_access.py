"""Drafts and scheduled articles: seen only by whoever may edit them (their author, an
editor), whichever address is asked, and preview links that die with what they showed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from manchette.articles.models import Article, Author, Byline
from manchette.articles.tests.builders import make_article
from manchette.desk.roles import AUTHOR, EDITOR, MODERATOR

pytestmark = pytest.mark.django_db

GONE = "Ce lien d’aperçu n’est plus valable"


def member(role: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice():
    user = member(AUTHOR, "alice")
    Author.objects.create(name="Alice Martin", slug="alice-martin", user=user)
    return user


def article_by(user, **fields) -> Article:
    article = make_article(created_by=user, **fields)
    Byline.objects.create(article=article, author=user.author)
    return article


@pytest.fixture
def draft(alice):
    return article_by(alice, title="Brouillon d’Alice", status=Article.Status.DRAFT)


@pytest.fixture
def scheduled(alice):
    return article_by(alice, title="Annonce d’Alice", hours_ago=-5)


def shortcut(article: Article) -> str:
    content_type = ContentType.objects.get_for_model(Article)
    return reverse("admin:view_on_site", args=[content_type.pk, article.pk])


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def preview_url(article: Article) -> str:
    return reverse("desk:preview", kwargs={"token": article.preview_token()})


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_another_journalist_is_refused_at_every_address(request, which):
    article = request.getfixturevalue(which)
    bob = as_user(member(AUTHOR, "bob"))

    assert bob.get(shortcut(article)).status_code == 404
    assert bob.get(article.get_absolute_url()).status_code == 404
    assert bob.get(f"/redaction/articles/article/{article.pk}/change/").status_code == 302


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_a_moderator_who_reads_articles_is_refused_too(request, which):
    article = request.getfixturevalue(which)
    moderator = as_user(member(MODERATOR, "modo"))

    assert moderator.get(shortcut(article)).status_code == 404
    assert moderator.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_the_author_and_an_editor_see_it(request, alice, which):
    article = request.getfixturevalue(which)
    for user in (alice, member(EDITOR, "edith")):
        response = as_user(user).get(shortcut(article), follow=True)

        assert response.status_code == 200
        assert article.title in response.content.decode()
        assert "Aperçu" in response.content.decode()
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_co_author_named_in_the_byline_sees_it(draft):
    bob = member(AUTHOR, "bob")
    Byline.objects.create(
        article=draft, author=Author.objects.create(name="Bob", slug="bob", user=bob)
    )

    assert as_user(bob).get(draft.get_absolute_url()).status_code == 200


def test_a_public_article_is_reached_from_the_shortcut_by_any_member():
    article = make_article(title="Déjà publié")

    response = as_user(member(MODERATOR, "modo")).get(shortcut(article))

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()


def test_a_preview_link_shows_the_draft_to_anyone_who_has_it(draft):
    response = Client().get(preview_url(draft))

    assert response.status_code == 200
    assert "Brouillon d’Alice" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_preview_link_dies_when_the_article_changes_author(draft):
    url = preview_url(draft)
    Byline.objects.filter(article=draft).update(
        author=Author.objects.create(name="Quelqu’un d’autre", slug="autre")
    )

    response = Client().get(url)

    assert response.status_code == 410
    assert GONE in response.content.decode()
    assert "Brouillon d’Alice" not in response.content.decode()


def test_a_preview_link_dies_when_the_article_is_deleted(draft):
    url = preview_url(draft)
    draft.delete()

    response = Client().get(url)

    assert response.status_code == 410
    assert GONE in response.content.decode()


def test_a_preview_link_dies_when_the_scheduled_article_is_unpublished(scheduled):
    url = preview_url(scheduled)
    assert Client().get(url).status_code == 200
    scheduled.status = Article.Status.DRAFT
    scheduled.save()

    response = Client().get(url)

    assert response.status_code == 410
    assert GONE in response.content.decode()


def test_an_old_draft_link_stays_dead_after_publication_and_unpublication(draft):
    draft.published_at = None
    draft.save()
    url = preview_url(draft)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    draft.status = Article.Status.DRAFT
    draft.save()

    assert Client().get(url).status_code == 410


def test_a_link_to_an_article_now_public_leads_to_its_address(scheduled):
    url = preview_url(scheduled)
    Article.objects.filter(pk=scheduled.pk).update(published_at=make_article().published_at)

    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/politique/")


def test_a_forged_link_gets_a_french_page(client):
    response = client.get("/redaction/apercu/faux-jeton/")

    assert response.status_code == 404
    assert "Ce lien d’aperçu n’existe pas" in response.content.decode()
