"""The server killed (SIGKILL) in the middle of load, then started again: the database
is sound without any repair, no accepted comment is lost or stored twice, and the site
serves and takes comments at once (issue 7).

The server is what `make run` serves, `scripts/serve` (gunicorn and the task worker),
on the suite's own kind of database: SQLite in a fresh VAR_DIR, or a throwaway
PostgreSQL database with the tests' Redis when the suite runs on PostgreSQL."""

from __future__ import annotations

import collections
import contextlib
import http.client
import http.cookies
import itertools
import json
import re
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from .fresh_process import manage
from .served_site import CLIENT_TIMEOUT, CUT_OFF, Answer, Server, fetch, served_environ
from .throwaway_postgres import redis_key_prefix, throwaway_database

POSTERS = 6
READERS = 2
ACCEPTED_BEFORE_KILL = 30

SETUP = """
import json
from manchette.articles.tests.builders import make_article

article = make_article(title="Grève des transports : troisième jour")
print(json.dumps({"id": article.pk, "path": article.get_absolute_url()}))
"""

STORED = """
import json
from manchette.articles.models import Article
from manchette.comments.models import Comment

comments = Comment.objects.filter(article_id={article_id})
print(json.dumps({{
    "texts": list(comments.values_list("text", flat=True)),
    "approved": comments.approved().count(),
    "comment_count": Article.objects.get(pk={article_id}).comment_count,
}}))
"""


def comment_text(number: int) -> str:
    """A comment's text, found again on the page and in the database by its number."""
    return f"Témoignage {number:05d} : le tram est resté à quai toute la matinée."


def number_of(text: str) -> int | None:
    found = re.match(r"Témoignage (\d{5}) ", text)
    return int(found.group(1)) if found else None


@dataclass
class Commenter:
    """A reader's browser as the page's script drives it: the CSRF cookie and token and
    the signed form time from the token endpoint, then one JSON post per comment."""

    port: int
    article_id: int
    article_path: str
    cookie: str = ""
    token: str = ""
    timestamp: str = ""

    def get_tokens(self) -> None:
        answer = fetch(self.port, "/commentaires/jeton/", headers={"Accept": "application/json"})
        assert answer.status == 200, answer.body[:500]
        tokens = json.loads(answer.body)
        jar = http.cookies.SimpleCookie()
        for value in answer.headers.get_all("Set-Cookie") or []:
            jar.load(value)
        self.cookie, self.token, self.timestamp = (
            jar["csrftoken"].value,
            tokens["csrf"],
            tokens["timestamp"],
        )

    def post(self, number: int) -> Answer:
        if not self.token:
            self.get_tokens()
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "timestamp": self.timestamp,
                "text": comment_text(number),
                "name": f"Usagère {number}",
                "email": f"usagere{number}@example.org",
                "website": "",
                "honeypot": "",
                "parent": "",
            }
        )
        return fetch(
            self.port,
            f"/commentaires/poster/{self.article_id}/",
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "Cookie": f"csrftoken={self.cookie}",
                "Referer": f"http://127.0.0.1:{self.port}{self.article_path}",
            },
            body=body,
        )


# --- The site and its servers ------------------------------------------------------------


def stored_comments(env: dict[str, str], article_id: int) -> dict:
    """The article's comments as the database holds them, whichever its kind."""
    command = STORED.format(article_id=article_id)
    return json.loads(manage(env, "shell", "--no-imports", "--command", command))


def log_tails(servers: list[Server]) -> str:
    return "\n".join(server.log_tail() for server in servers)


@pytest.fixture
def site_env(request, collected_static, tmp_path) -> Iterator[dict[str, str]]:
    """The environment of a fresh site, migrated: SQLite in its VAR_DIR, or, when the
    suite runs on PostgreSQL, a database and a Redis key prefix of its own."""
    env = served_environ(
        tmp_path / "var",
        collected_static,
        WEB_CONCURRENCY="3",
        COMMENTS_POLICY="approve_all",
        # Every comment on the article's first page, where the test looks for them.
        COMMENTS_THREADS_PER_PAGE="100000",
    )
    with contextlib.ExitStack() as stack:
        if connection.vendor == "postgresql":
            redis_url = request.getfixturevalue("redis_url")
            env["DATABASE_URL"] = stack.enter_context(throwaway_database("server_killed"))
            env["REDIS_URL"] = redis_url
            env["CACHE_KEY_PREFIX"] = stack.enter_context(
                redis_key_prefix(redis_url, "server-killed")
            )
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        yield env


# --- The load ----------------------------------------------------------------------------


@dataclass
class Load:
    """Commenters posting one comment after another and readers reading the article and
    the front page, until the server dies under them."""

    port: int
    article_id: int
    article_path: str
    numbers: Iterator[int] = field(default_factory=itertools.count)
    accepted: set[int] = field(default_factory=set)
    unanswered: set[int] = field(default_factory=set)
    wrong: list[str] = field(default_factory=list)
    enough: threading.Event = field(default_factory=threading.Event)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        self.threads = [threading.Thread(target=self.post) for _ in range(POSTERS)]
        self.threads += [threading.Thread(target=self.read) for _ in range(READERS)]
        for thread in self.threads:
            thread.start()

    def next_number(self) -> int:
        with self.lock:
            return next(self.numbers)

    def post(self) -> None:
        commenter = Commenter(self.port, self.article_id, self.article_path)
        while not self.stopping.is_set():
            number = self.next_number()
            try:
                answer = commenter.post(number)
            except CUT_OFF:
                with self.lock:
                    self.unanswered.add(number)
                return
            except AssertionError as refusal:  # no tokens to post with
                with self.lock:
                    self.wrong.append(f"GET /commentaires/jeton/: {refusal}")
                return
            with self.lock:
                if answer.status == 201:
                    self.accepted.add(number)
                    if len(self.accepted) >= ACCEPTED_BEFORE_KILL:
                        self.enough.set()
                else:
                    self.wrong.append(f"POST {number}: {answer.status} {answer.body[:300]}")

    def read(self) -> None:
        for path in itertools.cycle([self.article_path, "/"]):
            if self.stopping.is_set():
                return
            try:
                answer = fetch(self.port, path)
            except CUT_OFF:
                return
            if answer.status != 200:
                with self.lock:
                    self.wrong.append(f"GET {path}: {answer.status}")

    def stop(self) -> list[threading.Thread]:
        """Stops every client; returns those still running after the deadline."""
        self.stopping.set()
        deadline = time.monotonic() + 2 * CLIENT_TIMEOUT
        for thread in self.threads:
            thread.join(timeout=max(0, deadline - time.monotonic()))
        return [thread for thread in self.threads if thread.is_alive()]


# --- The test ----------------------------------------------------------------------------


def assert_sound_sqlite(database: Path) -> None:
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_server_killed_under_load_serves_every_accepted_comment_at_once(site_env, tmp_path):
    article = json.loads(manage(site_env, "shell", "--no-imports", "--command", SETUP))
    servers: list[Server] = []
    load = None
    try:
        first = Server.start(site_env, tmp_path / "serve-1.log")
        servers.append(first)
        first.wait_until_serving(time.monotonic() + 60)

        load = Load(first.port, article["id"], article["path"])
        load.start()
        loaded = load.enough.wait(timeout=30)
        first.kill()
        still_running = load.stop()

        assert loaded, f"{len(load.accepted)} comments accepted in 30 s:\n{first.log_tail()}"
        assert not still_running, f"{len(still_running)} clients still wait on a dead server"
        assert not load.wrong, "\n".join(load.wrong[:10]) + "\n" + first.log_tail()
        # Killed with posts in flight: the answers they never got.
        assert load.unanswered, "the kill came between posts, not during them"

        if connection.vendor == "sqlite":
            assert_sound_sqlite(tmp_path / "var" / "manchette.sqlite3")

        second = Server.start(site_env, tmp_path / "serve-2.log")
        servers.append(second)
        second.wait_until_listening(time.monotonic() + 30)

        page = fetch(second.port, article["path"], timeout=30)
        assert page.status == 200, log_tails(servers)
        missing = sorted(n for n in load.accepted if comment_text(n) not in page.body)
        assert not missing, f"accepted comments not on the page: {missing}\n{log_tails(servers)}"

        stored = stored_comments(site_env, article["id"])
        times = collections.Counter(number_of(text) for text in stored["texts"])
        lost = sorted(n for n in load.accepted if times[n] == 0)
        twice = sorted(n for n, count in times.items() if count > 1)
        assert not lost, f"accepted comments lost: {lost}\n{log_tails(servers)}"
        assert not twice, f"comments stored more than once: {twice}\n{log_tails(servers)}"
        unknown = set(times) - load.accepted - load.unanswered
        assert not unknown, f"comments nobody posted: {unknown}"
        # The count shown above the thread, kept in the same transactions.
        assert stored["comment_count"] == stored["approved"], stored | {"texts": len(times)}

        number = load.next_number()
        answer = Commenter(second.port, article["id"], article["path"]).post(number)
        assert answer.status == 201, f"{answer.status} {answer.body[:500]}\n{second.log_tail()}"
        assert comment_text(number) in fetch(second.port, article["path"]).body
        assert second.process.poll() is None, f"the server stopped:\n{second.log_tail()}"
    finally:
        if load is not None:
            load.stopping.set()
        for server in servers:
            server.kill()
