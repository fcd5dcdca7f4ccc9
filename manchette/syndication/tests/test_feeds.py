"""RSS and Atom feeds of the site, a category, a topic and an author."""

from __future__ import annotations

import datetime
import html
import re

import feedparser
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from manchette.articles.models import Article, Category
from manchette.articles.tests.builders import add_authors, add_tags, make_article, make_lead_image
from manchette.images.models import Image

pytestmark = pytest.mark.django_db

FEEDS = {
    "site": "/flux/",
    "category": "/politique/flux/",
    "topic": "/sujet/budget/flux/",
    "author": "/auteur/claire-martin/flux/",
}
EVERY_FEED = [
    pytest.param(path + atom, id=f"{kind}-{'atom' if atom else 'rss'}")
    for kind, path in FEEDS.items()
    for atom in ("", "atom/")
]


def make_image(seed: int = 3) -> Image:
    # Small, so that few renditions are made; big enough for a "lead" and a "thumb".
    return make_lead_image(seed, 500, 333, caption="La place.", credit="Photo : AFP")


def make_story(title: str, image: Image | None = None, **fields) -> Article:
    article = make_article(
        title=title,
        standfirst=f"Le chapô de « {title} ».",
        body='<p>Premier paragraphe, <a href="/politique/">voir la rubrique</a>.</p>'
        "<h2>Une section</h2><p>La suite du texte.</p>",
        lead_image=image,
        **fields,
    )
    add_authors(article, "Claire Martin", "Paul Durand")
    add_tags(article, "Budget", "Assemblée")
    return article


@pytest.fixture
def story() -> Article:
    return make_story("Le budget est voté", make_image(), hours_ago=2)


def parse(response) -> feedparser.FeedParserDict:
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("url", EVERY_FEED)
def test_every_feed_parses_and_gives_the_full_article(client, story, url):
    response = client.get(url)
    parsed = parse(response)

    expected_type = "application/atom+xml" if "atom" in url else "application/rss+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert parsed.version == ("atom10" if "atom" in url else "rss20")
    assert parsed.feed.language == "fr"
    [entry] = parsed.entries
    link = f"http://testserver{story.get_absolute_url()}"
    assert entry.title == "Le budget est voté"
    assert entry.link == link
    assert entry.id == link
    assert entry.summary == "Le chapô de « Le budget est voté »."
    content = entry.content[0]
    assert content.type == "text/html"
    assert "<h2>Une section</h2>" in content.value
    assert "La suite du texte." in content.value
    assert 'href="http://testserver/politique/"' in content.value
    assert content.value.index("<img") < content.value.index("Premier paragraphe")
    assert "La place. Photo : AFP" in content.value
    assert [author.name for author in entry.authors] == ["Claire Martin", "Paul Durand"]
    assert [tag.term for tag in entry.tags] == ["Politique", "Assemblée", "Budget"]
    assert entry.published_parsed[:5] == story.published_at.utctimetuple()[:5]


@pytest.mark.parametrize("url", EVERY_FEED)
def test_every_feed_carries_the_lead_image_as_enclosure_and_media(client, story, url):
    [entry] = parse(client.get(url)).entries

    rendition = max(
        (r for r in story.lead_image.renditions.all() if r.spec == "lead" and r.format == "jpeg"),
        key=lambda r: r.width,
    )
    image_url = f"http://testserver{rendition.file.url}"
    [enclosure] = entry.enclosures
    assert enclosure.href == image_url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == rendition.file.size > 0
    [media] = entry.media_content
    assert media["url"] == image_url
    assert (media["width"], media["height"]) == (str(rendition.width), str(rendition.height))
    assert media["medium"] == "image"
    [thumbnail] = entry.media_thumbnail
    assert "/thumb-" in thumbnail["url"] and thumbnail["url"].endswith(".jpg")
    assert f'src="{image_url}"' in entry.content[0].value


@pytest.mark.parametrize("url", ["/flux/", "/flux/atom/"])
def test_titles_with_ampersands_and_quotes_read_as_typed(client, url):
    make_story("Vote « historique » : Dupont & Durand <enfin> d’accord")

    [entry] = parse(client.get(url)).entries

    # What a reader shows: RSS titles are HTML (escaped), Atom's are plain text.
    title = entry.title_detail
    shown = html.unescape(title.value) if title.type == "text/html" else title.value
    assert title.type == ("text/plain" if "atom" in url else "text/html")
    assert shown == "Vote « historique » : Dupont & Durand <enfin> d’accord"


def test_an_article_without_an_image_has_no_enclosure(client):
    make_story("Sans image")

    [entry] = parse(client.get("/flux/")).entries

    assert entry.enclosures == []
    assert "media_content" not in entry
    assert "<img" not in entry.content[0].value


@pytest.mark.parametrize("url", EVERY_FEED)
def test_drafts_scheduled_and_archived_articles_stay_out_of_every_feed(client, story, url):
    make_story("Brouillon", status=Article.Status.DRAFT)
    make_story("Programmé", hours_ago=-3)
    make_story("Archivé", status=Article.Status.ARCHIVED)

    titles = [entry.title for entry in parse(client.get(url)).entries]

    assert titles == ["Le budget est voté"]


def test_each_feed_holds_its_own_articles_newest_first(client, story):
    culture = Category.objects.create(name="Culture", slug="culture")
    festival = make_article(title="Un festival", category=culture, hours_ago=1)
    add_authors(festival, "Jeanne Roux")
    newer = make_story("Nouvelle séance", hours_ago=1.5)

    def titles(url: str) -> list[str]:
        return [entry.title for entry in parse(client.get(url)).entries]

    assert titles("/flux/") == ["Un festival", "Nouvelle séance", "Le budget est voté"]
    assert titles("/culture/flux/atom/") == ["Un festival"]
    assert titles("/politique/flux/") == [newer.title, story.title]
    assert titles("/sujet/budget/flux/atom/") == [newer.title, story.title]
    assert titles("/auteur/jeanne-roux/flux/") == ["Un festival"]


def test_a_feed_holds_the_latest_thirty_articles(client):
    for number in range(32):
        make_article(title=f"Article {number}", hours_ago=number + 1)

    entries = parse(client.get("/flux/")).entries

    assert len(entries) == 30
    assert entries[0].title == "Article 0"
    assert entries[-1].title == "Article 29"


def test_feed_titles_name_the_site_and_what_the_feed_follows(client, story):
    site = settings.SITE_NAME
    expected = {
        "/flux/": site,
        "/politique/flux/atom/": f"{site} — Politique",
        "/sujet/budget/flux/": f"{site} — Budget",
        "/auteur/claire-martin/flux/atom/": f"{site} — Claire Martin",
    }
    for url, title in expected.items():
        parsed = parse(client.get(url))
        assert parsed.feed.title == title
        assert parsed.feed.link.startswith("http://testserver/")


def test_an_updated_article_carries_its_update_date(client):
    article = make_story("Corrigé", hours_ago=5)
    article.updated_at = timezone.now() - datetime.timedelta(hours=1)
    article.save()

    [entry] = parse(client.get("/flux/atom/")).entries

    assert entry.updated_parsed[:5] == article.updated_at.utctimetuple()[:5]
    assert entry.published_parsed[:5] == article.published_at.utctimetuple()[:5]


@pytest.mark.parametrize(
    "url",
    [
        "/inconnue/flux/",
        "/inconnue/flux/atom/",
        "/sujet/inconnu/flux/",
        "/sujet/inconnu/flux/atom/",
        "/auteur/personne/flux/",
        "/auteur/personne/flux/atom/",
    ],
)
def test_an_unknown_category_topic_or_author_has_no_feed(client, url):
    assert client.get(url).status_code == 404


def test_a_topic_named_like_a_feed_keeps_its_page(client, story):
    add_tags(story, "Flux")

    response = client.get("/sujet/flux/")

    assert response.status_code == 200
    assert response.context["tag"].name == "Flux"


@pytest.mark.parametrize("url", EVERY_FEED)
def test_a_reader_with_the_current_etag_gets_304(client, story, url):
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", EVERY_FEED)
def test_a_reader_with_the_last_modified_date_gets_304(client, story, url):
    first = client.get(url)

    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304


def test_last_modified_is_the_newest_article_date(client, story):
    response = client.get("/flux/")

    assert response["Last-Modified"] == http_date(story.modified_at.timestamp())


def test_a_new_article_makes_the_old_copy_stale(client, story):
    first = client.get("/flux/")
    make_story("La suite", hours_ago=0)

    by_etag = client.get("/flux/", headers={"if-none-match": first["ETag"]})
    by_date = client.get(
        "/flux/",
        headers={"if-modified-since": http_date(timezone.now().timestamp() - 3600)},
    )

    assert by_etag.status_code == 200
    assert by_date.status_code == 200
    assert [entry.title for entry in parse(by_etag).entries][0] == "La suite"


def test_an_edit_or_an_unpublished_article_changes_the_etag(client, story):
    other = make_story("Un autre", hours_ago=4)
    etag = client.get("/flux/")["ETag"]

    story.body = "<p>Texte corrigé.</p>"
    story.save()
    edited = client.get("/flux/", headers={"if-none-match": etag})
    assert edited.status_code == 200

    other.status = Article.Status.ARCHIVED
    other.save()
    unpublished = client.get("/flux/", headers={"if-none-match": edited["ETag"]})
    assert unpublished.status_code == 200


def test_rss_and_atom_have_different_etags(client, story):
    assert client.get("/flux/")["ETag"] != client.get("/flux/atom/")["ETag"]


def test_an_empty_feed_is_still_valid(client):
    parsed = parse(client.get("/flux/atom/"))

    assert parsed.entries == []


def test_a_feed_is_read_only(client):
    assert client.post("/flux/").status_code == 405


@pytest.mark.parametrize("url", EVERY_FEED)
def test_a_feed_makes_the_same_number_of_queries_however_much_content(
    client, story, url, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for number in range(6):
        image = make_image(number) if number % 2 else None
        make_story(f"Article {number}", image, hours_ago=3 + number)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)

    assert len(parse(response).entries) == 7
    assert len(small.captured_queries) <= 6


def test_the_site_feeds_are_announced_in_every_page_head(client, story):
    html = client.get("/").content.decode()
    head = html[: html.index("</head>")]

    assert re.search(
        r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="/flux/">', head
    )
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="/flux/atom/">',
        head,
    )
    assert "/politique/flux/" not in head


@pytest.mark.parametrize(
    ("page", "feed", "label"),
    [
        ("/politique/", "/politique/flux/", "rubrique Politique"),
        ("/sujet/budget/", "/sujet/budget/flux/", "sujet Budget"),
        ("/auteur/claire-martin/", "/auteur/claire-martin/flux/", "articles de Claire Martin"),
    ],
)
def test_a_listing_page_announces_its_own_feeds(client, story, page, feed, label):
    html = client.get(page).content.decode()
    head = html[: html.index("</head>")]

    site = settings.SITE_NAME
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="{site} — {label} (RSS)" '
        f'href="{feed}">'
    ) in head
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="{site} — {label} (Atom)" '
        f'href="{feed}atom/">'
    ) in head
    assert 'href="/flux/"' in head
