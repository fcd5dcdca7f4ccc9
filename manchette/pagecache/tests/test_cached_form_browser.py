"""Commenting from a page served by the page cache, in Chromium: with JavaScript the
token comes from a small request; without it, the browser's Origin lets it post in one
step."""

from __future__ import annotations

import urllib.request

import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from manchette.articles.tests.builders import make_article
from manchette.comments.models import Comment
from manchette.pagecache import versions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _cached(settings):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True  # as in production
    settings.COMMENTS_MIN_SECONDS = 0
    caches[versions.ALIAS].clear()


@pytest.fixture
def cached_url(live_server) -> str:
    article = make_article(title="Un article très lu")
    url = live_server.url + article.get_absolute_url()
    # Earlier readers: the last one already got the stored copy.
    states = []
    for _ in range(3):
        with urllib.request.urlopen(url) as response:
            states.append(response.headers["X-Page-Cache"])
    assert states[-1] == "hit"
    return url


def fill(page, text: str) -> None:
    page.get_by_role("textbox", name="Commentaire", exact=True).fill(text)
    page.get_by_role("textbox", name="Nom", exact=True).fill("Lectrice Matinale")
    page.get_by_role("textbox", name="E-mail", exact=True).fill("matinale@example.org")
    page.get_by_role("button", name="Publier le commentaire").click()


def test_with_javascript_a_comment_posts_from_the_cached_page(chromium, cached_url):
    context = chromium.new_context()
    page = context.new_page()
    response = page.goto(cached_url)
    assert response.headers["x-page-cache"] == "hit"

    fill(page, "Posté depuis une page en cache.")

    expect(page.locator(".comments__status")).to_contain_text("en attente de modération")
    assert Comment.objects.get().text == "Posté depuis une page en cache."
    context.close()


def test_without_javascript_the_comment_is_in_at_once(chromium, cached_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(cached_url)

    fill(page, "Posté sans JavaScript.")

    expect(page.locator(".comments__status")).to_contain_text("en attente de modération")
    expect(page.locator(".comment--pending")).to_contain_text("vous seul voyez ce commentaire")
    assert Comment.objects.get().text == "Posté sans JavaScript."
    context.close()
