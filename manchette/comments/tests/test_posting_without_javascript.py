"""A reader without JavaScript posts in one step: the browser's Origin stands in for the
CSRF token a cached page cannot carry; a foreign Origin is refused."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from manchette.articles.tests.builders import make_article
from manchette.comments.models import Comment

from .builders import form_data

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.COMMENTS_MIN_SECONDS = 0


def browser_post(article, headers: dict, **overrides):
    """What a browser sends from the cached page: no token, no form time."""
    data = form_data(timestamp="", **overrides)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("comments:post", args=[article.pk]), data, headers=headers)
    return strict, response


def test_a_post_from_this_site_is_taken_in_one_step():
    article = make_article()

    browser, response = browser_post(article, {"Origin": SITE})

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    page = browser.get(response["Location"].split("#")[0]).content.decode()
    assert "Votre commentaire est en attente de modération." in page
    assert "vous seul voyez ce commentaire" in page


def test_sec_fetch_site_same_origin_is_enough_without_origin():
    _, response = browser_post(make_article(), {"Sec-Fetch-Site": "same-origin"})

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://attaquant.example"},
        {"Origin": "null"},
        {"Origin": "https://attaquant.example", "Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "cross-site"},
        {},
    ],
)
def test_a_post_from_elsewhere_without_token_is_refused(headers):
    _, response = browser_post(make_article(), headers)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_honeypot_still_refuses_a_post_from_this_site():
    _, response = browser_post(make_article(), {"Origin": SITE}, honeypot="http://spam.example")

    assert response.status_code == 400
    assert "Laissez vide le dernier champ" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_form_time_sent_too_fast_is_still_refused(settings):
    from manchette.comments import spam

    settings.COMMENTS_MIN_SECONDS = 60
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("comments:post", args=[make_article().pk]),
        form_data(timestamp=spam.form_timestamp()),
        headers={"Origin": SITE},
    )

    assert response.status_code == 400
    assert "arrivé trop vite" in response.content.decode()


def test_without_a_form_time_even_an_open_site_holds_the_comment(settings):
    settings.COMMENTS_POLICY = "approve_all"

    browser_post(make_article(), {"Origin": SITE})

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "sans JavaScript" in comment.reason


def test_with_a_form_time_an_open_site_publishes_at_once(settings):
    settings.COMMENTS_POLICY = "approve_all"
    strict = Client(enforce_csrf_checks=True)

    strict.post(
        reverse("comments:post", args=[make_article().pk]),
        form_data(),
        headers={"Origin": SITE},
    )

    assert Comment.objects.get().status == Comment.Status.APPROVED
