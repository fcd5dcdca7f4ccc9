"""Two application servers on one PostgreSQL and one Redis behave as one site.

Two gunicorn servers, each with its own VAR_DIR and media directory (nothing shared on
disk), serve a database of their own on the machine's PostgreSQL and share the machine's
Redis. An editor publishes and edits through server A's desk; an anonymous reader on
server B sees every change at once (article page, front page, category, search), comment
rate limits count across both, and an article scheduled through A appears on B on time.
Server B also reads through the read-replica router (its "replica" is the same database).
"""

from __future__ import annotations

import datetime
import html
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

import pytest
from django.db import connection

from .fresh_process import free_port, manage
from .throwaway_postgres import redis_key_prefix, throwaway_database

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TZ = zoneinfo.ZoneInfo("Europe/Paris")
RATE_PER_IP = 3
RATE_WINDOW = 600
EDITOR, PASSWORD = "redactrice", "Une-phrase-de-passe-2026"
CATEGORY = "environnement"


# --- The site: its own database, its Redis prefix, two servers ---------------------------


@pytest.fixture
def site_database():
    if connection.vendor != "postgresql":
        pytest.skip(f"needs DATABASE_URL on PostgreSQL; this run uses {connection.vendor}")
    with throwaway_database("two_servers") as url:
        yield url


@pytest.fixture
def redis_prefix(redis_url):
    with redis_key_prefix(redis_url, "two-servers") as prefix:
        yield prefix


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@dataclass
class Site:
    a: Server
    b: Server


SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from manchette.articles.models import Category
from manchette.desk.roles import EDITOR

Category.objects.create(name="Environnement", slug="{CATEGORY}")
editor = get_user_model().objects.create_user(
    username="{EDITOR}", password="{PASSWORD}", is_staff=True
)
editor.groups.add(Group.objects.get(name=EDITOR))
"""


def wait_until_serving(server: Server, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"server {server.name} stopped:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "/robots.txt", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.1)
    pytest.fail(f"server {server.name} did not answer in time:\n{server.log_tail()}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)


@pytest.fixture
def site(site_database, redis_url, redis_prefix, collected_static, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "manchette.settings",
        "DATABASE_URL": site_database,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": redis_prefix,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(collected_static),
        "TIME_ZONE": "Europe/Paris",
        "WEB_CONCURRENCY": "2",
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "COMMENTS_MIN_SECONDS": "0",
        "COMMENTS_RATE_PER_IP": str(RATE_PER_IP),
        "COMMENTS_RATE_PER_EMAIL": "100",
        "COMMENTS_RATE_WINDOW": str(RATE_WINDOW),
        "VAR_DIR": str(tmp_path / "var-setup"),
    }
    for name in ("DATABASE_REPLICA_URL", "PAGE_CACHE", "STATIC_EDGE_DIR", "SERVE_MEDIA"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "shell", "--command", SETUP)

    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            server_env = {
                **env,
                "PORT": str(port),
                "VAR_DIR": str(tmp_path / f"var-{name}"),
                "MEDIA_ROOT": str(tmp_path / f"media-{name}"),
            }
            if name == "b":
                # B reads through the primary/replica router (the replica being the same
                # database here): what a replica setup runs, minus the lag.
                server_env["DATABASE_REPLICA_URL"] = site_database
            log = tmp_path / f"server-{name}.log"
            with open(log, "wb") as out:
                process = subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "--config",
                        "deploy/gunicorn.conf.py",
                        "manchette.wsgi",
                    ],
                    cwd=ROOT,
                    env=server_env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            servers.append(Server(name, f"http://127.0.0.1:{port}", process, log))
        deadline = time.monotonic() + 60
        for server in servers:
            wait_until_serving(server, deadline)
        yield Site(servers[0], servers[1])
    finally:
        for server in servers:
            stop(server)


# --- A small browser: cookies, forms, no automatic redirects -----------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Page:
    status: int
    headers: dict
    body: str
    url: str

    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """Cookies are kept per host, not per port, as browsers do: a session opened on
    server A is sent to server B too."""

    def __init__(self) -> None:
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, url: str, data=None, headers: dict | None = None) -> Page:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            raw = response.read()
            headers = {key.lower(): value for key, value in response.headers.items()}
            if headers.get("content-encoding") == "gzip":
                return Page(response.status, headers, "", url)
            return Page(response.status, headers, raw.decode("utf-8", "replace"), url)

    def get(self, url: str, headers: dict | None = None) -> Page:
        return self.request(url, headers=headers)

    def post(self, url: str, data, headers: dict | None = None) -> Page:
        return self.request(url, data=data, headers={"Referer": url, **(headers or {})})

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def set_cookie(self, name: str, value: str, domain: str = "127.0.0.1") -> None:
        self.cookies.set_cookie(
            Cookie(
                0,
                name,
                value,
                None,
                False,
                domain,
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )  # fmt: skip
        )


class _FormParser(HTMLParser):
    """The fields a browser would send for the form with the given id, as rendered."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.choices: dict[str, list[tuple[str, str]]] = {}
        self._select: tuple[str, bool, list] | None = None
        self._option: str | None = None
        self._option_text: list[str] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs, [])
            self.choices[name] = []
        elif tag == "option" and self._select is not None:
            self._option = attrs.get("value", "")
            self._option_text = []
            if "selected" in attrs:
                self._select[2].append(self._option)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        if self._option is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside = False
        elif tag == "option" and self._select is not None and self._option is not None:
            self.choices[self._select[0]].append((self._option, "".join(self._option_text)))
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, selected = self._select
            if not selected and not multiple and self.choices[name]:
                selected = [self.choices[name][0][0]]
            self.fields.extend((name, value) for value in selected)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def form_fields(page: Page, form_id: str) -> dict[str, list[str]]:
    parser = _FormParser(form_id)
    parser.feed(page.body)
    assert parser.fields, f"no form #{form_id} on {page.url} ({page.status})"
    fields: dict[str, list[str]] = {}
    for name, value in parser.fields:
        fields.setdefault(name, []).append(value)
    return fields


def text_of(page: Page) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.body))


def desk_errors(page: Page) -> str:
    found = re.findall(r'class="(?:errornote|errorlist[^"]*)"[^>]*>(.*?)</', page.body, re.S)
    return " | ".join(html.unescape(re.sub(r"<[^>]+>", " ", f)).strip() for f in found)


# --- What the editor does on server A ------------------------------------------------------


def log_in(editor: Browser, server: Server) -> None:
    page = editor.get(f"{server.url}/redaction/login/?next=/redaction/")
    fields = form_fields(page, "login-form")
    fields.update(username=[EDITOR], password=[PASSWORD])
    answer = editor.post(f"{server.url}/redaction/login/?next=/redaction/", fields)
    assert answer.status == 302, desk_errors(answer) or answer.status
    assert editor.cookie("sessionid")


def local_fields(moment: datetime.datetime) -> dict[str, list[str]]:
    local = moment.astimezone(TZ)
    return {
        "published_at_0": [local.strftime("%d/%m/%Y")],
        "published_at_1": [local.strftime("%H:%M:%S")],
    }


def add_article(
    editor: Browser, server: Server, *, title: str, slug: str, published_at=None
) -> int:
    """Fills in and sends the desk's "add article" form; returns the new article's id."""
    add = f"{server.url}/redaction/articles/article/add/"
    fields = form_fields(editor.get(add), "article_form")
    # The category field is an autocomplete: ask it, as the desk's script does.
    query = urllib.parse.urlencode(
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "category",
            "term": "Environ",
        }
    )
    results = json.loads(editor.get(f"{server.url}/redaction/autocomplete/?{query}").body)
    category = next(r["id"] for r in results["results"] if r["text"] == "Environnement")
    fields.update(
        title=[title],
        slug=[slug],
        standfirst=["Le fleuve est sorti de son lit dans la nuit."],
        body=["<p>Les riverains ont été évacués avant l’aube.</p>"],
        category=[category],
        status=["published"],
        _continue=["1"],
    )
    if published_at is not None:
        fields.update(local_fields(published_at))
    answer = editor.post(add, fields)
    assert answer.status == 302, desk_errors(answer) or answer.body[:3000]
    found = re.search(r"/redaction/articles/article/(\d+)/change/", answer.location())
    assert found, answer.location()
    return int(found.group(1))


def change_title(editor: Browser, server: Server, article_id: int, title: str) -> None:
    change = f"{server.url}/redaction/articles/article/{article_id}/change/"
    fields = form_fields(editor.get(change), "article_form")
    fields.update(title=[title], _continue=["1"])
    answer = editor.post(change, fields)
    assert answer.status == 302, desk_errors(answer) or answer.body[:3000]


def public_address(editor: Browser, server: Server, article_id: int) -> str:
    """The address the desk shows for a published article."""
    page = editor.get(f"{server.url}/redaction/articles/article/{article_id}/change/")
    found = re.search(rf'href="(/{CATEGORY}/\d{{4}}/\d{{2}}/\d{{2}}/[\w-]+/)"', page.body)
    assert found, "no public address on the desk's page"
    return found.group(1)


def address(slug: str, published_at: datetime.datetime) -> str:
    day = published_at.astimezone(TZ)
    return f"/{CATEGORY}/{day:%Y/%m/%d}/{slug}/"


# --- What a commenter does, on either server --------------------------------------------


def comment_tokens(commenter: Browser, server: Server, article_path: str) -> tuple[str, str]:
    """The CSRF token and signed form time, as the page's script gets them: from the
    token endpoint, or else from the page itself (its form's time, the CSRF cookie)."""
    answer = commenter.get(f"{server.url}/commentaires/jeton/", {"Accept": "application/json"})
    if answer.status == 200:
        tokens = json.loads(answer.body)
        return tokens["csrf"], tokens["timestamp"]
    page = commenter.get(server.url + article_path)
    fields = form_fields_by_action(page, "/commentaires/poster/")
    timestamp = fields.get("timestamp", [""])[0]
    assert timestamp, "neither the token endpoint nor the page gives a form time"
    if commenter.cookie("csrftoken") is None:
        # A page from the page cache sets no cookie: the reader's own secret then, as
        # the double-submit rule allows.
        commenter.set_cookie("csrftoken", secrets.token_hex(16))
    return commenter.cookie("csrftoken"), timestamp


def form_fields_by_action(page: Page, action: str) -> dict[str, list[str]]:
    found = re.search(r'<form[^>]*action="' + re.escape(action) + r'[^"]*"[^>]*>', page.body)
    assert found, f"no comment form on {page.url} ({page.status})"
    marked = page.body.replace(found.group(0), found.group(0)[:-1] + ' id="comment-form">', 1)
    return form_fields(Page(page.status, page.headers, marked, page.url), "comment-form")


def post_comment(commenter: Browser, server: Server, article_id: int, path: str, n: int):
    csrf, timestamp = comment_tokens(commenter, server, path)
    return commenter.post(
        f"{server.url}/commentaires/poster/{article_id}/",
        {
            "text": f"Lecture numéro {n} : merci pour ce suivi de la crue.",
            "name": f"Riveraine {n}",
            "email": f"riveraine{n}@example.org",
            "timestamp": timestamp,
        },
        headers={"Accept": "application/json", "X-CSRFToken": csrf},
    )


def wait_for_a_fresh_rate_window() -> None:
    # The counters live in windows of RATE_WINDOW seconds: keep the posts in one.
    while RATE_WINDOW - time.time() % RATE_WINDOW < 10:
        time.sleep(0.2)


# --- The test -----------------------------------------------------------------------------


def test_two_servers_on_one_database_and_one_redis_are_one_site(site):
    a, b = site.a, site.b
    editor, reader, commenter = Browser(), Browser(), Browser()
    log_in(editor, a)
    # One session store: logged in on A is logged in on B.
    assert editor.get(b.url + "/redaction/").status == 200

    # B's front page is read (and cached) before anything is published.
    assert reader.get(b.url + "/").status == 200

    # Published through A's desk, read at once on B.
    title = "La Loire déborde à Orléans"
    article_id = add_article(editor, a, title=title, slug="la-loire-deborde")
    path = public_address(editor, a, article_id)
    page = reader.get(b.url + path)
    assert page.status == 200, b.log_tail()
    assert title in page.body
    assert reader.cookie("sessionid") is None  # B answered an anonymous reader
    assert title in reader.get(b.url + "/").body
    assert title in reader.get(f"{b.url}/{CATEGORY}/").body
    found = reader.get(b.url + "/recherche/?" + urllib.parse.urlencode({"q": "orleans"}))
    # The matching word is highlighted (<mark>): compare the text.
    assert found.status == 200 and title in text_of(found)

    # Served from B's page cache the second time…
    assert reader.get(b.url + path).headers.get("x-page-cache") in {"hit", None}
    # …and still fresh at once when A changes the title.
    new_title = "La Loire reflue à Orléans"
    change_title(editor, a, article_id, new_title)
    for page in (reader.get(b.url + path), reader.get(b.url + "/")):
        assert new_title in page.body
        assert title not in page.body

    # Rate limits: one counter for both servers.
    wait_for_a_fresh_rate_window()
    statuses = []
    for n in range(RATE_PER_IP + 1):
        server = (a, b)[n % 2]
        statuses.append(post_comment(commenter, server, article_id, path, n))
    assert [answer.status for answer in statuses] == [201] * RATE_PER_IP + [400], [
        (answer.status, answer.body[:300]) for answer in statuses
    ]
    assert "beaucoup de commentaires" in json.loads(statuses[-1].body)["message"]

    # Scheduled through A: absent from B until its time, then on B's pages.
    scheduled = "Le barrage de Villerest ouvre ses vannes"
    # A whole second, a few seconds ahead: the desk's time field has no fractions.
    due = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(seconds=6)
    add_article(editor, a, title=scheduled, slug="villerest", published_at=due)
    scheduled_path = address("villerest", due)
    assert reader.get(b.url + scheduled_path).status == 404
    assert scheduled not in reader.get(b.url + "/").body
    assert datetime.datetime.now(datetime.UTC) < due, "too slow: the checks above came late"

    deadline = time.monotonic() + 30
    while True:
        article_page = reader.get(b.url + scheduled_path)
        front = reader.get(b.url + "/")
        if article_page.status == 200 and scheduled in front.body:
            break
        # What B served last, so that a failure says which cache held the old page.
        assert time.monotonic() < deadline, (
            "the scheduled article never appeared on B: article "
            f"{article_page.status}, front page X-Page-Cache "
            f"{front.headers.get('x-page-cache')}, Cache-Control "
            f"{front.headers.get('cache-control')}, due {due:%H:%M:%S}, now "
            f"{datetime.datetime.now(datetime.UTC):%H:%M:%S}\n{a.log_tail()}\n{b.log_tail()}"
        )
        time.sleep(0.2)
    late = (datetime.datetime.now(datetime.UTC) - due).total_seconds()
    assert 0 <= late < 5, f"shown on B {late:.1f} s after its time"
    assert scheduled in article_page.body

    # Fingerprinted static files from B: compressed, cached for a year at least.
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', front.body)
    assert stylesheet, "no fingerprinted stylesheet on the front page"
    static = reader.get(b.url + stylesheet.group(1), {"Accept-Encoding": "gzip"})
    assert static.status == 200
    assert static.headers.get("content-encoding") == "gzip"
    max_age = int(static.headers["cache-control"].split("max-age=")[1].split(",")[0])
    assert max_age >= 31536000
