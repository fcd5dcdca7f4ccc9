"""First-comment moderation (hold_first) is skipped only by a browser that posted an
approved comment with the same address, never by a typed address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.comments import browser
from manchette.comments.models import Comment
from manchette.comments.moderation import moderate

from .builders import form_data, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _hold_first(settings):
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_POLICY = "hold_first"


@pytest.fixture
def article() -> Article:
    return make_article(title="Un débat ouvert")


def post(client, article, text: str, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), form_data(text=text, **overrides)
    )


def status_of(text: str) -> str:
    return Comment.objects.get(text=text).status


@pytest.mark.parametrize("typed", ["jeanne@example.org", "JEANNE@Example.ORG"])
def test_typing_an_approved_commenters_address_is_held(article, typed):
    make_comment(article, email="jeanne@example.org", text="Un ancien commentaire.")

    post(Client(), article, "Je me fais passer pour Jeanne.", email=typed)

    assert status_of("Je me fais passer pour Jeanne.") == Comment.Status.PENDING


def test_the_browser_whose_comment_was_approved_is_published_at_once(client, article):
    post(client, article, "Mon premier commentaire.")
    assert status_of("Mon premier commentaire.") == Comment.Status.PENDING
    moderate(Comment.objects.get(), Comment.Status.APPROVED)

    post(client, article, "Mon deuxième commentaire.", email="Jeanne@Example.org")

    assert status_of("Mon deuxième commentaire.") == Comment.Status.APPROVED
    assert "Mon deuxième commentaire." in client.get(article.get_absolute_url()).content.decode()


def test_the_mark_does_not_carry_over_to_another_address(client, article):
    post(client, article, "Mon premier commentaire.")
    moderate(Comment.objects.get(), Comment.Status.APPROVED)

    post(client, article, "Sous un autre nom.", email="paul@example.org")

    assert status_of("Sous un autre nom.") == Comment.Status.PENDING


def test_a_first_comment_still_waiting_proves_nothing(client, article):
    make_comment(article, email="jeanne@example.org", text="Le vrai commentaire de Jeanne.")
    post(client, article, "Premier essai.")

    post(client, article, "Second essai.")

    assert status_of("Second essai.") == Comment.Status.PENDING


def test_a_forged_mark_proves_nothing(article):
    approved = make_comment(article, email="jeanne@example.org", text="Un ancien commentaire.")
    forger = Client()
    forger.cookies[browser.HISTORY_COOKIE] = f"{approved.pk}:forged:signature"

    post(forger, article, "Avec un faux cookie.")

    assert status_of("Avec un faux cookie.") == Comment.Status.PENDING


def test_the_mark_is_a_lax_http_only_cookie(client, article):
    response = post(client, article, "Mon premier commentaire.")

    mark = response.cookies[browser.HISTORY_COOKIE]
    assert mark["httponly"] and mark["samesite"] == "Lax"
    assert "jeanne" not in mark.value
