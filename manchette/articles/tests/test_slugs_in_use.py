"""Article addresses: taken from the title, unique within their day, stable."""

from __future__ import annotations

import pytest

from .builders import make_article

pytestmark = pytest.mark.django_db


def test_the_slug_comes_from_the_french_title():
    article = make_article(title="Élysée : l'été")

    assert article.slug == "elysee-lete"
    assert article.get_absolute_url().endswith("/elysee-lete/")


def test_two_articles_of_the_same_day_get_different_addresses(client):
    first = make_article(title="Même titre")
    second = make_article(title="Même titre")

    assert first.slug == "meme-titre"
    assert second.slug == "meme-titre-2"
    assert client.get(first.get_absolute_url()).context["article"] == first
    assert client.get(second.get_absolute_url()).context["article"] == second


def test_the_same_title_on_another_day_keeps_its_plain_slug():
    make_article(title="Chaque jour", hours_ago=1)
    other = make_article(title="Chaque jour", hours_ago=72)

    assert other.slug == "chaque-jour"


def test_a_new_title_does_not_move_a_published_article():
    article = make_article(title="Premier titre")
    url = article.get_absolute_url()

    article.title = "Titre corrigé"
    article.save()

    assert article.get_absolute_url() == url
