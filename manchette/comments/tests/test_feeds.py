"""RSS feeds of approved comments, for the whole site and for one article."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.comments.models import Comment
from manchette.comments.tests.builders import alice_comment as make_comment

pytestmark = pytest.mark.django_db

SITE_FEED = "/commentaires/flux/"
NNBSP = "\u202f"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


@pytest.fixture
def article() -> Article:
    return make_article(title="La réforme des retraites")


def article_feed(article: Article) -> str:
    return f"/commentaires/flux/article/{article.pk}/"


def channel(response) -> ET.Element:
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel")


def item_texts(response) -> list[str]:
    return [item.findtext("title") for item in channel(response).findall("item")]


def test_the_site_feed_is_french_rss_named_after_the_site(client, article):
    response = client.get(SITE_FEED)

    assert response["Content-Type"].startswith("application/rss+xml")
    feed = channel(response)
    assert feed.findtext("title") == f"Commentaires — {settings.SITE_NAME}"
    assert feed.findtext("language") == "fr"


def test_the_site_feed_has_approved_comments_only(client, article):
    make_comment(article, name="Publiée")
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.TRASH):
        make_comment(article, name=f"Cachée {status}", status=status)

    titles = item_texts(client.get(SITE_FEED))

    assert titles == [f"Publiée sur «{NNBSP}La réforme des retraites{NNBSP}»"]


def test_the_site_feed_leaves_out_articles_readers_cannot_see(client, article):
    draft = make_article(title="Brouillon", status=Article.Status.DRAFT)
    later = make_article(
        title="Programmé", published_at=timezone.now() + datetime.timedelta(hours=2)
    )
    make_comment(draft, name="Sur le brouillon")
    make_comment(later, name="Sur le programmé")
    make_comment(article, name="Visible")

    titles = item_texts(client.get(SITE_FEED))

    assert len(titles) == 1
    assert titles[0].startswith("Visible sur")


def test_the_site_feed_keeps_the_latest_fifty_newest_first(client, article):
    for number in range(52):
        make_comment(article, name=f"Lecteur {number}")

    titles = item_texts(client.get(SITE_FEED))

    assert len(titles) == 50
    assert titles[0].startswith("Lecteur 51 sur")
    assert titles[-1].startswith("Lecteur 2 sur")


def test_an_item_links_to_the_comment_with_its_author_name_and_date(client, article):
    comment = make_comment(article)

    (item,) = channel(client.get(SITE_FEED)).findall("item")

    assert item.findtext("link") == (
        f"http://testserver{article.get_absolute_url()}#commentaire-{comment.pk}"
    )
    assert item.findtext(DC_CREATOR) == "Alice Martin"
    assert item.find("author") is None
    assert item.findtext("pubDate") is not None
    assert str(comment.created_at.year) in item.findtext("pubDate")


def test_the_description_is_the_text_escaped_with_its_line_breaks(client, article):
    make_comment(article, text="Premier <b>gras</b> & co\nsuite\n\nAutre paragraphe")

    (item,) = channel(client.get(SITE_FEED)).findall("item")

    assert item.findtext("description") == (
        "<p>Premier &lt;b&gt;gras&lt;/b&gt; &amp; co<br>suite</p>\n\n<p>Autre paragraphe</p>"
    )


def test_no_email_address_appears_anywhere_in_the_feeds(client, article):
    make_comment(article, email="alice@example.org", notify_replies=True)
    make_comment(article, name="Bruno", email="bruno.secret@example.net")

    for url in (SITE_FEED, article_feed(article)):
        raw = client.get(url).content.decode()
        assert "alice@example.org" not in raw
        assert "bruno.secret" not in raw
        assert "@" not in raw


def test_the_site_feed_takes_one_query_however_many_comments(
    client, article, django_assert_num_queries
):
    other = make_article(title="Autre", category=article.category)
    for number in range(4):
        make_comment(article if number % 2 else other, name=f"Lecteur {number}")

    with django_assert_num_queries(1):
        response = client.get(SITE_FEED)

    assert len(channel(response).findall("item")) == 4


def test_the_article_feed_has_that_articles_approved_comments_only(client, article):
    other = make_article(title="Autre article")
    make_comment(article, name="Ici")
    make_comment(article, name="En attente", status=Comment.Status.PENDING)
    make_comment(other, name="Ailleurs")

    response = client.get(article_feed(article))

    feed = channel(response)
    assert feed.findtext("title") == f"Commentaires sur «{NNBSP}La réforme des retraites{NNBSP}»"
    assert feed.findtext("link") == f"http://testserver{article.get_absolute_url()}#commentaires"
    assert feed.findtext("language") == "fr"
    assert item_texts(response) == [f"Ici sur «{NNBSP}La réforme des retraites{NNBSP}»"]


def test_the_article_feed_takes_two_queries_however_many_comments(
    client, article, django_assert_num_queries
):
    for number in range(4):
        make_comment(article, name=f"Lecteur {number}")

    with django_assert_num_queries(2):
        response = client.get(article_feed(article))

    assert len(channel(response).findall("item")) == 4


def test_the_article_feed_of_an_unknown_article_is_not_found(client):
    assert client.get("/commentaires/flux/article/999999/").status_code == 404


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.ARCHIVED])
def test_the_article_feed_of_an_unpublished_article_is_not_found(client, status):
    hidden = make_article(title="Caché", status=status)
    make_comment(hidden)

    assert client.get(article_feed(hidden)).status_code == 404


def test_the_article_feed_of_a_scheduled_article_is_not_found_before_its_time(client):
    later = make_article(title="Plus tard", published_at=timezone.now() + datetime.timedelta(1))
    make_comment(later)

    assert client.get(article_feed(later)).status_code == 404
