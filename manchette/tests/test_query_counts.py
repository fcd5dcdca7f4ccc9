"""Every public page makes a fixed number of SQL queries, however much content it shows.

The site is built small (a couple of articles, one comment thread per page of comments),
every page is requested and its queries counted; then the site grows (many more articles,
each with its own lead image, three authors, three topics, sources, corrections and
comment threads; more categories; more authors, topics, sources, corrections and comment
threads on the article under test) and every page is counted again. Both counts must equal
the expected list below, which says what each query is for: a query per listed item would
make the second count larger.

Each measurement is a cold render: every cache is cleared before the request, so the
cached navigation is rebuilt (two queries) and nothing is served from a cached page. The
requests are an anonymous reader's, through the test client.

The site is built once for the module, in a transaction rolled back at the end, and each
page type is its own test.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from manchette.articles.models import Article, Author, Category, Correction, Page, Tag
from manchette.articles.tests.builders import (
    add_authors,
    add_sources,
    add_tags,
    make_article,
    make_lead_image,
)
from manchette.comments.tests.builders import make_comment

# Marked, so pytest-django creates the test database even when this module runs alone.
pytestmark = pytest.mark.django_db

# Small pages, so the grown site fills them and more.
PER_PAGE = 4
THREADS_PER_PAGE = 3
GROWN_ARTICLES = 3 * PER_PAGE

# Every public page type, each one a test.
PAGE_TYPES = (
    "front page",
    "category page",
    "topic page",
    "author page",
    "article page",
    "article page, comments page 2",
    "static page",
    "search results",
    "search without results",
    "search without words",
    "site RSS feed",
    "site Atom feed",
    "category RSS feed",
    "category Atom feed",
    "topic RSS feed",
    "topic Atom feed",
    "author RSS feed",
    "author Atom feed",
    "site comments feed",
    "article comments feed",
    "sitemap index",
    "articles sitemap",
    "categories sitemap",
    "topics sitemap",
    "authors sitemap",
    "static pages sitemap",
    "news sitemap",
    "robots.txt",
    "404 page",
)

# What grows on each page when the site grows, counted in its HTML or XML, to show that
# the second measurement really renders more items. The others list nothing that grows
# (a static page, an empty search, the sitemap index, robots.txt, the 404 page).
GROWING = {
    "front page": 'class="teaser',
    "category page": 'class="teaser',
    "topic page": 'class="teaser',
    "author page": 'class="teaser',
    "article page": 'rel="author"',
    "article page, comments page 2": 'class="comment__text"',
    "search results": 'class="search-result"',
    "search without words": 'class="teaser',
    "site RSS feed": "<item>",
    "site Atom feed": "<entry>",
    "category RSS feed": "<item>",
    "category Atom feed": "<entry>",
    "topic RSS feed": "<item>",
    "topic Atom feed": "<entry>",
    "author RSS feed": "<item>",
    "author Atom feed": "<entry>",
    "site comments feed": "<item>",
    "article comments feed": "<item>",
    "articles sitemap": "<url>",
    "categories sitemap": "<url>",
    "topics sitemap": "<url>",
    "authors sitemap": "<url>",
    "news sitemap": "<url>",
}

# The queries that recur, named once.
NAVIGATION = [
    "navigation: the static pages (footer, policy links), then cached",
    "navigation: the categories (header), then cached",
]
TEASERS = [
    "the page's articles, with category and lead image (select_related)",
    "the renditions of all their lead images, in one prefetch",
    "the bylines of all of them, with authors, in one prefetch",
]
SEARCH_FORM = ["search form: the categories of its « Rubrique » select"]
FEED_ITEMS = [
    "ETag and Last-Modified: one aggregate over the feed's articles",
    *TEASERS,
    "the topics of all of them (RSS/Atom categories), in one prefetch",
]
SITEMAP_SECTION = [
    "the paginator: how many items the section has",
    "the section's items (each dated from the data of that same query)",
]


def _search_engine() -> list[str]:
    if connection.vendor == "postgresql":
        return [
            "search: the newest 1,000 matches and their total (tsvector @@ tsquery)",
            "search: the relevance (ts_rank_cd) of those matches",
        ]
    return [
        "search: the newest 1,000 matches and their total (FTS5 MATCH)",
        "search: the relevance (bm25) of those matches",
    ]


# Every public page (a 200) says in Cache-Control how long a shared cache may keep it,
# never past the next scheduled publication (manchette/pagecache/schedule.py): read from
# the cache, so only a cold render makes this query.
CACHE_HEADERS = "Cache-Control: when the next scheduled article goes live, then cached"


def expected_queries() -> dict[str, list[str]]:
    """Page type -> what each of its queries is for (the view's, in order, then the
    Cache-Control one of every public page)."""
    pages = _view_queries()
    return {
        name: [*queries, CACHE_HEADERS] if name != "404 page" else queries
        for name, queries in pages.items()
    }


def _view_queries() -> dict[str, list[str]]:
    return {
        "front page": [
            "the lead: the newest featured articles, by primary key",
            "each category's four newest articles, in one query",
            # One prefetch for the lead and the sections' teasers together.
            *TEASERS[1:],
            *NAVIGATION,
        ],
        "category page": [
            "the category, by its slug",
            "the paginator's count of its published articles",
            *NAVIGATION,
            *TEASERS,
        ],
        "topic page": [
            "the topic, by its slug",
            "the paginator's count of its published articles",
            *NAVIGATION,
            *TEASERS,
        ],
        "author page": [
            "the author with their photo (select_related)",
            "the paginator's count of their published articles",
            *NAVIGATION,
            "the renditions of the author's photo",
            *TEASERS,
        ],
        "article page": ARTICLE_PAGE,
        "article page, comments page 2": ARTICLE_PAGE,
        "static page": ["the page, by its slug", *NAVIGATION],
        "search results": [
            *_search_engine(),
            "the articles of the page of results, by primary key (in_bulk)",
            *TEASERS[1:],
            *NAVIGATION,
            *SEARCH_FORM,
        ],
        "search without results": [_search_engine()[0], *NAVIGATION, *SEARCH_FORM],
        "search without words": [
            "the paginator's count of the published articles",
            "the topics of the moment (most articles in 30 days), one aggregate",
            *NAVIGATION,
            *SEARCH_FORM,
            *TEASERS,
        ],
        "site RSS feed": FEED_ITEMS,
        "site Atom feed": FEED_ITEMS,
        "category RSS feed": ["the category, by its slug", *FEED_ITEMS],
        "category Atom feed": ["the category, by its slug", *FEED_ITEMS],
        "topic RSS feed": ["the topic, by its slug", *FEED_ITEMS],
        "topic Atom feed": ["the topic, by its slug", *FEED_ITEMS],
        "author RSS feed": ["the author, by their slug", *FEED_ITEMS],
        "author Atom feed": ["the author, by their slug", *FEED_ITEMS],
        "site comments feed": [
            "the 50 latest approved comments of published articles, with article and "
            "category (select_related)"
        ],
        "article comments feed": [
            "the article, published, with its category",
            "its 50 latest approved comments",
        ],
        "sitemap index": [
            "articles: the latest change (one aggregate)",
            "articles: the paginator's count",
            "categories: each one's newest article (a subquery), for the latest change",
            "categories: the paginator's count",
            "topics: each one's newest article (a subquery), for the latest change",
            "topics: the paginator's count",
            "authors: each one's newest article (a subquery), for the latest change",
            "authors: the paginator's count",
            "static pages: their update dates, for the latest change",
            "static pages: the paginator's count",
            "news: the latest change (one aggregate)",
            "news: the paginator's count",
        ],
        "articles sitemap": SITEMAP_SECTION,
        "categories sitemap": SITEMAP_SECTION,
        "topics sitemap": SITEMAP_SECTION,
        "authors sitemap": SITEMAP_SECTION,
        "static pages sitemap": SITEMAP_SECTION,
        "news sitemap": SITEMAP_SECTION,
        "robots.txt": [],
        "404 page": [
            "the category the address names, not found",
            *NAVIGATION,
            "old WordPress addresses: one lookup, only on a 404",
        ],
    }


ARTICLE_PAGE = [
    "the article, with its category (select_related): all a warm page needs",
    # The rest only when the page's fragments are rendered (pagecache/fragments.py).
    "its lead image",
    "its lead image's renditions",
    "its bylines with authors",
    "its topics",
    "its sources",
    "its corrections",
    "related articles: most shared topics, then same category",
    *TEASERS[1:],
    "comments: the paginator's count of top comments",
    "comments: the page's top comments",
    "comments: every approved reply of those threads, in one query",
    *NAVIGATION,
]


def addresses(site: Site) -> dict[str, tuple[str, int]]:
    article = site.article.get_absolute_url()
    category, topic, author = site.category.slug, site.tag.slug, site.author.slug
    return {
        "front page": ("/", 200),
        "category page": (f"/{category}/", 200),
        "topic page": (f"/sujet/{topic}/", 200),
        "author page": (f"/auteur/{author}/", 200),
        "article page": (article, 200),
        "article page, comments page 2": (f"{article}?commentaires=2", 200),
        "static page": ("/page/principes/", 200),
        "search results": ("/recherche/?q=budget", 200),
        "search without results": ("/recherche/?q=zxqwvk", 200),
        "search without words": ("/recherche/", 200),
        "site RSS feed": ("/flux/", 200),
        "site Atom feed": ("/flux/atom/", 200),
        "category RSS feed": (f"/{category}/flux/", 200),
        "category Atom feed": (f"/{category}/flux/atom/", 200),
        "topic RSS feed": (f"/sujet/{topic}/flux/", 200),
        "topic Atom feed": (f"/sujet/{topic}/flux/atom/", 200),
        "author RSS feed": (f"/auteur/{author}/flux/", 200),
        "author Atom feed": (f"/auteur/{author}/flux/atom/", 200),
        "site comments feed": ("/commentaires/flux/", 200),
        "article comments feed": (f"/commentaires/flux/article/{site.article.pk}/", 200),
        "sitemap index": ("/sitemap.xml", 200),
        "articles sitemap": ("/sitemap-articles.xml", 200),
        "categories sitemap": ("/sitemap-rubriques.xml", 200),
        "topics sitemap": ("/sitemap-sujets.xml", 200),
        "authors sitemap": ("/sitemap-auteurs.xml", 200),
        "static pages sitemap": ("/sitemap-pages.xml", 200),
        "news sitemap": ("/sitemap-news.xml", 200),
        "robots.txt": ("/robots.txt", 200),
        "404 page": ("/rubrique-inconnue/", 404),
    }


@dataclass
class Site:
    article: Article
    category: Category
    tag: Tag
    author: Author


@dataclass
class Render:
    queries: list[str]  # the SQL of one request
    body: str


@dataclass
class Measure:
    url: str
    small: Render | None = None  # the small site's render
    grown: Render | None = None  # the grown site's


def small_image(seed: int, width: int = 96, height: int = 64):
    # Small pictures keep the renditions quick to make; every crop still has them all.
    return make_lead_image(seed, width=width, height=height)


def build_site() -> Site:
    politique = Category.objects.create(name="Politique", slug="politique", position=1)
    culture = Category.objects.create(name="Culture", slug="culture", position=2)
    Page.objects.create(title="Nos principes", slug="principes", role=Page.Role.PRINCIPLES)
    Page.objects.create(title="Corrections", slug="corrections", role=Page.Role.CORRECTIONS)
    Page.objects.create(title="À propos", slug="a-propos", role=Page.Role.ABOUT)
    main = make_article(
        title="Le budget est voté",
        category=politique,
        hours_ago=3,
        featured=True,
        lead_image=small_image(1),
        how_we_worked="Nous avons lu le texte.",
    )
    authors = add_authors(main, "Claire Dupont", "Marc Leroy")
    authors[0].photo = small_image(2, 96, 96)
    authors[0].save()
    tags = add_tags(main, "Budget", "Assemblée")
    add_sources(main, 2)
    Correction.objects.create(article=main, text="Le montant était faux.")
    related = make_article(
        title="Le budget en débat", category=politique, hours_ago=4, lead_image=small_image(3)
    )
    add_authors(related, "Claire Dupont")
    add_tags(related, "Budget")
    other = make_article(title="Un festival", category=culture, hours_ago=5)
    add_authors(other, "Marc Leroy")
    make_comment(other)
    # One thread more than a page holds, so the second page of comments exists.
    for number in range(THREADS_PER_PAGE + 1):
        top = make_comment(main, text=f"Fil {number}")
        make_comment(main, parent=top, text=f"Réponse {number}")
    return Site(main, politique, tags[0], authors[0])


def grow(site: Site) -> None:
    extra = [
        Category.objects.create(name=f"Rubrique {n}", slug=f"rubrique-{n}", position=3 + n)
        for n in range(3)
    ]
    for number in range(GROWN_ARTICLES):
        item = make_article(
            title=f"Budget numéro {number}",
            category=site.category if number % 2 else extra[number % 3],
            hours_ago=1 + number / 100,
            lead_image=small_image(10 + number),
        )
        add_authors(item, site.author.name, f"Auteur {number}", f"Autrice {number}")
        add_tags(item, site.tag.name, f"Sujet {number}", f"Thème {number}")
        add_sources(item, 2)
        Correction.objects.create(article=item, text="Corrigé.")
        top = make_comment(item)
        make_comment(item, parent=make_comment(item, parent=top))
    main = site.article
    add_authors(main, *(f"Co-auteur {n}" for n in range(4)))
    add_tags(main, *(f"Thème {n}" for n in range(5)))
    add_sources(main, 6)
    for number in range(3):
        Correction.objects.create(article=main, text=f"Autre correction {number}.")
    # Two more pages of threads, each three levels deep.
    for number in range(2 * THREADS_PER_PAGE):
        top = make_comment(main, text=f"Fil ajouté {number}")
        make_comment(main, parent=make_comment(main, parent=top))


def cold_render(client: Client, url: str, status: int) -> Render:
    for cache in caches.all(initialized_only=False):
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return Render([query["sql"] for query in captured.captured_queries], response.text)


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Measure]:
    """Every page's queries on the small site, then on the grown one."""
    settings = override_settings(
        ARTICLES_PER_PAGE=PER_PAGE,
        COMMENTS_THREADS_PER_PAGE=THREADS_PER_PAGE,
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
    )
    client = Client()
    with django_db_blocker.unblock(), settings, transaction.atomic():
        # Never anything but the test database (this fixture is outside pytest-django's
        # per-test transactions).
        assert "test" in str(connection.settings_dict["NAME"]), connection.settings_dict
        # Renditions are made after commit: run those callbacks, or the measured pages
        # would make them.
        with TestCase.captureOnCommitCallbacks(execute=True):
            site = build_site()
        assert tuple(addresses(site)) == PAGE_TYPES
        pages = {name: Measure(url) for name, (url, _status) in addresses(site).items()}
        for name, (url, status) in addresses(site).items():
            pages[name].small = cold_render(client, url, status)
        with TestCase.captureOnCommitCallbacks(execute=True):
            grow(site)
        for name, (url, status) in addresses(site).items():
            pages[name].grown = cold_render(client, url, status)
        transaction.set_rollback(True)
    for cache in caches.all(initialized_only=False):
        cache.clear()
    return pages


def explain(expected: list[str], captured: list[str]) -> str:
    lines = [f"expected {len(expected)} queries:", *(f"  - {what}" for what in expected)]
    lines += [f"made {len(captured)}:", *(f"  - {sql[:240]}" for sql in captured)]
    return "\n".join(lines)


def test_every_page_type_has_its_expected_queries():
    assert tuple(expected_queries()) == PAGE_TYPES


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_the_query_count_stays_the_same_as_content_grows(measured, page):
    expected = expected_queries()[page]
    measure = measured[page]
    for state, render in (("small site", measure.small), ("grown site", measure.grown)):
        assert len(render.queries) == len(expected), f"{measure.url} ({state})\n" + explain(
            expected, render.queries
        )


@pytest.mark.parametrize("page", GROWING)
def test_the_grown_site_shows_more_on_the_page(measured, page):
    marker, measure = GROWING[page], measured[page]
    shown = (measure.small.body.count(marker), measure.grown.body.count(marker))
    assert 0 < shown[0] < shown[1], f"{measure.url}: {marker!r} {shown}"
