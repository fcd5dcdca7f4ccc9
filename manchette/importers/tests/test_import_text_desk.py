"""The desk form "Importer un texte"."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from manchette.articles.models import Article, Category
from manchette.desk.roles import AUTHOR, EDITOR, MODERATOR

from .test_pasted_text import CAPTION, EXAMPLE, HEADLINE, SOURCE_URL

pytestmark = pytest.mark.django_db

URL = "/redaction/importer-un-texte/"


def member(role: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def societe() -> Category:
    Category.objects.create(name="Économie", slug="economie", position=0)
    return Category.objects.create(name="Société", slug="societe", position=1)


@pytest.fixture
def author_client(client, societe):
    client.force_login(member(AUTHOR, "autrice"))
    return client


def test_it_is_reachable_from_the_articles_list(author_client):
    response = author_client.get("/redaction/articles/article/")

    assert reverse("admin:import_text") == URL
    assert response.status_code == 200
    assert f'<a href="{URL}" class="addlink">Importer un texte</a>' in response.content.decode()


def test_an_author_sees_the_form_without_the_publish_box(author_client):
    response = author_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Importer un texte" in page
    assert 'name="text"' in page and 'name="source_url"' in page and 'name="category"' in page
    assert 'name="publish"' not in page


def test_an_editor_may_publish_at_once(client, societe):
    client.force_login(member(EDITOR, "editeur"))

    assert 'name="publish"' in client.get(URL).content.decode()
    response = client.post(URL, {"text": EXAMPLE, "publish": "on"})

    article = Article.objects.get()
    assert response.status_code == 302
    assert article.is_public


def test_an_author_cannot_publish_even_by_posting_the_box(author_client):
    author_client.post(URL, {"text": EXAMPLE, "publish": "on"})

    assert Article.objects.get().status == Article.Status.DRAFT


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/redaction/login/")


def test_a_moderator_may_not_import(client, societe):
    client.force_login(member(MODERATOR, "moderatrice"))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": EXAMPLE}).status_code == 403
    assert not Article.objects.exists()


def test_the_example_becomes_a_draft_and_the_editor_lands_on_it(author_client, societe):
    response = author_client.post(URL, {"text": EXAMPLE, "source_url": SOURCE_URL}, follow=True)

    article = Article.objects.get()
    assert response.redirect_chain == [
        (reverse("admin:articles_article_change", args=[article.pk]), 302)
    ]
    assert article.title == HEADLINE
    assert article.status == Article.Status.DRAFT
    assert article.category == societe
    assert article.created_by.username == "autrice"
    assert CAPTION in article.body and "<h2>Ce que disent les commerçants</h2>" in article.body
    assert [(s.label, s.url) for s in article.sources.all()] == [("Lien externe", SOURCE_URL)]
    page = response.content.decode()
    assert f"« {HEADLINE} » est créé en brouillon, à partir du texte collé." in page
    assert "Reconnu dans le texte :" in page
    assert "<li>Légende : " + CAPTION + "</li>" in page


def test_the_chosen_category_wins(author_client, societe):
    economie = Category.objects.get(slug="economie")

    author_client.post(URL, {"text": EXAMPLE, "category": economie.pk})

    assert Article.objects.get().category == economie


def test_previewing_shows_what_is_recognised_and_creates_nothing(author_client):
    response = author_client.post(URL, {"text": EXAMPLE, "preview": "1"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce que le texte contient" in page
    assert f"<dd>{CAPTION}</dd>" in page
    assert "<dd>Société</dd>" in page
    assert "<dd>Des pistes plus larges depuis le printemps — 1 paragraphe</dd>" in page
    assert "<dd>« Pinterest Hidden » (partage)</dd>" in page
    assert not Article.objects.exists()


def test_an_empty_text_is_refused_in_french(author_client):
    response = author_client.post(URL, {"text": "   "})

    assert response.status_code == 200
    assert "Collez le texte d’une page : le champ est vide." in response.content.decode()
    assert not Article.objects.exists()


def test_a_text_without_headline_is_refused_and_kept(author_client):
    text = "Une phrase seulement.\nEt une autre phrase.\nPartager\n"

    response = author_client.post(URL, {"text": text, "source_url": SOURCE_URL})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Aucun titre reconnu" in page
    assert "Une phrase seulement.\nEt une autre phrase.\nPartager" in page
    assert SOURCE_URL in page
    assert not Article.objects.exists()


def test_a_text_already_imported_is_refused_with_a_link(author_client):
    author_client.post(URL, {"text": EXAMPLE})
    article = Article.objects.get()

    response = author_client.post(URL, {"text": EXAMPLE})

    page = response.content.decode()
    assert "Ce texte a déjà été importé" in page
    assert reverse("admin:articles_article_change", args=[article.pk]) in page
    assert Article.objects.count() == 1
