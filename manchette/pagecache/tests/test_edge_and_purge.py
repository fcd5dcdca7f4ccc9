"""The static edge (HTML files for nginx) and the purge hook for a CDN follow every
change, like the page cache."""

from __future__ import annotations

import shutil

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse

from manchette.articles.models import Article, Category
from manchette.articles.tests.builders import add_authors, add_tags, make_article
from manchette.pagecache import edge, tags, versions

pytestmark = pytest.mark.django_db

PURGED: list[dict] = []


def record_purge(*, urls: list[str], tags: list[str]) -> None:
    PURGED.append({"urls": urls, "tags": tags})


@pytest.fixture(autouse=True)
def _edge(settings, tmp_path):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True  # as in production
    settings.STATIC_EDGE_DIR = str(tmp_path / "edge")
    settings.SITE_URL = "http://testserver"
    caches[versions.ALIAS].clear()
    PURGED.clear()


@pytest.fixture
def story(commit):
    def build():
        item = make_article(title="Le pont rouvre")
        add_authors(item, "Louis Garnier")
        add_tags(item, "Travaux")
        return item

    return commit(build)


def kept(path: str) -> str | None:
    target = edge.file_for(path)
    return target.read_text() if target.exists() else None


def test_building_the_edge_writes_every_public_page_whole(story, tmp_path):
    make_article(title="Brouillon secret", status=Article.Status.DRAFT)

    call_command("build_static_edge", verbosity=0)

    for path in (
        "/",
        story.get_absolute_url(),
        reverse("articles:category", args=["politique"]),
        reverse("articles:tag", args=["travaux"]),
        reverse("articles:author", args=["louis-garnier"]),
    ):
        page = kept(path)
        assert page is not None, path
        assert page.rstrip().endswith("</html>"), path
        assert edge.file_for(path).with_name("index.html.gz").exists(), path
    written = {p.relative_to(tmp_path / "edge").as_posix() for p in (tmp_path / "edge").rglob("*")}
    assert not [name for name in written if ".tmp-" in name or ".trash-" in name]
    assert "Brouillon secret" not in "".join(
        (tmp_path / "edge").joinpath(name).read_text() for name in written if name.endswith(".html")
    )


def test_an_edit_rewrites_the_files_that_show_it(story, commit):
    call_command("build_static_edge", verbosity=0)

    def edit():
        story.title = "Le pont rouvre enfin"
        story.save()

    commit(edit)

    for path in ("/", story.get_absolute_url(), reverse("articles:tag", args=["travaux"])):
        assert "Le pont rouvre enfin" in kept(path), path


def test_an_unpublished_article_leaves_the_edge(story, commit):
    call_command("build_static_edge", verbosity=0)
    url = story.get_absolute_url()

    def unpublish():
        story.status = Article.Status.DRAFT
        story.save()

    commit(unpublish)

    assert kept(url) is None
    assert "Le pont rouvre" not in kept("/")


def test_a_renamed_category_rebuilds_the_whole_edge(story, commit):
    call_command("build_static_edge", verbosity=0)

    def rename():
        section = Category.objects.get(slug="politique")
        section.name = "Vie locale"
        section.save()

    commit(rename)

    assert "Vie locale" in kept(story.get_absolute_url())
    assert "Vie locale" in kept("/")


def test_pages_that_are_not_for_everyone_never_reach_the_edge(story):
    assert edge.file_for("/recherche/") is None
    assert edge.file_for("/flux/") is None
    assert edge.file_for("/redaction/") is None
    assert edge.file_for("/commentaires/jeton/") is None
    assert edge.file_for(story.get_absolute_url() + "?commentaire=x") is None
    assert edge.file_for("/../../etc/") is None


def test_the_purge_hook_gets_every_address_that_showed_a_change(settings, story, commit):
    settings.PAGE_CACHE_PURGE_HOOK = f"{__name__}.record_purge"
    old_url = story.get_absolute_url()

    def move():
        story.title = "Le pont rouvre"
        story.category = Category.objects.create(name="Région", slug="region")
        story.save()

    commit(move)

    purged = PURGED[-1]
    site = "http://testserver"
    assert site + old_url in purged["urls"]
    assert site + story.get_absolute_url() in purged["urls"]
    for path in (
        "/",
        "/politique/",
        "/region/",
        "/sujet/travaux/",
        "/auteur/louis-garnier/",
        "/flux/",
        "/politique/flux/",
        "/region/flux/atom/",
        "/sitemap-news.xml",
    ):
        assert site + path in purged["urls"], path
    assert {tags.article(story.pk), tags.category("politique"), tags.category("region")} <= set(
        purged["tags"]
    )


def test_listings_are_purged_with_all_their_pages(settings, story, commit):
    settings.PAGE_CACHE_PURGE_HOOK = f"{__name__}.record_purge"
    settings.ARTICLES_PER_PAGE = 2
    commit(lambda: [make_article(title=f"Article {n}") for n in range(4)])

    assert "http://testserver/politique/?page=3" in PURGED[-1]["urls"]


def test_a_first_build_on_a_cold_cache_writes_every_page(story):
    shutil.rmtree(edge.root())
    caches[versions.ALIAS].clear()

    call_command("build_static_edge", verbosity=0)

    assert not list(edge.missing_paths())
