"""The read replica serves anonymous readers' pages only, and never a request that wrote."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.db import transaction

from manchette import db_router
from manchette.articles.models import Article

router = db_router.PrimaryReplicaRouter()


@pytest.fixture(autouse=True)
def _with_a_replica(monkeypatch):
    monkeypatch.setattr(db_router, "has_replica", lambda: True)
    yield
    request_finished.send(sender=None)


def start(method: str = "GET", path: str = "/", query: str = "", cookie: str = "") -> None:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    request_started.send(sender=None, environ=environ)


def reads_from() -> str:
    return router.db_for_read(Article)


def test_outside_requests_everything_uses_the_primary():
    assert reads_from() == "default"
    assert router.db_for_write(Article) == "default"


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_an_anonymous_reader_reads_from_the_replica(method):
    start(method, "/politique/2026/03/02/un-titre/", cookie="csrftoken=abc; theme=sombre")

    assert reads_from() == "replica"


def test_a_form_sent_uses_the_primary():
    start("POST", "/commentaires/poster/12/")

    assert reads_from() == "default"


def test_a_reader_holding_a_session_uses_the_primary():
    start("GET", "/", cookie="csrftoken=abc; sessionid=xyz")

    assert reads_from() == "default"


def test_the_desk_uses_the_primary():
    start("GET", "/redaction/articles/article/")

    assert reads_from() == "default"


def test_a_reader_back_from_posting_a_comment_sees_it_on_the_primary():
    start("GET", "/politique/2026/03/02/un-titre/", query="commentaire=signed-id")

    assert reads_from() == "default"


def test_a_session_among_odd_cookies_still_uses_the_primary():
    start("GET", "/", cookie='theme="sombre;sessionid=xyz')

    assert reads_from() == "default"


def test_after_a_write_the_request_reads_its_own_writes():
    start("GET", "/")
    assert reads_from() == "replica"

    assert router.db_for_write(Article) == "default"

    assert reads_from() == "default"
    # The next request starts afresh.
    request_finished.send(sender=None)
    start("GET", "/")
    assert reads_from() == "replica"


def test_the_end_of_the_request_returns_to_the_primary():
    start("GET", "/")
    request_finished.send(sender=None)

    assert reads_from() == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_use_the_primary():
    start("GET", "/")

    with transaction.atomic():
        assert reads_from() == "default"
    assert reads_from() == "replica"


def test_only_the_primary_is_migrated_and_relations_cross_databases():
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")
    assert router.allow_relation(Article(), Article())
