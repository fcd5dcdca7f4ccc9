"""Open Graph and X cards in the page head, as the networks' crawlers read them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import extruct
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from manchette.articles.tests.builders import make_article

from .test_structured_data import BASE, full_article

pytestmark = pytest.mark.django_db


class _Head(HTMLParser):
    """The head's <meta name=…> values (X reads those), the canonical link and description."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, str] = {}
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "meta" and "name" in attributes:
            self.names[attributes["name"]] = attributes.get("content", "")
        if tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes["href"]


def cards(client, url: str) -> tuple[dict, _Head]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    (opengraph,) = extruct.extract(
        html,
        base_url=BASE + url,
        syntaxes=["opengraph"],
        uniform=True,
        with_og_array=True,
    )["opengraph"]
    head = _Head()
    head.feed(html[: html.index("</head>")])
    return opengraph, head


def test_the_article_has_an_open_graph_card(client):
    article = full_article()
    url = BASE + article.get_absolute_url()

    og, head = cards(client, article.get_absolute_url())

    assert og["@type"] == "article"
    assert og["og:title"] == "Le conseil vote un budget historique"
    assert og["og:description"] == "Un chapô qui résume."
    assert og["og:url"] == url
    assert og["og:site_name"] == "Le Courrier du Matin"
    assert og["og:locale"] == "fr_FR"
    assert re.fullmatch(BASE + r"/media/renditions/.+/social-1200w-\w+\.jpg", og["og:image"])
    assert og["og:image:type"] == "image/jpeg"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "628")
    assert og["og:image:alt"] == "Une illustration bleue"
    assert og["article:published_time"] == "2026-11-23T18:05:00+01:00"
    assert og["article:modified_time"] == "2026-11-23T20:05:00+01:00"
    assert og["article:section"] == "Politique"
    assert og["article:tag"] == ["Budget", "Climat"]
    assert og["article:author"] == [
        BASE + "/auteur/claire-martin/",
        BASE + "/auteur/paul-durand/",
    ]


def test_the_social_image_is_a_stored_1200_by_628_jpeg(client):
    article = full_article()
    og, _ = cards(client, article.get_absolute_url())

    name = og["og:image"].removeprefix(BASE + settings.MEDIA_URL)
    with default_storage.open(name) as stored, PILImage.open(stored) as picture:
        assert (picture.format, picture.size) == ("JPEG", (1200, 628))


def test_the_article_has_a_large_x_card(client):
    article = full_article()

    og, head = cards(client, article.get_absolute_url())

    assert head.names["twitter:card"] == "summary_large_image"
    assert head.names["twitter:title"] == "Le conseil vote un budget historique"
    assert head.names["twitter:description"] == "Un chapô qui résume."
    assert head.names["twitter:image"] == og["og:image"]
    assert head.names["twitter:image:alt"] == "Une illustration bleue"


def test_the_canonical_link_and_description_come_from_the_article(client):
    article = full_article()

    og, head = cards(client, article.get_absolute_url())

    assert head.canonical == og["og:url"] == BASE + article.get_absolute_url()
    assert head.names["description"] == "Un chapô qui résume."


def test_without_a_lead_image_the_card_is_a_summary(client):
    article = make_article()

    og, head = cards(client, article.get_absolute_url())

    assert "og:image" not in og
    assert "twitter:image" not in head.names
    assert head.names["twitter:card"] == "summary"


def test_a_title_is_escaped_in_the_cards(client):
    article = make_article(title='Le « oui » " /><script>alert(1)</script>')

    og, head = cards(client, article.get_absolute_url())
    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert og["og:title"] == head.names["twitter:title"] == article.title


def test_the_front_page_is_a_website_card(client):
    og, head = cards(client, "/")

    assert og["@type"] == "website"
    assert og["og:title"] == "Le Courrier du Matin"
    assert og["og:description"] == "L’actualité en continu, vérifiée et sourcée."
    assert og["og:description"] == head.names["description"]
    assert og["og:url"] == head.canonical == BASE + "/"
    assert og["og:locale"] == "fr_FR"
