"""The sitemap index, its sections and the Google News sitemap."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from manchette.articles.models import Article, Category, Page
from manchette.articles.tests.builders import add_authors, add_tags, make_article
from manchette.syndication.sitemaps import ArticleSitemap

pytestmark = pytest.mark.django_db

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NS = {
    "sm": SITEMAP_NS,
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SECTIONS = ["articles", "rubriques", "sujets", "auteurs", "pages"]


@pytest.fixture
def site() -> dict[str, Article]:
    """Published articles (one from today, one updated, one from last week) beside a
    draft, a scheduled and an archived one, each with its own category, topic and author."""
    fresh = make_article(title="Le budget est voté", hours_ago=2)
    add_authors(fresh, "Claire Martin")
    add_tags(fresh, "Budget")
    updated = make_article(title="Séance de nuit", hours_ago=30)
    updated.updated_at = timezone.now() - datetime.timedelta(hours=1)
    updated.save()
    old = make_article(
        title="La rentrée",
        category=Category.objects.create(name="Culture", slug="culture"),
        hours_ago=24 * 7,
    )
    add_authors(old, "Paul Durand")
    hidden = Category.objects.create(name="Coulisses", slug="coulisses")
    hidden_articles = {
        "draft": make_article(title="Brouillon", status=Article.Status.DRAFT, category=hidden),
        "scheduled": make_article(title="Demain", hours_ago=-20, category=hidden),
        "archived": make_article(
            title="Archivé", status=Article.Status.ARCHIVED, hours_ago=3, category=hidden
        ),
    }
    for article in hidden_articles.values():
        add_authors(article, "Jean Secret")
        add_tags(article, "Secret")
    Page.objects.create(title="À propos", slug="a-propos", role=Page.Role.ABOUT)
    Page.objects.create(title="Nos principes", slug="principes")
    return {"fresh": fresh, "updated": updated, "old": old, **hidden_articles}


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locs(root: ET.Element) -> list[str]:
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def section_urls(client, section: str, **kwargs) -> list[str]:
    root = parse(client.get(f"/sitemap-{section}.xml", **kwargs))
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    return locs(root)


def test_the_index_names_every_section_and_the_news_sitemap(client, site):
    root = parse(client.get("/sitemap.xml"))

    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    assert locs(root) == [
        *(f"http://testserver/sitemap-{section}.xml" for section in SECTIONS),
        "http://testserver/sitemap-news.xml",
    ]
    latest = root.find("sm:sitemap/sm:lastmod", NS).text
    assert datetime.datetime.fromisoformat(latest) == site["updated"].updated_at.replace(
        microsecond=0
    )


@pytest.mark.parametrize("section", [*SECTIONS, "news"])
def test_every_sitemap_lists_only_absolute_addresses_of_public_pages(client, site, section):
    urls = section_urls(client, section)

    assert urls
    for url in urls:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == ("http", "testserver"), url
        assert client.get(parts.path).status_code == 200, url
    for name in ("draft", "scheduled", "archived"):
        assert not any(site[name].slug in url for url in urls)
    assert not any("coulisses" in url or "secret" in url for url in urls)


def test_each_section_lists_what_it_names(client, site):
    article_urls = [
        f"http://testserver{site[name].get_absolute_url()}" for name in ("fresh", "updated", "old")
    ]
    assert section_urls(client, "articles") == article_urls
    assert section_urls(client, "rubriques") == [
        "http://testserver/culture/",
        "http://testserver/politique/",
    ]
    assert section_urls(client, "sujets") == ["http://testserver/sujet/budget/"]
    assert section_urls(client, "auteurs") == [
        "http://testserver/auteur/claire-martin/",
        "http://testserver/auteur/paul-durand/",
    ]
    assert section_urls(client, "pages") == [
        "http://testserver/page/a-propos/",
        "http://testserver/page/principes/",
    ]


def test_an_article_is_dated_by_its_update_or_its_publication(client, site):
    root = parse(client.get("/sitemap-articles.xml"))

    lastmods = {
        url.findtext("sm:loc", namespaces=NS): datetime.datetime.fromisoformat(
            url.findtext("sm:lastmod", namespaces=NS)
        )
        for url in root.iterfind("sm:url", NS)
    }
    for name, date in (("fresh", "published_at"), ("updated", "updated_at")):
        article = site[name]
        url = f"http://testserver{article.get_absolute_url()}"
        assert lastmods[url] == getattr(article, date).replace(microsecond=0)
        assert lastmods[url].utcoffset() is not None


def test_a_listing_is_dated_by_its_newest_article(client, site):
    root = parse(client.get("/sitemap-rubriques.xml"))

    politics = root.find("sm:url[sm:loc='http://testserver/politique/']", NS)
    assert datetime.datetime.fromisoformat(politics.findtext("sm:lastmod", namespaces=NS)) == site[
        "updated"
    ].updated_at.replace(microsecond=0)


def test_sitemaps_follow_the_scheme_of_the_request(client, site):
    for section in [*SECTIONS, "news"]:
        assert all(
            url.startswith("https://testserver/")
            for url in section_urls(client, section, secure=True)
        )
    index = parse(client.get("/sitemap.xml", secure=True))
    assert all(url.startswith("https://testserver/") for url in locs(index))


def test_a_long_section_is_split_into_pages(client, site, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)

    index = locs(parse(client.get("/sitemap.xml")))

    assert "http://testserver/sitemap-articles.xml?p=2" in index
    first = section_urls(client, "articles")
    second = locs(parse(client.get("/sitemap-articles.xml?p=2")))
    assert len(first) == 2 and len(second) == 1
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-inconnue.xml").status_code == 404


def test_the_news_sitemap_holds_the_last_48_hours(client, site):
    root = parse(client.get("/sitemap-news.xml"))

    urls = root.findall("sm:url", NS)
    assert [url.findtext("sm:loc", namespaces=NS) for url in urls] == [
        f"http://testserver{site['fresh'].get_absolute_url()}",
        f"http://testserver{site['updated'].get_absolute_url()}",
    ]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == settings.SITE_NAME
    assert news.findtext("news:publication/news:language", namespaces=NS) == "fr"
    assert news.findtext("news:title", namespaces=NS) == "Le budget est voté"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert datetime.datetime.fromisoformat(published) == site["fresh"].published_at.replace(
        microsecond=0
    )
    # W3C format in the site's time zone, offset included.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", published)
    local = timezone.localtime(site["fresh"].published_at)
    assert datetime.datetime.fromisoformat(published).utcoffset() == local.utcoffset()


def test_the_news_sitemap_escapes_titles(client):
    make_article(title="Dupont & Durand : « <enfin> » d’accord")

    root = parse(client.get("/sitemap-news.xml"))

    title = root.findtext("sm:url/news:news/news:title", namespaces=NS)
    assert title == "Dupont & Durand : « <enfin> » d’accord"


def test_the_news_sitemap_can_be_empty(client):
    make_article(title="Il y a trois jours", hours_ago=72)

    root = parse(client.get("/sitemap-news.xml"))

    assert root.findall("sm:url", NS) == []
