"""The article page with the full-page cache off: its text, related articles and comments
are kept as fragments, so a warm page costs one query, and still every change shows on
the very next request; nothing one reader asked for (a reply, a typed form, a draft)
reaches another."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from manchette.articles.models import Article, Author, Correction
from manchette.articles.tests.builders import add_authors, add_tags, make_article
from manchette.comments.models import Comment
from manchette.comments.moderation import moderate
from manchette.comments.tests.builders import form_data, make_comment
from manchette.pagecache import versions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fragments_only(settings):
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True
    settings.COMMENTS_MIN_SECONDS = 0
    caches[versions.ALIAS].clear()


@pytest.fixture
def story(commit):
    def build():
        item = make_article(title="Le budget est voté", body="<p>Le texte voté mardi.</p>")
        add_authors(item, "Claire Martin")
        add_tags(item, "Budget")
        make_comment(item, name="Première Lectrice", text="Un premier avis.")
        return item

    return commit(build)


def page(client, article: Article, query: str = "") -> str:
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def warm(client, article: Article, query: str = "") -> str:
    """Read the page twice; the second reading must come from the fragments (one query:
    the article itself), so that a test of freshness after a change proves something."""
    first = page(client, article, query)
    with CaptureQueriesContext(connection) as queries:
        second = page(client, article, query)
    assert len(queries) == 1, [q["sql"][:120] for q in queries.captured_queries]
    assert second == first
    return second


def stored_fragments() -> list[str]:
    return [key for key in caches[versions.ALIAS]._cache if ":pc:f:" in key]


def test_a_warm_article_page_shows_everything_from_one_query(client, story):
    html = warm(client, story)

    for shown in ("Le budget est voté", "Le texte voté mardi.", "Claire Martin", "Budget"):
        assert shown in html
    assert "Un premier avis." in html
    assert 'property="og:title"' in html


def test_an_edit_of_title_text_and_corrections_shows_at_once(client, story, commit):
    warm(client, story)

    def edit():
        story.title = "Le budget est adopté"
        story.body = "<p>Le texte adopté mercredi.</p>"
        story.save()
        Correction.objects.create(article=story, text="La date était fausse.")

    commit(edit)

    html = page(client, story)
    assert "Le budget est adopté" in html
    assert "Le texte adopté mercredi." in html
    assert "La date était fausse." in html
    assert "Le budget est voté" not in html
    assert "Le texte voté mardi." not in html


def test_a_renamed_author_shows_in_the_byline_at_once(client, story, commit):
    warm(client, story)

    def rename():
        author = Author.objects.get(slug="claire-martin")
        author.name = "Claire Martin-Roux"
        author.save()

    commit(rename)

    assert "Claire Martin-Roux" in page(client, story)


def test_an_approved_comment_shows_at_once_and_a_pending_one_does_not(client, story, commit):
    warm(client, story)
    pending = commit(lambda: make_comment(story, name="Lecteur Patient", text="Mon avis."))
    commit(lambda: Comment.objects.filter(pk=pending.pk).update(status=Comment.Status.PENDING))
    assert "Mon avis." not in warm(client, story)

    commit(lambda: moderate(Comment.objects.get(pk=pending.pk), Comment.Status.APPROVED))

    html = page(client, story)
    assert "Mon avis." in html
    assert "2 commentaires" in html


def test_a_new_related_article_joins_the_page_at_once(client, story, commit):
    warm(client, story)

    def publish():
        fresh = make_article(title="Une loi de finances rectificative", category=story.category)
        add_tags(fresh, "Budget")

    commit(publish)

    assert "Une loi de finances rectificative" in page(client, story)


def test_an_unpublished_article_is_gone_at_once(client, story, commit):
    warm(client, story)

    def unpublish():
        story.status = Article.Status.DRAFT
        story.save()

    commit(unpublish)

    assert client.get(story.get_absolute_url()).status_code == 404


def test_each_page_of_comments_is_its_own_fragment(client, story, settings, commit):
    settings.COMMENTS_THREADS_PER_PAGE = 1
    commit(lambda: make_comment(story, name="Second Lecteur", text="Un second avis."))

    first, second = warm(client, story), warm(client, story, "?commentaires=2")

    assert "Un premier avis." in first and "Un second avis." not in first
    assert "Un second avis." in second and "Un premier avis." not in second


def test_closing_comments_with_time_shows_without_any_save(client, settings, commit):
    story = commit(lambda: make_article(title="Un vieil article", hours_ago=48))
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    assert "Laisser un commentaire" in warm(client, story)

    settings.COMMENTS_CLOSE_AFTER_DAYS = 1  # as if the days had gone by

    html = page(client, story)
    assert "Les commentaires sont fermés pour cet article." in html
    assert "Laisser un commentaire" not in html


def test_a_reply_form_is_for_its_reader_only(client, story):
    comment = Comment.objects.get(article=story)

    replying = page(client, story, f"?repondre={comment.pk}")
    plain = page(Client(), story)

    assert '<p class="comment-form__replying">' in replying
    assert '<p class="comment-form__replying" hidden>' in plain


def test_a_form_sent_back_with_errors_is_for_its_reader_only(client, story):
    warm(Client(), story)

    response = client.post(
        reverse("comments:post", args=[story.pk]),
        form_data(email="pas-une-adresse", text="Mon texte à garder."),
    )

    assert response.status_code == 400
    assert "Mon texte à garder." in response.content.decode()
    assert "Mon texte à garder." not in warm(Client(), story)


def test_an_article_not_yet_public_is_never_kept(client, admin_user):
    scheduled = make_article(title="Annonce à venir", hours_ago=-5)
    client.force_login(admin_user)

    assert "Annonce à venir" in page(client, scheduled)
    preview = client.get(reverse("desk:preview", kwargs={"token": scheduled.preview_token()}))

    assert preview.status_code == 200
    assert stored_fragments() == []


def test_with_the_fragment_cache_off_nothing_is_kept(client, story, settings):
    settings.FRAGMENT_CACHE = False

    page(client, story)

    assert stored_fragments() == []


def test_teasers_show_an_edit_and_a_new_comment_count_at_once(client, story, commit):
    listings = ["/", story.category.get_absolute_url()]
    for url in listings:
        client.get(url)
        assert "Le budget est voté" in client.get(url).content.decode()

    def edit():
        story.title = "Le budget est adopté"
        story.save()
        moderate(make_comment(story, status=Comment.Status.PENDING), Comment.Status.APPROVED)

    commit(edit)

    for url in listings:
        html = client.get(url).content.decode()
        assert "Le budget est adopté" in html, url
        assert "Le budget est voté" not in html, url
        assert "2 commentaires" in html, url


def search(client, words: str) -> str:
    response = client.get(reverse("search:results"), {"q": words})
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_answer_shows_a_new_article_at_once(client, story, commit):
    assert search(client, "budget") == search(client, "budget")

    def publish():
        make_article(title="Un budget rectificatif")

    commit(publish)

    html = search(client, "budget")
    assert "rectificatif" in html
    assert "2 résultats" in html


def test_a_search_answer_shows_a_scheduled_article_at_its_time(client, story, commit, monkeypatch):
    due = timezone.now() + datetime.timedelta(minutes=2)
    commit(lambda: make_article(title="Le budget annoncé", published_at=due))
    assert "annoncé" not in search(client, "budget")

    later = due + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "annoncé" in search(client, "budget")


def test_each_page_and_filter_of_a_search_has_its_own_answer(client, story, commit, settings):
    settings.ARTICLES_PER_PAGE = 1
    commit(lambda: make_article(title="Un budget rectificatif", hours_ago=5))

    first = search(client, "budget")
    second = client.get(reverse("search:results"), {"q": "budget", "page": 2}).content.decode()

    assert "est voté" in first and "rectificatif" not in first
    assert "rectificatif" in second and "est voté" not in second


class Gone:
    """Stands for a class of an earlier release, stored in the cache before a deploy."""


def test_a_fragment_an_earlier_release_stored_is_rendered_anew(client, story, monkeypatch):
    warm(client, story)
    cache = caches[versions.ALIAS]
    for key in stored_fragments():
        cache.set(key.split(":", 2)[2], Gone())
    monkeypatch.delattr(f"{__name__}.Gone")  # it no longer unpickles

    html = page(client, story)

    assert "Le texte voté mardi." in html
    assert "Un premier avis." in html
    assert warm(client, story) == html


def test_warm_listings_cost_only_their_own_lookup(client, story):
    category = story.category.get_absolute_url()
    for url, lookups in (("/", 0), (category, 1), ("/sujet/budget/", 1)):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert "Le budget est voté" in client.get(url).content.decode()
        assert len(queries) == lookups, (url, [q["sql"][:100] for q in queries.captured_queries])


def test_listings_show_a_scheduled_article_at_its_time(client, story, commit, monkeypatch):
    due = timezone.now() + datetime.timedelta(minutes=2)

    def schedule():
        later = make_article(title="Une loi annoncée", published_at=due, category=story.category)
        add_tags(later, "Budget")

    commit(schedule)
    listings = ["/", story.category.get_absolute_url(), "/sujet/budget/"]
    for url in listings:
        assert "Une loi annoncée" not in client.get(url).content.decode(), url

    moment = due + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)

    for url in listings:
        assert "Une loi annoncée" in client.get(url).content.decode(), url


def test_each_page_of_a_listing_is_its_own_answer(client, story, commit, settings):
    settings.ARTICLES_PER_PAGE = 1
    commit(lambda: make_article(title="Un article plus ancien", hours_ago=5))
    url = story.category.get_absolute_url()

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert "Le budget est voté" in first and "Un article plus ancien" not in first
    assert "Un article plus ancien" in second and "Le budget est voté" not in second
    assert "Page 2 sur 2" in second
