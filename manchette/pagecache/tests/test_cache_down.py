"""A shared cache that fails (Redis refusing connections or never answering, a full
disk) costs readers nothing: every public page, feed, search, comment and the desk's
login are served from the database, the process leaves the store alone for a while
after a failure, and the log says so once."""

from __future__ import annotations

import errno
import logging
import socket
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.urls import reverse

from manchette import cache_backends
from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.background import enqueue_once
from manchette.comments.models import Comment
from manchette.comments.tasks import purge_old_ips
from manchette.comments.tests.builders import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True  # as in production
    settings.COMMENTS_MIN_SECONDS = 0
    cache_backends.forget_breakers()
    yield
    cache_backends.forget_breakers()


def use_redis(settings, url: str) -> None:
    store = {
        "BACKEND": "manchette.cache_backends.ResilientRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    settings.CACHES = {"default": store, "pages": store}


@pytest.fixture
def closed_port() -> int:
    """A port nobody listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HungServer:
    """Accepts connections and never answers, as a Redis stuck on a full disk or a
    network that drops replies."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed at the end of the test
                return
            self.connections.append(connection)

    def close(self) -> None:
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def hung_server():
    server = HungServer()
    yield server
    server.close()


@pytest.fixture
def article(commit):
    return commit(lambda: make_article(title="Le budget est voté"))  # indexed for search


def public_addresses(article: Article) -> list[str]:
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        reverse("articles:category", args=[article.category.slug]),
        reverse("syndication:feed"),
        reverse("search:results") + "?q=budget",
    ]


def read_everything(client, article: Article) -> None:
    for url in public_addresses(article):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "est voté" in response.content.decode(), url  # search marks "budget"


def comment(client, article: Article, number: int):
    return client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(text=f"Mon avis numéro {number}.", email=f"lecteur{number}@example.org"),
        REMOTE_ADDR="203.0.113.5",
    )


def warnings_about_the_cache(caplog) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == cache_backends.__name__ and record.levelno >= logging.WARNING
    ]


def test_with_redis_refusing_connections_every_page_and_comment_works(
    client, settings, closed_port, article, caplog
):
    settings.COMMENTS_RATE_PER_IP = 2
    use_redis(settings, f"redis://127.0.0.1:{closed_port}/0")

    for _ in range(3):
        read_everything(client, article)
    # More comments than the rate limit allows from one address: with no shared counter
    # the limit lets them through (each still goes through moderation's rules).
    posted = [comment(client, article, number) for number in range(3)]

    assert [response.status_code for response in posted] == [302, 302, 302]
    assert Comment.objects.filter(article=article).count() == 3
    assert len(warnings_about_the_cache(caplog)) == 1
    assert "served from the database" in warnings_about_the_cache(caplog)[0].getMessage()


def test_a_hung_redis_is_tried_once_then_left_alone(client, settings, hung_server, article, caplog):
    use_redis(settings, hung_server.url)

    for _ in range(3):
        read_everything(client, article)
    assert comment(client, article, 1).status_code == 302

    # One connection, whose reply never came; every later request went around Redis.
    assert len(hung_server.connections) == 1
    assert len(warnings_about_the_cache(caplog)) == 1


def test_the_desk_login_works_without_redis(client, settings, closed_port):
    use_redis(settings, f"redis://127.0.0.1:{closed_port}/0")
    get_user_model().objects.create_user("claire", password="un-mot-de-passe-solide", is_staff=True)

    response = client.post(
        "/redaction/login/",
        {"username": "claire", "password": "un-mot-de-passe-solide", "next": "/redaction/"},
    )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.fixture
def file_caches(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "manchette.cache_backends.ResilientFileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
        "pages": {
            "BACKEND": "manchette.pagecache.filecache.FileCache",
            "LOCATION": str(tmp_path / "pagecache"),
        },
    }


class Disk:
    """Every write of the file caches fails, as on a full disk, between fill() and free()."""

    def __init__(self) -> None:
        self.patch = pytest.MonkeyPatch()

    def fill(self) -> None:
        def no_space(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        self.patch.setattr(FileBasedCache, "_write_content", no_space)

    def free(self) -> None:
        self.patch.undo()


@pytest.fixture
def full_disk():
    disk = Disk()
    yield disk
    disk.free()


def retry_delay_over(monkeypatch) -> None:
    later = time.monotonic() + cache_backends.RETRY_AFTER + 1
    monkeypatch.setattr(cache_backends, "clock", lambda: later)


def test_with_a_full_disk_pages_and_comments_are_served_and_logged_once(
    client, file_caches, full_disk, article, caplog
):
    full_disk.fill()

    for _ in range(3):
        read_everything(client, article)
    assert comment(client, article, 1).status_code == 302

    assert len(warnings_about_the_cache(caplog)) == 2  # once per store: cache and pages
    assert all(
        "No space left" in record.getMessage() for record in warnings_about_the_cache(caplog)
    )


def test_a_change_made_while_the_cache_failed_shows_once_it_is_back(
    client, file_caches, full_disk, article, commit, monkeypatch, caplog
):
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    full_disk.fill()

    def retitle():
        article.title = "Le budget est rejeté"
        article.save()

    commit(retitle)  # its page versions could not be written
    assert "Le budget est rejeté" in client.get(url).content.decode()
    full_disk.free()
    retry_delay_over(monkeypatch)

    page = client.get(url).content.decode()

    assert "Le budget est rejeté" in page
    assert "Le budget est voté" not in page
    assert any(
        record.getMessage().endswith("reachable again")
        for record in caplog.records
        if record.name == cache_backends.__name__
    )


def test_a_value_written_while_the_store_failed_does_not_come_back(
    tmp_path, full_disk, monkeypatch
):
    store = cache_backends.ResilientFileBasedCache(str(tmp_path), {})
    store.set("navigation", "old menu")
    full_disk.fill()

    store.set("navigation", "new menu")

    assert store.get("navigation") is None  # left alone: served from the database
    full_disk.free()
    retry_delay_over(monkeypatch)
    assert store.get("navigation") is None
    store.set("navigation", "new menu")
    assert store.get("navigation") == "new menu"


def test_the_log_names_redis_without_its_password():
    assert (
        cache_backends.public_name("redis://:s3cret@cache.internal:6379/2")
        == "redis://cache.internal:6379/2"
    )


@pytest.mark.redis
def test_a_value_written_while_redis_failed_does_not_come_back(redis_url, monkeypatch):
    import redis

    store = cache_backends.ResilientRedisCache(redis_url, {"KEY_PREFIX": "cache-down-test"})
    store.set("navigation", "old menu")
    with pytest.MonkeyPatch.context() as outage:

        def refused(*args, **kwargs):
            raise redis.exceptions.ConnectionError("Connection refused.")

        outage.setattr(redis.Redis, "set", refused)
        store.set("navigation", "new menu")

    assert store.get("navigation") is None  # left alone: served from the database
    retry_delay_over(monkeypatch)
    assert store.get("navigation") is None
    store.set("navigation", "new menu")
    assert store.get("navigation") == "new menu"
    store.delete("navigation")


def test_without_the_shared_cache_a_task_is_still_queued_once_per_process(settings, closed_port):
    use_redis(settings, f"redis://127.0.0.1:{closed_port}/0")
    cache.get("anything")  # the first failure opens the breaker
    assert cache_backends.is_failing(cache)

    # Queued, not dropped (a comment held while Redis is down still gets its digest),
    # and not on every call either.
    assert enqueue_once("test:lock-down", purge_old_ips, within=60) is True
    assert enqueue_once("test:lock-down", purge_old_ips, within=60) is False
