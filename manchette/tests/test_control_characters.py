"""Control characters: removed from every text on the way in, and never able to make a
feed, a sitemap or the structured data of a page malformed, even when already stored."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse

from manchette.articles.models import Article, Author, Category, Page, Tag
from manchette.articles.tests.builders import add_authors, add_tags, make_article
from manchette.comments.models import Comment
from manchette.comments.tests.builders import form_data, make_comment
from manchette.control_chars import strip_control_chars
from manchette.images.models import Image
from manchette.importers.wordpress.mapping import html_to_text, plain_text

pytestmark = pytest.mark.django_db

# Every character the module removes or replaces, with ordinary text around.
DIRTY = "Le\x0bbudget\x1b[31m vot\x07é\x00\x7f\x85\x9b\u202e\ufeff"
CLEAN = "Le budget[31m voté "
# What an old row may hold: PostgreSQL refuses a null character in any text.
STORED = DIRTY.replace("\x00", "")
# Anything XML 1.0 refuses, or that the site removes on the way in.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\ufeff]")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Alerte\x1b[0m rouge\x07", "Alerte[0m rouge"),
        ("Ligne un\r\nligne deux\rligne trois", "Ligne un\nligne deux\nligne trois"),
        ("Word\x0bcoupe\x0cici", "Word coupe ici"),
        ("Sep\x1car\x1fé\x85s", "Sep ar é s"),
        ("DEL\x7f et C1\x80\x9f", "DEL et C1"),
        ("\ufeffTitre\u202e inversé\u202c", "Titre inversé"),
        ("Seul \ud800 demi", "Seul  demi"),
    ],
)
def test_control_characters_go_and_line_breaks_become_line_feeds(typed, stored):
    assert strip_control_chars(typed) == stored


def test_what_writing_needs_stays():
    text = (
        "«\u202fTab\tet\nligne\u202f» : 18\u00a0h, anti\u00adconstitutionnel, "
        "👩\u200d💻, ZWNJ\u200c, WJ\u2060, \u2066isolat\u2069 \u200flrm"
    )
    assert strip_control_chars(text) == text


def test_every_text_field_of_every_model_is_stored_clean():
    category = Category.objects.create(name=f"Poli{DIRTY}", slug="politique", description=DIRTY)
    article = make_article(
        title=f"Titre{DIRTY}",
        standfirst=f"Chapô{DIRTY}",
        body=f"<p>Texte{DIRTY}</p>",
        how_we_worked=DIRTY,
        category=category,
    )
    [author] = add_authors(article, "Claire Martin")
    author.bio = DIRTY
    author.save()
    [tag] = add_tags(article, "Budget")
    tag.name = f"Budget{DIRTY}"
    tag.save(update_fields=["name"])
    page = Page.objects.create(title=DIRTY, slug="a-propos", body=f"<p>{DIRTY}</p>")
    image = Image.objects.create(alt_text=DIRTY, caption=DIRTY, credit=DIRTY)
    comment = make_comment(article, name=f"Jo{DIRTY}", text=DIRTY, user_agent=DIRTY)

    for model, obj in [
        (Category, category),
        (Article, article),
        (Author, author),
        (Tag, tag),
        (Page, page),
        (Image, image),
        (Comment, comment),
    ]:
        values = model.objects.filter(pk=obj.pk).values().get()
        dirty = {k: v for k, v in values.items() if isinstance(v, str) and FORBIDDEN.search(v)}
        assert dirty == {}, model
    article.refresh_from_db()
    assert article.title == f"Titre{CLEAN}"
    assert article.standfirst == f"Chapô{CLEAN}"
    assert "\x0b" not in article.body_html and "\x1b" not in article.body


def test_a_comment_posted_with_control_characters_is_stored_clean_and_fed(client, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_POLICY = "approve_all"
    article = make_article(title="Un article ouvert aux commentaires")

    response = client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(name="Jo\x07 Dalton", text="Alerte\x1b[31m rouge\x07\r\nLigne deux"),
    )

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    assert (comment.name, comment.text) == ("Jo Dalton", "Alerte[31m rouge\nLigne deux")
    for url in ("/commentaires/flux/", f"/commentaires/flux/article/{article.pk}/"):
        [item] = xml_of(client.get(url)).iter("item")
        assert item.findtext("title").startswith("Jo Dalton sur")


def test_a_comment_with_a_null_character_gets_a_message_not_a_500(client, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    article = make_article(title="Un article ouvert aux commentaires")

    response = client.post(
        reverse("comments:post", args=[article.pk]), form_data(name="Jo\x00", text="Oui\x00")
    )

    assert response.status_code == 400
    assert "Le caractère nul n’est pas autorisé." in response.content.decode()
    assert not Comment.objects.exists()


def xml_of(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)


@pytest.fixture
def stored_dirty(client) -> Article:
    """Texts stored before they were cleaned at the door: written with update(), which
    sends no signal, as an old release or a raw SQL fix would have left them."""
    article = make_article(title="Le budget", standfirst="Le chapô.")
    add_authors(article, "Claire Martin")
    add_tags(article, "Budget")
    make_comment(article, name="Jo", text="Avis.")
    Article.objects.update(title=f"Titre{STORED}", standfirst=f"Chapô\x0b{STORED}")
    Category.objects.update(name=f"Politique{STORED}", description=STORED)
    Author.objects.update(name=f"Claire{STORED}")
    Tag.objects.update(name=f"Budget{STORED}")
    Comment.objects.update(name=f"Jo{STORED}", text=f"Avis\x1b{STORED}")
    return Article.objects.get()


FEEDS = [
    "/flux/",
    "/flux/atom/",
    "/politique/flux/",
    "/politique/flux/atom/",
    "/sujet/budget/flux/",
    "/sujet/budget/flux/atom/",
    "/auteur/claire-martin/flux/",
    "/auteur/claire-martin/flux/atom/",
    "/commentaires/flux/",
]


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_stays_well_formed_whatever_is_stored(client, stored_dirty, url):
    root = xml_of(client.get(url))

    text = ET.tostring(root, encoding="unicode")
    assert "Titre" in text
    assert not FORBIDDEN.search(text)


def test_the_comments_feed_of_an_article_stays_well_formed(client, stored_dirty):
    root = xml_of(client.get(f"/commentaires/flux/article/{stored_dirty.pk}/"))

    [item] = root.iter("item")
    assert item.findtext("title").startswith("Jo")
    assert not FORBIDDEN.search(ET.tostring(root, encoding="unicode"))


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-news.xml", "/sitemap-articles.xml"])
def test_sitemaps_stay_well_formed_whatever_is_stored(client, stored_dirty, url):
    root = xml_of(client.get(url))

    assert not FORBIDDEN.search(ET.tostring(root, encoding="unicode"))


def test_the_news_sitemap_gives_the_title_without_control_characters(client, stored_dirty):
    root = xml_of(client.get("/sitemap-news.xml"))

    ns = {"news": "http://www.google.com/schemas/sitemap-news/0.9"}
    assert root.findtext(".//news:title", namespaces=ns) == f"Titre{CLEAN}"


def test_the_structured_data_and_social_cards_have_no_control_characters(client, stored_dirty):
    page = client.get(stored_dirty.get_absolute_url()).content.decode()

    head = page.split("</head>")[0]
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head)
    assert scripts
    for script in scripts:
        assert not FORBIDDEN.search(json.dumps(json.loads(script), ensure_ascii=False))
    cards = re.findall(
        r'<meta (?:property|name)="(?:og|twitter|article):[^>]*content="([^"]*)"', head
    )
    assert f"Titre{CLEAN}" in cards
    for content in cards:
        assert not FORBIDDEN.search(content), content


def test_an_imported_site_export_is_stored_clean(client, tmp_path, stored_dirty):
    out = io.StringIO()
    call_command("export_site", str(tmp_path / "export"), stdout=out)
    assert "\\u000b" in (tmp_path / "export" / "articles.jsonl").read_text()
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Author.objects.all().delete()
    Tag.objects.all().delete()
    Category.objects.all().delete()

    call_command("import_site", str(tmp_path / "export"), stdout=out)

    article = Article.objects.get()
    assert article.title == f"Titre{CLEAN}"
    assert Category.objects.get().name == f"Politique{CLEAN}"
    assert Comment.objects.get().text == f"Avis{CLEAN}"


def test_wordpress_texts_are_cleaned_as_they_are_decoded():
    # A WXR file cannot hold C0 controls (the XML parser refuses them), but it can hold
    # C1 controls, DEL and bidirectional overrides, which Image and Comment rows, made
    # with bulk_create, would keep.
    assert plain_text("Le\x85budget\x9b\u202e voté\x7f") == "Le budget voté"
    assert html_to_text("<p>Un\x9b avis\r\nsur\rdeux\x7f lignes</p>") == "Un avis\nsur\ndeux lignes"
