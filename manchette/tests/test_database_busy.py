"""While another connection holds SQLite's write lock past the busy timeout, readers still
get their pages and a commenter gets a French 503 "réessayez", never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

from manchette import urls as site_urls
from manchette.articles.tests.builders import make_article
from manchette.comments.models import Comment
from manchette.comments.tests.builders import form_data
from manchette.database_busy import is_database_busy, keeps_typed_text
from manchette.tests.sqlite_lock import held_write_lock, shorten_busy_timeout

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock"),
]

BUSY = "Le site est très occupé, réessayez dans quelques secondes"


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch, settings):
    shorten_busy_timeout(monkeypatch)
    settings.COMMENTS_MIN_SECONDS = 0


@pytest.fixture
def locked_database() -> Iterator[None]:
    """Another connection holds the write lock until the test ends."""
    with held_write_lock():
        yield


@pytest.fixture
def article():
    return make_article(title="Un article lu pendant une longue écriture")


def test_readers_get_the_front_page_and_the_article(article, locked_database, settings):
    # The page cache on, on files as in production: storing a page must not write to
    # the database either.
    settings.PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "manchette.pagecache.filecache.FileCache",
            "LOCATION": str(settings.MEDIA_ROOT.parent / "pagecache"),
        },
    }
    reader = Client()

    for url in ["/", article.get_absolute_url(), "/", article.get_absolute_url()]:
        response = reader.get(url)
        assert response.status_code == 200, url
    assert "Un article lu pendant une longue écriture" in response.content.decode()


def test_a_comment_posted_during_the_write_gets_a_french_503(article, locked_database):
    response = Client(raise_request_exception=False).post(
        reverse("comments:post", args=[article.pk]), form_data(text="Mon avis, tapé à la main.")
    )

    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = response.content.decode()
    assert BUSY in page
    assert "rien de ce que vous avez écrit n’est perdu" in page
    # The comment comes back as typed, in this reader's own uncached answer, to send again.
    assert "Mon avis, tapé à la main.</textarea>" in page
    assert response["Cache-Control"] == "no-store"


def test_with_javascript_the_commenter_reads_the_message_in_json(article, locked_database):
    response = Client(raise_request_exception=False).post(
        reverse("comments:post", args=[article.pk]),
        form_data(),
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 503
    assert response.json()["ok"] is False
    assert BUSY in response.json()["message"]


def test_the_comment_is_stored_once_the_write_is_over(article):
    # Sanity of the fixture above: the same write fails while the lock is held.
    with pytest.raises(OperationalError), held_write_lock():
        Comment.objects.create(
            article=article, name="A", email="a@example.org", text="…", status="approved"
        )
    response = Client().post(reverse("comments:post", args=[article.pk]), form_data())
    assert response.status_code == 302
    assert Comment.objects.filter(text="Un avis argumenté sur l’article.").exists()


def _typed_back(request: HttpRequest) -> dict:
    """What comments/views.py gives for its post view: the comment form as typed."""
    from manchette.articles.models import Article
    from manchette.comments.forms import CommentForm

    form = CommentForm(initial=request.POST.dict())
    return {"article": Article.objects.get(), "comment_form": form, "confirm": True}


@keeps_typed_text(_typed_back)
def _writing_view(request: HttpRequest) -> HttpResponse:
    raise OperationalError("database is locked")


urlpatterns = [path("ecrire/", _writing_view), *site_urls.urlpatterns]


@pytest.mark.urls(__name__)
def test_a_view_can_give_the_reader_back_what_they_typed(article):
    response = Client(raise_request_exception=False).post(
        "/ecrire/", form_data(text="Mon texte, tapé à la main.")
    )

    assert response.status_code == 503
    page = response.content.decode()
    assert BUSY in page
    assert "Mon texte, tapé à la main.</textarea>" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_only_lock_errors_count_as_busy():
    assert is_database_busy(OperationalError("database is locked"))
    assert not is_database_busy(OperationalError("no such table: articles_article"))
    assert not is_database_busy(ValueError("database is locked"))
