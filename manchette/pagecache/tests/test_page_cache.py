"""The page cache as readers and editors live it: a second reader gets the stored page
without a query, and every change shows on the very next request."""

from __future__ import annotations

import datetime
import gzip

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from manchette.articles.models import Article, Category, Page
from manchette.articles.tests.builders import add_authors, add_tags, make_article
from manchette.comments.models import Comment
from manchette.comments.moderation import moderate
from manchette.comments.tests.builders import form_data, make_comment
from manchette.pagecache import tags, versions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True  # as in production
    caches[versions.ALIAS].clear()


@pytest.fixture
def story(commit):
    def build():
        item = make_article(title="Le budget est voté")
        add_authors(item, "Claire Martin")
        add_tags(item, "Budget")
        return item

    return commit(build)


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def warm(client, *urls: str) -> None:
    """Read each page twice: the second must come from the cache, so that a test of
    freshness after a change proves something."""
    for url in urls:
        get(client, url)
        assert get(client, url)["X-Page-Cache"] == "hit", url


def text(response) -> str:
    return response.content.decode()


def every_page_of(article: Article) -> list[str]:
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        reverse("articles:category", args=[article.category.slug]),
        reverse("articles:tag", args=["budget"]),
        reverse("articles:author", args=["claire-martin"]),
        reverse("syndication:feed"),
        reverse("syndication:feed-atom"),
        reverse("syndication:category-feed", args=[article.category.slug]),
        reverse("syndication:tag-feed", args=["budget"]),
        reverse("syndication:author-feed", args=["claire-martin"]),
        reverse("syndication:sitemap-news"),
        reverse("search:results") + "?q=claire",
    ]


def test_a_second_reader_gets_the_stored_page_without_any_query(
    client, story, django_assert_num_queries
):
    first = get(client, story.get_absolute_url())
    with django_assert_num_queries(0):
        second = get(client, story.get_absolute_url())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert text(second) == text(first)
    assert "Le budget est voté" in text(second)


def test_campaign_parameters_share_the_page_and_other_parameters_do_not(client, story):
    get(client, "/")

    assert get(client, "/?utm_source=lettre&fbclid=x")["X-Page-Cache"] == "hit"
    assert get(client, "/recherche/?q=budget")["X-Page-Cache"] == "miss"
    assert get(client, "/recherche/?q=vote")["X-Page-Cache"] == "miss"


def test_an_edited_title_shows_at_once_on_every_page_that_shows_it(client, story, commit):
    pages = every_page_of(story)
    for url in pages:
        assert "Le budget est voté" in text(get(client, url)), url
    warm(client, *pages)

    def edit():
        story.title = "Le budget est adopté"
        story.save()

    commit(edit)

    for url in pages:
        page = text(get(client, url))
        assert "Le budget est adopté" in page, url
        assert "Le budget est voté" not in page, url


def test_a_new_article_joins_every_listing_feed_and_sitemap_at_once(client, story, commit):
    pages = every_page_of(story)
    pages.remove(story.get_absolute_url())
    warm(client, *pages, story.get_absolute_url())

    def publish():
        fresh = make_article(title="Une loi de finances rectificative", category=story.category)
        add_authors(fresh, "Claire Martin")
        add_tags(fresh, "Budget")
        return fresh

    sitemap = reverse("syndication:sitemap", args=["articles"])
    warm(client, sitemap)

    fresh = commit(publish)

    assert fresh.get_absolute_url() in text(get(client, sitemap))
    for url in pages:
        assert "Une loi de finances rectificative" in text(get(client, url)), url
    # The article page of the first story lists it among related articles.
    assert "Une loi de finances rectificative" in text(get(client, story.get_absolute_url()))
    assert get(client, fresh.get_absolute_url())["X-Page-Cache"] == "miss"


def test_an_unpublished_article_leaves_every_page_at_once(client, story, commit):
    pages = every_page_of(story)
    warm(client, *pages)

    def unpublish():
        story.status = Article.Status.DRAFT
        story.save()

    commit(unpublish)

    assert client.get(story.get_absolute_url()).status_code == 404
    pages.remove(story.get_absolute_url())
    for url in pages:
        if "/sujet/" in url or "/auteur/" in url:
            continue  # an empty topic or author page: 404, or an empty listing
        assert "Le budget est voté" not in text(get(client, url)), url


def test_a_deleted_article_leaves_every_page_at_once(client, story, commit):
    url = story.get_absolute_url()
    warm(client, "/", url)

    commit(story.delete)

    assert client.get(url).status_code == 404
    assert "Le budget est voté" not in text(get(client, "/"))


def test_an_approved_comment_shows_on_the_next_view_and_counts_on_listings(client, story, commit):
    pending = make_comment(story, name="Lecteur Patient", status=Comment.Status.PENDING)
    assert "Lecteur Patient" not in text(get(client, story.get_absolute_url()))
    warm(client, "/", story.get_absolute_url())

    commit(lambda: moderate(pending, Comment.Status.APPROVED))

    page = text(get(client, story.get_absolute_url()))
    assert "Lecteur Patient" in page
    assert "1 commentaire" in page
    assert "1 commentaire" in text(get(client, "/"))


def test_a_pending_comment_does_not_empty_the_cache_of_its_article(client, story, commit):
    warm(client, story.get_absolute_url())

    commit(lambda: make_comment(story, status=Comment.Status.PENDING))

    assert get(client, story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_renamed_category_shows_on_its_pages_at_once(client, story, commit):
    category_url = reverse("articles:category", args=[story.category.slug])
    warm(client, "/", category_url, story.get_absolute_url())

    def rename():
        section = Category.objects.get(pk=story.category_id)
        section.name = "Vie politique"
        section.save()

    commit(rename)

    for url in ("/", category_url, story.get_absolute_url()):
        assert "Vie politique" in text(get(client, url)), url


def test_a_renamed_topic_shows_on_its_pages_at_once(client, story, commit):
    tag_url = reverse("articles:tag", args=["budget"])
    warm(client, tag_url, story.get_absolute_url())

    def rename():
        topic = story.tags.get()
        topic.name = "Finances publiques"
        topic.save()

    commit(rename)

    for url in (tag_url, story.get_absolute_url()):
        assert "Finances publiques" in text(get(client, url)), url


def test_a_changed_static_page_shows_at_once(client, commit):
    page = commit(lambda: Page.objects.create(title="Qui sommes-nous", slug="qui"))
    url = reverse("articles:page", args=["qui"])
    warm(client, url)

    def edit():
        page.title = "La rédaction"
        page.save()

    commit(edit)

    assert "La rédaction" in text(get(client, url))


def test_readers_with_a_session_bypass_the_cache_and_their_pages_stay_private(
    client, story, admin_user
):
    get(client, story.get_absolute_url())
    client.force_login(admin_user)

    response = get(client, story.get_absolute_url())

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Cache-Tag" not in response


def test_a_comment_just_posted_is_shown_to_its_author_only(client, story, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    get(client, story.get_absolute_url())  # the page is now in the cache
    posted = client.post(
        reverse("comments:post", args=[story.pk]),
        form_data(name="Auteur Pressé", text="Un avis tout juste envoyé."),
    )
    assert Comment.objects.get().status == Comment.Status.PENDING

    response = get(client, posted["Location"])

    assert "Auteur Pressé" in text(response)
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]
    # Another reader with the same link sees neither the comment nor a page stored for it.
    other = type(client)()
    assert "Auteur Pressé" not in text(get(other, posted["Location"]))
    assert "Auteur Pressé" not in text(get(other, story.get_absolute_url()))


def test_public_pages_tell_shared_caches_how_long_to_keep_them(client, story, settings):
    settings.PAGE_CACHE_SHARED_MAX_AGE = 300
    settings.PAGE_CACHE_STALE_WHILE_REVALIDATE = 60

    response = get(client, story.get_absolute_url())

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=300", "stale-while-revalidate=60"} <= cache_control
    assert {"Cookie", "Accept-Encoding"} <= {v.strip() for v in response["Vary"].split(",")}
    assert set(response["Cache-Tag"].split(",")) >= {
        tags.SITE,
        tags.article(story.pk),
        tags.topic("budget"),
    }


def test_the_same_headers_come_with_the_page_cache_off(client, story, settings):
    settings.PAGE_CACHE = False

    response = get(client, story.get_absolute_url())

    assert "s-maxage=" in response["Cache-Control"]
    assert "ETag" in response
    assert "X-Page-Cache" not in response


def test_revalidation_answers_304_by_etag_and_by_date(client, story):
    first = get(client, "/")

    by_etag = client.get("/", headers={"If-None-Match": first["ETag"]})
    by_date = client.get("/", headers={"If-Modified-Since": first["Last-Modified"]})
    stale = client.get("/", headers={"If-Modified-Since": http_date(0)})

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304
    assert stale.status_code == 200


def test_a_changed_page_gets_a_new_etag(client, story, commit):
    warm(client, story.get_absolute_url())
    before = get(client, story.get_absolute_url())["ETag"]

    def edit():
        story.standfirst = "Un chapô réécrit."
        story.save()

    commit(edit)

    after = client.get(story.get_absolute_url(), headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after["ETag"] != before


def test_browsers_that_accept_gzip_get_the_page_compressed(client, story):
    plain = get(client, story.get_absolute_url())

    packed = get(client, story.get_absolute_url(), **{"Accept-Encoding": "gzip, br"})

    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2


def test_a_scheduled_article_appears_at_its_time_without_any_save(
    client, story, commit, monkeypatch
):
    due = timezone.now() + datetime.timedelta(minutes=10)
    commit(
        lambda: make_article(
            title="Annonce programmée", status=Article.Status.PUBLISHED, published_at=due
        )
    )
    assert "Annonce programmée" not in text(get(client, "/"))
    assert get(client, "/")["X-Page-Cache"] == "hit"
    # A CDN must not keep the page past that time either.
    assert int(get(client, "/")["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 600

    later = due + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr("manchette.pagecache.middleware.time.time", later.timestamp)

    assert "Annonce programmée" in text(get(client, "/"))


def test_the_page_cache_needs_no_session_and_sets_no_cookie(client, story):
    response = get(client, story.get_absolute_url())
    again = get(client, story.get_absolute_url())

    assert not response.cookies and not again.cookies
    # The comment form of the cached page carries no reader's token.
    assert 'name="csrfmiddlewaretoken" value=""' in text(again)
