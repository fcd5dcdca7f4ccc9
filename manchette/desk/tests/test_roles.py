"""What each newsroom role may do in the desk."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.desk.roles import AUTHOR, EDITOR, MODERATOR

pytestmark = pytest.mark.django_db


def member(role: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def article_form(article: Article | None = None, **changes) -> dict:
    data = {
        "title": "Un article de la rédaction",
        "slug": "",
        "standfirst": "Chapô.",
        "body": "<p>Texte <script>alert(1)</script>propre.</p>",
        "category": article.category_id if article else "",
        "article_type": "news",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "how_we_worked": "",
    }
    for prefix in ("bylines", "sources", "corrections"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def test_every_role_exists_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {AUTHOR, EDITOR, MODERATOR, "Administrateur"} <= names


def test_an_author_writes_a_draft_and_the_body_is_sanitized(client):
    existing = make_article()
    client.force_login(member(AUTHOR, "autrice"))

    response = client.post(
        "/redaction/articles/article/add/", article_form(existing, category=existing.category_id)
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(title="Un article de la rédaction")
    assert article.status == Article.Status.DRAFT
    assert "<script>" not in article.body and "alert" not in article.body
    assert article.slug == "un-article-de-la-redaction"


def test_an_author_cannot_publish(client):
    existing = make_article()
    client.force_login(member(AUTHOR, "autrice"))

    response = client.post(
        "/redaction/articles/article/add/",
        article_form(existing, status="published"),
    )

    # The status field does not even offer "published" to an author.
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Article.objects.filter(title="Un article de la rédaction").exists()


def test_an_author_cannot_open_someone_elses_article(client):
    other = make_article(status=Article.Status.DRAFT)
    client.force_login(member(AUTHOR, "autrice"))

    response = client.get(f"/redaction/articles/article/{other.pk}/change/")

    assert response.status_code == 302  # the admin sends them back: not theirs


def test_an_editor_publishes(client):
    existing = make_article()
    client.force_login(member(EDITOR, "editeur"))

    response = client.post(
        "/redaction/articles/article/add/",
        article_form(existing, status="published"),
    )

    assert response.status_code == 302
    article = Article.objects.get(title="Un article de la rédaction")
    assert article.is_public
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_moderator_cannot_edit_articles(client):
    article = make_article()
    client.force_login(member(MODERATOR, "moderateur"))

    response = client.post(
        f"/redaction/articles/article/{article.pk}/change/", article_form(article, title="Piraté")
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Piraté"


def test_anonymous_visitors_reach_nothing_of_the_desk(client):
    response = client.get("/redaction/articles/article/")
    assert response.status_code == 302
    assert "/redaction/login/" in response["Location"]


def test_the_desk_speaks_french(client, admin_user):
    client.force_login(admin_user)

    html = client.get("/redaction/").content.decode()

    assert "Rédaction" in html
    assert "Déconnexion" in html or "Se déconnecter" in html
