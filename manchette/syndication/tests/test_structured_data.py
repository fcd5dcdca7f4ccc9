"""JSON-LD on the article and front pages, as a search engine's extractor reads it."""

from __future__ import annotations

import datetime
import re

import extruct
import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from manchette.articles.models import Article, Correction, Page
from manchette.articles.tests.builders import (
    add_authors,
    add_sources,
    add_tags,
    make_article,
    make_lead_image,
)
from manchette.comments.tests.builders import make_comment

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
PUBLISHED = timezone.make_aware(datetime.datetime(2026, 11, 23, 18, 5))
UPDATED = PUBLISHED + datetime.timedelta(hours=2)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def policy_pages() -> None:
    Page.objects.create(title="Nos principes", slug="principes", role=Page.Role.PRINCIPLES)
    Page.objects.create(title="Corrections", slug="corrections", role=Page.Role.CORRECTIONS)


def full_article(**fields) -> Article:
    """An article with every element the structured data describes."""
    policy_pages()
    fields = {
        "title": "Le conseil vote un budget historique",
        "standfirst": "Un chapô qui résume.",
        "article_type": Article.Type.NEWS,
        "published_at": PUBLISHED,
        "updated_at": UPDATED,
        "how_we_worked": "Nous avons lu les 300 pages du rapport.",
        "lead_image": make_lead_image(),
        **fields,
    }
    article = make_article(**fields)
    add_authors(article, "Claire Martin", "Paul Durand")
    add_tags(article, "Budget", "Climat")
    add_sources(article, 2)
    Correction.objects.create(
        article=article, text="Un montant a été corrigé.", corrected_at=UPDATED
    )
    return article


def json_ld(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url=BASE + url, syntaxes=["json-ld"], uniform=True
    )
    return data["json-ld"]


def one(items: list[dict], schema_type: str) -> dict:
    found = [item for item in items if item.get("@type") == schema_type]
    assert len(found) == 1, [item.get("@type") for item in items]
    return found[0]


def test_it_describes_the_article_with_every_property(client):
    article = full_article()
    url = BASE + article.get_absolute_url()

    news = one(json_ld(client, article.get_absolute_url()), "NewsArticle")

    assert news["@context"] == "https://schema.org"
    assert news["headline"] == "Le conseil vote un budget historique"
    assert news["description"] == "Un chapô qui résume."
    assert news["mainEntityOfPage"] == url
    assert news["url"] == url
    assert news["inLanguage"] == "fr-FR"
    assert news["datePublished"] == "2026-11-23T18:05:00+01:00"
    assert news["dateModified"] == "2026-11-23T20:05:00+01:00"
    social, lead = news["image"]
    assert social["@type"] == lead["@type"] == "ImageObject"
    assert re.fullmatch(BASE + r"/media/renditions/.+/social-1200w-\w+\.jpg", social["url"])
    assert (social["width"], social["height"]) == (1200, 628)
    assert re.fullmatch(BASE + r"/media/renditions/.+/lead-1600w-\w+\.jpg", lead["url"])
    assert (lead["width"], lead["height"]) == (1600, 1067)
    assert social["caption"] == "La place du village."
    assert social["creditText"] == "Photo : Rédaction"
    assert news["author"] == [
        {"@type": "Person", "name": "Claire Martin", "url": BASE + "/auteur/claire-martin/"},
        {"@type": "Person", "name": "Paul Durand", "url": BASE + "/auteur/paul-durand/"},
    ]
    publisher = news["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Le Courrier du Matin"
    assert publisher["url"] == BASE + "/"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": BASE + "/static/syndication/logo.png",
        "width": 600,
        "height": 60,
    }
    assert publisher["publishingPrinciples"] == BASE + "/page/principes/"
    assert publisher["correctionsPolicy"] == BASE + "/page/corrections/"
    assert news["publishingPrinciples"] == BASE + "/page/principes/"
    assert news["articleSection"] == "Politique"
    assert news["keywords"] == ["Budget", "Climat"]
    sources = [
        {"@type": "CreativeWork", "name": "Rapport n° 0", "url": "https://example.org/0"},
        {"@type": "CreativeWork", "name": "Rapport n° 1", "url": "https://example.org/1"},
    ]
    assert news["isBasedOn"] == sources
    assert news["citation"] == sources
    assert news["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Un montant a été corrigé.",
            "datePublished": "2026-11-23T20:05:00+01:00",
        }
    ]
    assert news["backstory"] == "Nous avons lu les 300 pages du rapport."
    assert news["commentCount"] == 0


def test_the_logo_is_a_600_by_60_png(client):
    from PIL import Image as PILImage

    from manchette.syndication import logo

    response = client.get("/static/syndication/logo.png")
    content = b"".join(response.streaming_content)
    picture = PILImage.open(ContentFile(content))
    assert picture.format == "PNG"
    assert picture.size == (logo.WIDTH, logo.HEIGHT) == (600, 60)


@pytest.mark.parametrize(
    ("article_type", "schema_type"),
    [
        (Article.Type.NEWS, "NewsArticle"),
        (Article.Type.ANALYSIS, "AnalysisNewsArticle"),
        (Article.Type.OPINION, "OpinionNewsArticle"),
        (Article.Type.INVESTIGATION, "ReportageNewsArticle"),
        (Article.Type.INTERVIEW, "ReportageNewsArticle"),
        (Article.Type.WIRE, "NewsArticle"),
    ],
)
def test_the_schema_type_follows_the_article_type(client, article_type, schema_type):
    article = make_article(article_type=article_type)

    item = one(json_ld(client, article.get_absolute_url()), schema_type)

    assert item["headline"] == "Un article"


def test_an_article_never_updated_was_modified_when_published(client):
    article = make_article(published_at=PUBLISHED)

    news = one(json_ld(client, article.get_absolute_url()), "NewsArticle")

    assert news["dateModified"] == news["datePublished"] == "2026-11-23T18:05:00+01:00"


def test_without_a_byline_the_publisher_is_the_author(client):
    article = make_article(article_type=Article.Type.WIRE)

    news = one(json_ld(client, article.get_absolute_url()), "NewsArticle")

    assert news["author"] == [
        {
            "@type": "NewsMediaOrganization",
            "@id": BASE + "/#organisation",
            "name": "Le Courrier du Matin",
            "url": BASE + "/",
        }
    ]


def test_missing_policy_pages_and_empty_fields_are_left_out(client):
    article = make_article(standfirst="", how_we_worked="")

    news = one(json_ld(client, article.get_absolute_url()), "NewsArticle")

    for absent in ("description", "image", "keywords", "isBasedOn", "correction", "backstory"):
        assert absent not in news
    assert "publishingPrinciples" not in news
    assert "correctionsPolicy" not in news["publisher"]


def test_the_about_page_is_the_masthead(client):
    Page.objects.create(title="À propos", slug="a-propos", role=Page.Role.ABOUT)
    article = make_article()

    news = one(json_ld(client, article.get_absolute_url()), "NewsArticle")

    assert news["publisher"]["masthead"] == BASE + "/page/a-propos/"


def test_it_gives_the_breadcrumb_trail(client):
    article = make_article(title="Un vote")

    trail = one(json_ld(client, article.get_absolute_url()), "BreadcrumbList")

    assert trail["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "À la une", "item": BASE + "/"},
        {"@type": "ListItem", "position": 2, "name": "Politique", "item": BASE + "/politique/"},
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Un vote",
            "item": BASE + article.get_absolute_url(),
        },
    ]


def test_the_front_page_has_the_website_search_and_the_organisation(client):
    policy_pages()

    items = json_ld(client, "/")

    website = one(items, "WebSite")
    assert website["url"] == BASE + "/"
    assert website["name"] == "Le Courrier du Matin"
    assert website["potentialAction"] == {
        "@type": "SearchAction",
        "target": {
            "@type": "EntryPoint",
            "urlTemplate": BASE + "/recherche/?q={search_term_string}",
        },
        "query-input": "required name=search_term_string",
    }
    organisation = one(items, "NewsMediaOrganization")
    assert website["publisher"] == {"@id": organisation["@id"]}
    assert organisation["logo"]["url"] == BASE + "/static/syndication/logo.png"
    assert organisation["correctionsPolicy"] == BASE + "/page/corrections/"


def test_a_title_cannot_break_out_of_the_script(client):
    title = "Fin </script><script>alert(1)</script> & <!-- suite"
    article = make_article(title=title, standfirst="</SCRIPT> aussi")

    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert "<script>alert(1)" not in html
    assert "<!-- suite" not in html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 2
    assert not any(c in script for script in scripts for c in "<>&")
    news = one(json_ld(client, article.get_absolute_url()), "NewsArticle")
    assert news["headline"] == title
    assert news["description"] == "</SCRIPT> aussi"


def test_it_publishes_no_email_address_and_nothing_about_commenters(client):
    article = full_article()
    user = get_user_model().objects.create_user(
        username="claire", email="claire.martin@redaction.example", password="x"
    )
    article.authors.filter(name="Claire Martin").update(user=user)
    make_comment(article, name="Jeanne Lectrice", email="jeanne@lecteurs.example")

    html = client.get(article.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]

    assert not EMAIL.search(head)
    assert "Jeanne Lectrice" not in head
    assert "jeanne@lecteurs.example" not in html
    assert "claire.martin@redaction.example" not in html


def test_it_adds_no_query_to_the_article_page(client, settings):
    article = full_article()
    url = article.get_absolute_url()

    def queries() -> int:
        client.get(url)  # the first request fills the navigation cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    with_meta = queries()
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"syndication/article_meta.html": ""},
                    ),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    without_meta = queries()

    assert "application/ld+json" not in client.get(url).content.decode()
    assert with_meta == without_meta
