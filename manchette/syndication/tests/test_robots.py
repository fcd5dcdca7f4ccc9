"""/robots.txt: the public site open to crawlers, private areas closed, sitemaps named."""

from __future__ import annotations

from urllib.robotparser import RobotFileParser

import pytest

from manchette.articles.tests.builders import make_article

pytestmark = pytest.mark.django_db


def robots(response) -> RobotFileParser:
    assert response.status_code == 200
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser


def test_it_is_plain_text_naming_the_private_areas_and_the_sitemaps(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /redaction/\n"
        "Disallow: /recherche/\n"
        "Disallow: /commentaires/\n"
        "Disallow: /partager/\n"
        "Disallow: /sante/\n"
        "Allow: /\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
        "Sitemap: http://testserver/sitemap-news.xml\n"
    )


def test_crawlers_may_read_the_site_but_not_the_desk_search_or_personal_pages(client):
    article = make_article()
    parser = robots(client.get("/robots.txt"))

    for path in ("/", "/politique/", article.get_absolute_url(), "/flux/", "/sitemap.xml"):
        assert parser.can_fetch("Googlebot", path), path
    for path in (
        "/redaction/",
        "/redaction/articles/article/",
        "/recherche/?q=budget",
        "/commentaires/poster/1/",
        "/commentaires/mes-donnees/",
        "/partager/mastodon/?text=x",
    ):
        assert not parser.can_fetch("Googlebot", path), path


def test_the_sitemaps_follow_the_scheme_and_host_of_the_request(client):
    parser = robots(client.get("/robots.txt", secure=True, headers={"host": "localhost"}))

    assert parser.site_maps() == [
        "https://localhost/sitemap.xml",
        "https://localhost/sitemap-news.xml",
    ]
