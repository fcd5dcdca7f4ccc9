"""Titles in feeds are escaped once, and the article page announces its comments feed."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.comments.tests.builders import make_comment

pytestmark = pytest.mark.django_db

NNBSP = "\u202f"
TITLE = "AT&T rachète <Time> : « le pari »"
ATOM = "{http://www.w3.org/2005/Atom}"


def xml_of(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)


@pytest.fixture
def article() -> Article:
    return make_article(title=TITLE, standfirst="R&D & co")


@pytest.mark.parametrize("url", ["/flux/", "/politique/flux/"])
def test_an_rss_title_is_html_escaped_once(client, article, url):
    [item] = xml_of(client.get(url)).iter("item")

    # RSS readers take the title for HTML: escaped once, it reads as typed.
    title = item.findtext("title")
    assert title == "AT&amp;T rachète &lt;Time&gt; : « le pari »"
    assert html.unescape(title) == TITLE
    assert html.unescape(item.findtext("description")) == "R&D & co"


def test_an_atom_title_is_plain_text(client, article):
    [entry] = xml_of(client.get("/flux/atom/")).iter(f"{ATOM}entry")

    assert entry.findtext(f"{ATOM}title") == TITLE


@pytest.mark.parametrize("feed", ["/commentaires/flux/", "/commentaires/flux/article/{pk}/"])
def test_a_comment_title_is_html_escaped_once(client, article, feed):
    make_comment(article, name="Tom & Jerry")

    [item] = xml_of(client.get(feed.format(pk=article.pk))).iter("item")

    title = item.findtext("title")
    assert "&amp;amp;" not in title
    assert html.unescape(title) == f"Tom & Jerry sur «{NNBSP}{TITLE}{NNBSP}»"


def comments_feed_links(client, article: Article) -> list[tuple[str, str]]:
    page = client.get(article.get_absolute_url()).content.decode()
    head = page.split("</head>")[0]
    return [
        (html.unescape(title), href)
        for title, href in re.findall(
            r'<link rel="alternate" type="application/rss\+xml" title="(Commentaires[^"]*)" '
            r'href="([^"]*)">',
            head,
        )
    ]


def test_an_article_open_to_comments_announces_its_comments_feed(client, article):
    links = comments_feed_links(client, article)

    feed = f"/commentaires/flux/article/{article.pk}/"
    assert links == [(f"Commentaires sur «{NNBSP}{TITLE}{NNBSP}»", feed)]
    assert client.get(feed).status_code == 200


def test_a_closed_article_with_comments_still_announces_them(client, article):
    make_comment(article, name="Alice")
    Article.objects.filter(pk=article.pk).update(comments_open=False, comment_count=1)
    article.refresh_from_db()

    assert [href for _title, href in comments_feed_links(client, article)] == [
        f"/commentaires/flux/article/{article.pk}/"
    ]


def test_a_closed_article_without_comments_announces_no_comments_feed(client, article):
    article.comments_open = False
    article.save()

    assert comments_feed_links(client, article) == []
