"""Posting a comment under an article, with and without JavaScript."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.comments.models import Comment

from .builders import form_data, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.COMMENTS_MIN_SECONDS = 0


@pytest.fixture
def article() -> Article:
    return make_article(title="Un article ouvert aux commentaires")


def post(client, article, **overrides):
    return client.post(reverse("comments:post", args=[article.pk]), form_data(**overrides))


def test_a_first_comment_waits_for_moderation_and_its_author_is_told(client, article):
    response = post(client, article)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302
    assert response["Location"].startswith(article.get_absolute_url() + "?commentaire=")
    assert response["Location"].endswith(f"#commentaire-{comment.pk}")
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Votre commentaire est en attente de modération" in page
    assert "Un avis argumenté sur l’article." in page
    # Other readers do not see it.
    assert "Un avis argumenté" not in Client().get(article.get_absolute_url()).content.decode()


def test_the_link_sent_back_shows_the_pending_comment_to_its_browser_only(client, article):
    response = post(client, article)
    link = response["Location"].split("#")[0]

    own = client.get(link)
    assert "vous seul voyez ce commentaire" in own.content.decode()
    assert "no-store" in own["Cache-Control"]
    # Anyone the link is passed to within the hour sees nothing of it.
    other = Client().get(link).content.decode()
    assert "Un avis argumenté" not in other
    assert "vous seul voyez ce commentaire" not in other


def test_the_own_comment_cookie_shows_nothing_without_the_link(client, article):
    post(client, article)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Un avis argumenté" not in html


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("hold_all", Comment.Status.PENDING), ("approve_all", Comment.Status.APPROVED)],
)
def test_the_site_policy_decides_for_everyone(client, article, settings, policy, expected):
    settings.COMMENTS_POLICY = policy
    make_comment(article, email="jeanne@example.org", text="Déjà approuvé.")

    post(client, article)

    assert Comment.objects.get(text="Un avis argumenté sur l’article.").status == expected


def test_with_javascript_the_comment_comes_back_as_json(client, article, settings):
    settings.COMMENTS_POLICY = "approve_all"

    response = client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(),
        headers={"accept": "application/json"},
    )

    data = response.json()
    assert response.status_code == 201
    assert data["ok"] and data["status"] == "approved"
    assert "Un avis argumenté sur l’article." in data["html"]
    assert "jeanne@example.org" not in response.content.decode()


def test_errors_come_back_in_french_next_to_the_fields_with_everything_kept(client, article):
    response = post(client, article, name="", email="pas-une-adresse", website="pas un site")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Indiquez votre nom." in html
    assert "Cette adresse e-mail n’est pas valide." in html
    assert "Cette adresse de site web n’est pas valide." in html
    assert "Un avis argumenté sur l’article.</textarea>" in html
    assert 'value="pas-une-adresse"' in html
    assert 'aria-invalid="true"' in html
    assert not Comment.objects.exists()


def test_json_errors_name_each_field(client, article):
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(text=""),
        headers={"accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["errors"]["text"] == ["Écrivez votre commentaire."]


def test_a_text_over_the_limit_is_refused_and_kept(client, article):
    long_text = "mot " * 1300

    response = post(client, article, text=long_text)

    html = response.content.decode()
    assert response.status_code == 400
    assert "dépasse 5000 caractères" in html
    assert long_text.strip() in html
    assert not Comment.objects.exists()


def test_html_and_scripts_are_shown_as_text(client, article, settings):
    settings.COMMENTS_POLICY = "approve_all"

    post(client, article, name="<b>Moi</b>", text="<script>alert('x')</script> et <i>toi</i>")

    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Moi&lt;/b&gt;" in html
    assert "<script>alert" not in html


def test_emoji_and_every_script_are_welcome(client, article, settings):
    settings.COMMENTS_POLICY = "approve_all"
    text = "Très juste 👏 — Спасибо — شكرا — 谢谢 — שלום"

    post(client, article, name="Zoë Ñúñez 🌻", text=text)

    html = client.get(article.get_absolute_url()).content.decode()
    assert text in html
    assert "Zoë Ñúñez 🌻" in html


def test_the_website_links_the_name_with_nofollow_ugc(client, article, settings):
    settings.COMMENTS_POLICY = "approve_all"

    post(client, article, website="https://blog.example.org/")

    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<a href="https://blog.example.org/" rel="nofollow ugc noopener">Jeanne Lecteur</a>' in html
    )


@pytest.mark.parametrize(
    "change",
    [
        {"comments_open": False},
        {"published_at": timezone.now() - datetime.timedelta(days=40)},
        {"status": Article.Status.DRAFT},
    ],
)
def test_a_closed_or_unpublished_article_refuses_comments(client, article, change):
    Article.objects.filter(pk=article.pk).update(**change)

    response = post(client, article)

    assert response.status_code in (403, 404)
    assert "commentaires" in response.content.decode().lower()
    assert not Comment.objects.exists()


def test_an_article_can_keep_comments_open_longer_than_the_site_rule(client, article):
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=40), comments_close_after_days=0
    )

    post(client, article)

    assert Comment.objects.count() == 1


def test_an_unknown_article_gets_a_french_message(client):
    response = client.post(reverse("comments:post", args=[99999]), form_data())

    assert response.status_code == 404
    assert "n’existe pas" in response.content.decode()


def test_a_closed_article_shows_no_form(client, article):
    Article.objects.filter(pk=article.pk).update(comments_open=False)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Les commentaires sont fermés pour cet article." in html
    assert "Publier le commentaire" not in html


def test_a_missing_csrf_token_gets_a_french_403():
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(reverse("comments:my-data"), {"email": "jeanne@example.org"})

    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


def test_a_comment_without_token_is_kept_for_the_reader_to_confirm():
    """A browser that sends no Origin (an old one, or a privacy extension) and has no
    token: the post is refused (403) with the comment as typed and a token, and the
    second goes through."""
    strict = Client(enforce_csrf_checks=True)
    article = make_article(title="Un article en cache")
    typed = form_data(text="Mon avis, écrit sans JavaScript.", name="Lectrice Prudente")

    refused = strict.post(reverse("comments:post", args=[article.pk]), typed)

    assert refused.status_code == 403
    assert not Comment.objects.exists()
    page = refused.content.decode()
    assert "Confirmez l’envoi de votre commentaire" in page
    assert "Mon avis, écrit sans JavaScript." in page
    assert 'value="Lectrice Prudente"' in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    timestamp = re.search(r'name="timestamp" value="([^"]+)"', page).group(1)

    confirmed = strict.post(
        reverse("comments:post", args=[article.pk]),
        {**typed, "csrfmiddlewaretoken": token, "timestamp": timestamp},
    )

    assert confirmed.status_code == 302
    assert Comment.objects.get().text == "Mon avis, écrit sans JavaScript."


def test_the_form_token_comes_from_a_small_request_never_cached(client):
    response = client.get(reverse("comments:token"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["csrf"] and data["timestamp"]
    assert "csrftoken" in response.cookies


def test_a_reply_to_a_comment_of_another_article_is_refused(client, article):
    elsewhere = make_comment(make_article(title="Un autre article"))

    response = post(client, article, parent=elsewhere.pk)

    assert response.status_code == 400
    assert "ne peut pas recevoir de réponse" in response.content.decode()
    assert Comment.objects.count() == 1


def test_replies_are_threaded_up_to_the_maximum_depth(client, article, settings):
    settings.COMMENTS_POLICY = "approve_all"
    top = make_comment(article)
    reply = make_comment(article, parent=top)
    deep = make_comment(article, parent=reply)
    assert (top.depth, reply.depth, deep.depth) == (0, 1, 2)

    post(client, article, parent=deep.pk, text="Plus profond encore.")

    deeper = Comment.objects.get(text="Plus profond encore.")
    assert deeper.parent == reply  # joins the last level instead of nesting further
    assert deeper.depth == 2 and deeper.thread == top


def test_the_reply_link_works_without_javascript(client, article):
    top = make_comment(article, name="Marc")

    html = client.get(article.get_absolute_url() + f"?repondre={top.pk}").content.decode()

    assert "Vous répondez à" in html and "<strong data-reply-name>Marc</strong>" in html
    assert f'name="parent" value="{top.pk}"' in html
