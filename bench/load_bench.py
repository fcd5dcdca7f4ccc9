"""A newsroom's busy minute, then a crash in the middle of one (issue 7). `make load`
runs it:

    .venv/bin/python bench/load_bench.py [--duration 60] [--databases sqlite,postgres]
                                         [--readers 12] [--commenters 4] [--no-kill]
                                         [--keep] [--no-write] [--no-long-write]
                                         [--import-posts 400]

For each database, a throwaway site is started exactly as a newsroom starts it: `make
run`, with a temporary VAR_DIR and a free port on 127.0.0.1 (on PostgreSQL: a database
of its own on the machine's server and a key prefix of its own in its Redis, both
removed at the end). Then two phases of --duration seconds each:

1. `steady`: mixed traffic. Readers on every page type (front page, articles,
   categories, topics, authors, static pages, searches with and without results,
   feeds, sitemaps, second pages of listings, missing pages); commenters posting
   valid comments, three in four through the page's script (JSON) and one in four as
   a plain form; an editor who logs in to the desk, writes a draft, publishes it,
   then corrects it, and checks each time that readers see the change at once.
2. `killed`: the same traffic, and halfway through, every process of the server (make,
   gunicorn's master and workers, the task worker) gets SIGKILL. Before anything
   else, the SQLite database is checked (integrity_check, foreign_key_check) as the
   crash left it; then the server is started again at once as systemd's unit of
   docs/deploy.md restarts it (`scripts/serve`, what `make run` ends with), and the
   traffic goes on.
3. `long write`: the same traffic, and a quarter of the way in, `manage.py
   import_wordpress` of a generated export (--import-posts posts with their comments,
   images and tags, made by bench/wxr_bench.py) into the running site: the longest
   write a newsroom makes. The phase lasts until the import is over, so all of it runs
   under the traffic. Readers must get their pages and commenters an answer; every
   accepted comment must be stored.

At the end of each phase the comments stored are counted against those the site
accepted (answered 201, or 302 to the comment): every accepted comment must be stored,
once. A comment whose answer was lost in the crash may or may not be stored; it is
counted apart. The 5xx answers, the requests that failed while the server was up, the
answers other than expected (a 404 for a published article, say) and stale pages seen by
the editor are all counted; the target for each is 0.

The section "Load and failure" of bench/RESULTS.md is rewritten at the end of a full
run (both databases, not with --no-write). Every process is stopped on the way out, on
error and Ctrl-C too; --time-limit bounds the whole run.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from http_bench import (  # bench/ is this script's folder
    NOT_INHERITED,
    Answer,
    BenchError,
    Service,
    Services,
    cookies_of,
    fetch,
    free_port,
    load_average,
    log,
    measure_in_workdir,
    publish,
    stop_on_signals,
)
from results import machine

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HEADING = "Load and failure"
COMMENT_DOMAIN = "charge.example"
EDITOR, PASSWORD = "cheffe-edition", "Une-phrase-de-passe-pour-la-charge"
REQUEST_TIMEOUT = 15.0  # seconds: a request slower than this counts as failed
RESTART_LIMIT = 120.0  # seconds for the server to serve (again)
MAKE_RUN = ["make", "--no-print-directory", "run"]
# What systemd's unit restarts after a crash (docs/deploy.md: ExecStart, Restart=always).
SERVE = ["scripts/serve"]
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/6")

SETUP_EDITOR = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from manchette.desk.roles import EDITOR

editor = get_user_model().objects.create_user(
    username="{EDITOR}", password="{PASSWORD}", is_staff=True
)
editor.groups.add(Group.objects.get(name=EDITOR))
"""

STORED_COMMENTS = f"""
import json
from manchette.comments.models import Comment

names = Comment.objects.filter(email__endswith="@{COMMENT_DOMAIN}").values_list("name", flat=True)
print(json.dumps(list(names)))
"""

SEARCHES = [
    "budget", "énergie", "logement social", "élections municipales", "climat",
    "hôpital", "transports", "xylophone quantique introuvable",
]  # fmt: skip


# ---- What happened -----------------------------------------------------------------


@dataclass
class Tally:
    """Every request of a phase, by kind (article, search, comment, desk…)."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, Counter] = field(default_factory=dict)
    unexpected: Counter = field(default_factory=Counter)  # "kind status path" → count
    failed_up: Counter = field(default_factory=Counter)  # kind → connection errors, timeouts
    failed_down: int = 0  # refused or cut while the server was down (the crash)
    stale: list[str] = field(default_factory=list)  # what the editor did not see at once
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answered(self, kind: str, status: int, seconds: float, expected: bool, path: str):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds * 1000)
            self.statuses.setdefault(kind, Counter())[status] += 1
            if not expected:
                self.unexpected[f"{kind} {status} {path}"] += 1

    def failed(self, kind: str, down: bool) -> None:
        with self.lock:
            if down:
                self.failed_down += 1
            else:
                self.failed_up[kind] += 1

    def requests(self) -> int:
        return sum(sum(c.values()) for c in self.statuses.values())

    def server_errors(self) -> int:
        return sum(n for c in self.statuses.values() for s, n in c.items() if s >= 500)

    def percentile(self, kinds: list[str] | None, percent: float) -> float:
        values = sorted(
            v for k, vs in self.latencies.items() if kinds is None or k in kinds for v in vs
        )
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(percent / 100 * len(values)))]


@dataclass
class Comments:
    """The numbers of the comments posted, by what the site answered."""

    accepted: set[int] = field(default_factory=set)
    refused: set[int] = field(default_factory=set)  # answered, but not accepted
    unanswered: set[int] = field(default_factory=set)  # the answer was lost
    stored: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def lost(self) -> set[int]:
        return self.accepted - set(self.stored)

    def doubled(self) -> set[int]:
        return {n for n, count in Counter(self.stored).items() if count > 1}

    def stored_unanswered(self) -> set[int]:
        return set(self.stored) & self.unanswered

    def stored_unknown(self) -> set[int]:
        """Stored although never posted, or posted and refused: neither may happen."""
        return set(self.stored) - self.accepted - self.unanswered


@dataclass
class Crash:
    at: float = 0.0  # seconds into the phase
    database: str = ""  # the check of the database as the crash left it
    database_ok: bool = False
    serving_after: float = float("nan")  # seconds from SIGKILL to the first page served
    restart: float = float("nan")  # seconds from scripts/serve to the first page served


@dataclass
class LongWrite:
    posts: int = 0
    at: float = 0.0  # seconds into the phase
    seconds: float = float("nan")  # how long the import took
    code: int | None = None  # its exit code
    said: str = ""  # the end of its output


@dataclass
class Phase:
    database: str
    name: str
    seconds: float = 0.0
    tally: Tally = field(default_factory=Tally)
    comments: Comments = field(default_factory=Comments)
    editor: Counter = field(default_factory=Counter)  # drafts, published, corrected
    crash: Crash | None = None
    long_write: LongWrite | None = None
    final_check: str = ""


# ---- The site under load -----------------------------------------------------------


class Server:
    """The site started by `make run`, and by scripts/serve after it was killed."""

    def __init__(self, services: Services, env: dict[str, str], port: int, logs: Path):
        self.services = services
        self.env = env
        self.port = port
        self.logs = logs
        self.service: Service | None = None
        self.up = threading.Event()
        self.starts = 0

    def start(self, argv: list[str]) -> float:
        """Starts the server with `argv`; returns the seconds until the front page
        answered 200."""
        self.starts += 1
        began = time.monotonic()
        self.service = self.services.start(
            argv[-1], argv, self.env, self.logs / f"server-{self.starts}.log"
        )
        deadline = began + RESTART_LIMIT
        while True:
            if self.service.process.poll() is not None:
                raise BenchError(
                    f"{argv[-1]} s’est arrêté (code {self.service.process.returncode}) :\n"
                    + self.service.tail()
                )
            with contextlib.suppress(OSError):
                if fetch(self.port, "/", timeout=5).status == 200:
                    break
            if time.monotonic() > deadline:
                raise BenchError(
                    f"{argv[-1]} ne sert pas après {RESTART_LIMIT:.0f} s :\n" + self.service.tail()
                )
            time.sleep(0.05)
        self.up.set()
        return time.monotonic() - began

    def kill(self) -> None:
        """SIGKILL to every process of the server at once, as a power cut of the
        machine's processes (not of its disk) would."""
        self.up.clear()
        service, self.service = self.service, None
        os.killpg(service.process.pid, signal.SIGKILL)
        service.process.wait(timeout=10)
        self.services.stop(service)  # forgets it, and kills any straggler of its group

    def stop(self) -> None:
        if self.service is not None:
            self.up.clear()
            self.services.stop(self.service)
            self.service = None


def site_env(var_dir: Path, port: int) -> dict[str, str]:
    """The environment of a throwaway site that `make run` serves on 127.0.0.1:port,
    its state under var_dir: none of the developer's own settings leak in."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(
        VAR_DIR=str(var_dir),
        HOST="127.0.0.1",
        PORT=str(port),
        SITE_URL=f"http://127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY=secrets.token_urlsafe(40),
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
    )
    return env


def make_setup(env: dict[str, str]) -> None:
    """`make setup`, what `make run` does before serving (database, static files, demo),
    run apart so that the site's own data can be added before it serves."""
    setup = subprocess.run(
        ["make", "--no-print-directory", "setup"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if setup.returncode != 0:
        raise BenchError(f"make setup a échoué :\n{(setup.stderr or setup.stdout)[-3000:]}")


@dataclass
class Catalogue:
    """The site's addresses, read from its sitemaps like a crawler would, plus the
    articles the editor publishes during the run."""

    articles: list[str]
    categories: list[str]
    topics: list[str]
    authors: list[str]
    pages: list[str]
    article_ids: dict[str, int]  # article path → id, for posting comments
    lock: threading.Lock = field(default_factory=threading.Lock)

    def published(self, path: str) -> None:
        with self.lock:
            self.articles.append(path)

    def pick(self, rng: random.Random) -> tuple[str, str, set[int]]:
        """(kind, path, expected statuses) of a reader's next request."""
        with self.lock:
            articles = list(self.articles)
        roll = rng.random()
        listing = rng.choice([self.categories, self.topics, self.authors])
        choices = [
            (0.40, "article", lambda: rng.choice(articles)),
            (0.12, "front", lambda: "/"),
            (0.08, "category", lambda: rng.choice(self.categories)),
            (0.05, "topic", lambda: rng.choice(self.topics)),
            (0.05, "author", lambda: rng.choice(self.authors)),
            (0.03, "listing-2", lambda: rng.choice(listing) + "?page=2"),
            (0.10, "search", lambda: "/recherche/?" + urllib.parse.urlencode(
                {"q": rng.choice(SEARCHES)})),
            (0.03, "page", lambda: rng.choice(self.pages)),
            (0.06, "feed", lambda: rng.choice(
                ["/flux/", "/flux/atom/", "/commentaires/flux/",
                 rng.choice(self.categories) + "flux/"])),
            (0.04, "sitemap", lambda: rng.choice(
                ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-news.xml", "/robots.txt"])),
        ]  # fmt: skip
        for weight, kind, path in choices:
            roll -= weight
            if roll < 0:
                return kind, path(), {200}
        return "missing", f"/introuvable-{rng.randrange(10**6)}/", {404}


def read_catalogue(port: int) -> Catalogue:
    def locations(sitemap: str) -> list[str]:
        answer = fetch(port, sitemap)
        if answer.status != 200:
            raise BenchError(f"{sitemap} : {answer.status}")
        urls = re.findall(r"<loc>([^<]+)</loc>", answer.body.decode())
        return [urllib.parse.urlsplit(url).path for url in urls]

    articles = locations("/sitemap-articles.xml")
    ids = {}
    for path in articles:
        # The comment form names the address it posts to, with the article's id.
        page = fetch(port, path).body.decode()
        if found := re.search(r'action="/commentaires/poster/(\d+)/"', page):
            ids[path] = int(found.group(1))
    if not ids:
        raise BenchError("aucun article de la démo n’a de formulaire de commentaire")
    return Catalogue(
        articles=articles,
        categories=locations("/sitemap-rubriques.xml"),
        topics=locations("/sitemap-sujets.xml"),
        authors=locations("/sitemap-auteurs.xml"),
        pages=locations("/sitemap-pages.xml"),
        article_ids=ids,
    )


class Visitor:
    """One person's requests, one at a time, each timed and counted."""

    def __init__(self, server: Server, tally: Tally) -> None:
        self.server = server
        self.tally = tally
        self.cookies: dict[str, str] = {}

    def request(
        self,
        kind: str,
        path: str,
        *,
        expected: set[int] = frozenset({200}),
        method: str = "GET",
        form: dict | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer | None:
        """The answer, or None when the connection failed (counted as failed while the
        server was up, or as refused while it was down)."""
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"http://127.0.0.1:{self.server.port}{path}"
        was_up = self.server.up.is_set()
        began = time.perf_counter()
        try:
            answer = fetch(
                self.server.port, path, method=method, headers=sent, body=body,
                timeout=REQUEST_TIMEOUT,
            )  # fmt: skip
        except OSError:
            self.tally.failed(kind, down=not (was_up and self.server.up.is_set()))
            return None
        self.cookies.update(cookies_of(answer))
        self.tally.answered(
            kind, answer.status, time.perf_counter() - began, answer.status in expected, path
        )
        return answer


def reader(server: Server, tally: Tally, catalogue: Catalogue, stop: threading.Event, seed: int):
    rng = random.Random(seed)
    visitor = Visitor(server, tally)  # a reader keeps no cookie: cached pages
    while not stop.is_set():
        if not server.up.is_set():
            server.up.wait(0.05)  # refused at once while down: no need to hammer
        kind, path, expected = catalogue.pick(rng)
        visitor.request(kind, path, expected=expected)
        visitor.cookies.clear()


def commenter(
    server: Server,
    tally: Tally,
    comments: Comments,
    catalogue: Catalogue,
    numbers: itertools.count,
    stop: threading.Event,
    seed: int,
):
    """Reads an article, asks for the form's token as comments.js does, posts."""
    rng = random.Random(seed)
    visitor = Visitor(server, tally)
    targets = sorted(catalogue.article_ids.items())
    while not stop.is_set():
        if not server.up.is_set():
            server.up.wait(0.05)
        path, article_id = rng.choice(targets)
        visitor.request("article", path)
        token = visitor.request("comment-token", "/commentaires/jeton/")
        if token is None or token.status != 200:
            continue
        stamp = json.loads(token.body)
        number = next(numbers)
        scripted = rng.random() < 0.75
        form = {
            "csrfmiddlewaretoken": stamp["csrf"],
            "timestamp": stamp["timestamp"],
            "text": f"Message de charge n° {number} : bravo pour ce suivi, "
            "j’aimerais lire la suite sur les communes rurales.",
            "name": f"Lectrice {number}",
            "email": f"lectrice{number}@{COMMENT_DOMAIN}",
            "website": "",
            "honeypot": "",
            "parent": "",
        }
        headers = {"Accept": "application/json"} if scripted else {}
        answer = visitor.request(
            "comment",
            f"/commentaires/poster/{article_id}/",
            method="POST",
            form=form,
            headers=headers,
            expected={201} if scripted else {302},
        )
        with comments.lock:
            if answer is None:
                comments.unanswered.add(number)
            elif answer.status == (201 if scripted else 302):
                comments.accepted.add(number)
            else:
                comments.refused.add(number)


class FormFields(HTMLParser):
    """The fields of one form of a desk page, as a browser would send them untouched."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, str] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "__prefix__" in (a.get("name") or ""):
            return
        name = a.get("name")
        kind = a.get("type", "text")
        if tag == "input" and name and kind not in ("submit", "button", "file"):
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[name] = a.get("value") or "on"
            else:
                self.fields[name] = a.get("value") or ""
        elif tag == "select" and name:
            self.select = name
            if "multiple" not in a:  # an empty multiple choice is sent as nothing
                self.fields.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in a:
            self.fields[self.select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.fields[self.textarea] += data.removeprefix("\n")


def form_fields(page: bytes, form_id: str) -> dict[str, str]:
    parser = FormFields(form_id)
    parser.feed(page.decode())
    return parser.fields


def editor(
    server: Server, tally: Tally, catalogue: Catalogue, done: Counter, stop: threading.Event
):
    """An editor at the desk: writes a draft, publishes it, corrects it; after each
    step, reads the public page as an anonymous reader and counts it stale when the
    change does not show."""
    desk = Visitor(server, tally)
    reader_view = Visitor(server, tally)
    logged_in = False
    for cycle in itertools.count(1):
        if stop.is_set():
            return
        if not server.up.is_set():
            server.up.wait(0.05)
            continue
        if not logged_in:
            logged_in = log_in(desk)
            continue
        mark = f"{cycle}-{secrets.token_hex(3)}"
        title = f"Conseil municipal, séance {mark} : la charge tient bon"
        page = desk.request("desk", "/redaction/articles/article/add/")
        if page is None or page.status != 200:
            logged_in = page is not None and page.status == 302
            continue
        fields = form_fields(page.body, "article_form")
        fields.update(
            title=title,
            standfirst="Un compte rendu écrit pendant la mesure de charge.",
            body=f"<p>Première version du compte rendu {mark}.</p>",
            category=str(catalogue_category(desk)),
            status="draft",
            _continue="1",
        )
        saved = desk.request(
            "desk", "/redaction/articles/article/add/", method="POST", form=fields,
            expected={302},
        )  # fmt: skip
        change = saved and re.fullmatch(
            r"/redaction/articles/article/(\d+)/change/", saved.headers.get("Location", "")
        )
        if not change:
            continue
        done["drafts"] += 1
        change_url = change.group(0)
        for step, edit in (
            ("published", {"status": "published"}),
            ("corrected", {"body": f"<p>Version corrigée du compte rendu {mark}.</p>"}),
        ):
            page = desk.request("desk", change_url)
            if page is None or page.status != 200:
                break
            fields = form_fields(page.body, "article_form")
            fields.update(edit, _continue="1")
            saved = desk.request("desk", change_url, method="POST", form=fields, expected={302})
            if saved is None or saved.status != 302:
                break
            done[step] += 1
            # The change page's "public address" field links to the article.
            page = desk.request("desk", change_url)
            if page is None or page.status != 200:
                break
            public = re.search(rb'<a href="(/[^"]+)">/', page.body)
            if not public:
                tally.stale.append(f"{title}: no public address in the desk after {step}")
                break
            path = public.group(1).decode()
            if step == "published":
                catalogue.published(path)
            wanted = f"corrigée du compte rendu {mark}" if step == "corrected" else mark
            seen = reader_view.request("article", path)
            reader_view.cookies.clear()
            if seen is not None and wanted not in seen.body.decode():
                tally.stale.append(f"{path} after {step}: « {wanted} » not shown")


def log_in(desk: Visitor) -> bool:
    page = desk.request("desk", "/redaction/login/")
    if page is None:
        return False
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if not token:
        return False
    answer = desk.request(
        "desk",
        "/redaction/login/",
        method="POST",
        form={
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": EDITOR,
            "password": PASSWORD,
            "next": "/redaction/",
        },
        expected={302},
    )
    return answer is not None and answer.status == 302


def catalogue_category(desk: Visitor) -> int:
    """A category's id, as the desk's autocomplete offers them."""
    answer = desk.request(
        "desk",
        "/redaction/autocomplete/?app_label=articles&model_name=article&field_name=category",
    )
    results = json.loads(answer.body)["results"] if answer and answer.status == 200 else []
    return int(random.choice(results)["id"]) if results else 0


# ---- The run -----------------------------------------------------------------------


@dataclass
class Options:
    duration: float
    databases: list[str]
    readers: int
    commenters: int
    kill: bool
    long_write: bool
    import_posts: int
    keep: bool
    write: bool
    command: str
    time_limit: float  # minutes


class Load:
    def __init__(self, options: Options, workdir: Path) -> None:
        self.options = options
        self.workdir = workdir
        self.services = Services()
        self.phases: list[Phase] = []
        self.numbers = itertools.count(1)
        self.cleanups: list = []

    def env(self, database: str, var_dir: Path, port: int) -> dict[str, str]:
        env = site_env(var_dir, port)
        env.update(
            # Every reader comes from 127.0.0.1 and a script posts at once: no form-time
            # trap and no rate limit, or the load would measure refusals.
            COMMENTS_MIN_SECONDS="0",
            COMMENTS_RATE_PER_IP="100000000",
            COMMENTS_RATE_PER_EMAIL="100000000",
            DESK_LOGIN_ATTEMPTS="1000",
        )
        if database == "postgres":
            name = f"manchette_load_{os.getpid()}"
            prefix = f"load-{os.getpid()}-{secrets.token_hex(3)}"
            postgres_database(name, create=True)
            self.cleanups.append(lambda: postgres_database(name, create=False))
            self.cleanups.append(lambda: empty_redis(prefix))
            env.update(
                DATABASE_URL=f"{POSTGRES}/{name}", REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix
            )
        return env

    def manage(self, env: dict[str, str], *args: str) -> str:
        finished = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if finished.returncode != 0:
            raise BenchError(f"manage.py {args[0]} a échoué :\n{finished.stderr[-3000:]}")
        return finished.stdout

    def run_database(self, database: str) -> None:
        var_dir = self.workdir / database
        port = free_port()
        env = self.env(database, var_dir, port)
        log(f"{database} : make setup, une rédactrice, puis make run sur le port {port}")
        make_setup(env)
        self.manage(env, "shell", "--command", SETUP_EDITOR)
        server = Server(self.services, env, port, self.workdir)
        server.start(MAKE_RUN)
        try:
            catalogue = read_catalogue(port)
            self.phase(database, "steady", server, env, catalogue)
            if self.options.kill:
                self.phase(database, "killed", server, env, catalogue, middle=self.crash)
            if self.options.long_write:
                self.phase(database, "long write", server, env, catalogue, middle=self.write)
        finally:
            server.stop()

    def phase(
        self,
        database: str,
        name: str,
        server: Server,
        env: dict[str, str],
        catalogue: Catalogue,
        *,
        middle=None,
    ) -> None:
        """`middle(phase, server, env, began)`, when given, runs in the phase: the crash
        halfway, or the long write, after which the traffic goes on to the end."""
        phase = Phase(database, name)
        self.phases.append(phase)
        log(f"{database} / {name} : {self.options.duration:.0f} s de trafic mêlé")
        stop = threading.Event()
        seeds = itertools.count(len(self.phases) * 1000)
        threads = [
            threading.Thread(
                target=reader, args=(server, phase.tally, catalogue, stop, next(seeds))
            )
            for _ in range(self.options.readers)
        ]
        threads += [
            threading.Thread(
                target=commenter,
                args=(
                    server,
                    phase.tally,
                    phase.comments,
                    catalogue,
                    self.numbers,
                    stop,
                    next(seeds),
                ),
            )  # fmt: skip
            for _ in range(self.options.commenters)
        ]
        threads.append(
            threading.Thread(
                target=editor, args=(server, phase.tally, catalogue, phase.editor, stop)
            )
        )
        began = time.monotonic()
        for thread in threads:
            thread.start()
        try:
            if middle is not None:
                middle(phase, server, env, began)
            stop.wait(max(0.0, began + self.options.duration - time.monotonic()))
        finally:
            stop.set()
            for thread in threads:
                thread.join(REQUEST_TIMEOUT + 5)
        phase.seconds = time.monotonic() - began
        said = self.manage(env, "shell", "--verbosity", "0", "--command", STORED_COMMENTS)
        numbers = [int(name.rsplit(" ", 1)[1]) for name in json.loads(said.splitlines()[-1])]
        # The database also holds the comments of the phases before this one.
        posted = self.posted(phase)
        phase.comments.stored = [n for n in numbers if n in posted]
        if database == "sqlite":
            _, phase.final_check = check_sqlite(Path(env["VAR_DIR"]) / "manchette.sqlite3")
        self.say(phase)

    @staticmethod
    def posted(phase: Phase) -> set[int]:
        c = phase.comments
        return c.accepted | c.refused | c.unanswered

    def crash(self, phase: Phase, server: Server, env: dict[str, str], began: float) -> None:
        time.sleep(max(0.0, began + self.options.duration / 2 - time.monotonic()))
        phase.crash = crash = Crash(at=time.monotonic() - began)
        killed = time.monotonic()
        server.kill()
        log(f"  SIGKILL à {crash.at:.1f} s ; vérification de la base, puis scripts/serve")
        if "DATABASE_URL" in env:
            crash.database_ok = True
            crash.database = "PostgreSQL kept running; its own crash safety is not tested here"
        else:
            crash.database_ok, crash.database = check_sqlite(
                Path(env["VAR_DIR"]) / "manchette.sqlite3"
            )
        crash.restart = server.start(SERVE)
        crash.serving_after = time.monotonic() - killed
        log(f"  de nouveau servi {crash.serving_after:.1f} s après le SIGKILL")

    def write(self, phase: Phase, server: Server, env: dict[str, str], began: float) -> None:
        """A WordPress import into the running site, a quarter of the way in; returns
        once it is over."""
        from wxr_bench import generate

        posts = self.options.import_posts
        export = self.workdir / f"export-{posts}.xml"
        media = self.workdir / "wp-uploads"
        if not export.exists():
            generate(export, media, posts=posts, comments=posts * 5)
        time.sleep(max(0.0, began + self.options.duration / 4 - time.monotonic()))
        phase.long_write = long_write = LongWrite(posts=posts, at=time.monotonic() - began)
        log(f"  import_wordpress de {posts} articles à {long_write.at:.1f} s")
        started = time.monotonic()
        finished = subprocess.run(
            [sys.executable, "manage.py", "import_wordpress", "--media-dir", str(media),
             str(export)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False,
        )  # fmt: skip
        long_write.seconds = time.monotonic() - started
        long_write.code = finished.returncode
        long_write.said = (finished.stderr or finished.stdout).strip()[-500:]
        log(f"  import terminé en {long_write.seconds:.1f} s (code {finished.returncode})")

    def say(self, phase: Phase) -> None:
        t, c = phase.tally, phase.comments
        log(
            f"  {t.requests()} requêtes, {t.server_errors()} en 5xx, "
            f"{sum(t.failed_up.values())} échecs serveur en marche, "
            f"{sum(t.unexpected.values())} réponses inattendues, p99 "
            f"{t.percentile(None, 99):.0f} ms ; commentaires acceptés {len(c.accepted)}, "
            f"enregistrés {len(c.stored)}, perdus {len(c.lost())} ; "
            f"rédaction {dict(phase.editor)}, pages en retard {len(t.stale)}"
        )

    def run(self) -> None:
        for database in self.options.databases:
            self.run_database(database)
            for cleanup in reversed(self.cleanups):
                cleanup()
            self.cleanups.clear()

    def close(self) -> None:
        self.services.stop_all()
        for cleanup in reversed(self.cleanups):
            with contextlib.suppress(Exception):
                cleanup()


def check_sqlite(path: Path) -> tuple[bool, str]:
    """integrity_check and foreign_key_check, on the file as it is (its WAL replayed)."""
    connection = sqlite3.connect(path, timeout=30)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    ok = integrity == ["ok"] and not foreign
    said = f"integrity_check: {', '.join(integrity[:3])}; foreign_key_check: {len(foreign)} rows"
    return ok, said


def postgres_database(name: str, *, create: bool) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            admin.execute(f'CREATE DATABASE "{name}"')


def empty_redis(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)
    client.close()


def reachable_postgres() -> str:
    """Why PostgreSQL or Redis cannot be used here, or '' when both answer."""
    try:
        import psycopg
        import redis

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:
        return str(error)
    return ""


# ---- The report --------------------------------------------------------------------

READER_KINDS = [
    "article", "front", "category", "topic", "author", "listing-2", "search", "page", "feed",
    "sitemap", "missing",
]  # fmt: skip


def ms(value: float) -> str:
    return "–" if value != value else f"{value:.0f} ms"


def markdown(options: Options, phases: list[Phase], host: dict, load: list[float]) -> str:
    lines = [
        f"Command: `{options.command}` (bench/load_bench.py), on {host['cores']} cores "
        f"({host['cpu']}), {host['ram_gb']:.0f} GB, Python {host['python']}, "
        f"{time.strftime('%Y-%m-%d')}. Load average {load[0]:.2f} at the start, "
        f"{load[-1]:.2f} at the end.",
        "",
        f"Each phase: {options.duration:.0f} s against a throwaway site started by `make run` "
        f"(gunicorn as deploy/gunicorn.conf.py sets it, and the task worker), with "
        f"{options.readers} readers, {options.commenters} commenters and one editor, each "
        "sending its next request as soon as the last one is answered, from this very "
        "machine (the load generator shares the 2 cores). Readers take no cookie, so "
        "they get cached pages as readers do; the editor's session and the commenters' "
        "posts go through the application. In `killed`, every process of the server gets "
        "SIGKILL halfway, and `scripts/serve` starts it again at once, as systemd's unit "
        "(docs/deploy.md) would. In `long write`, `manage.py import_wordpress` of a "
        "generated export (bench/wxr_bench.py) writes into the running site from a "
        "quarter of the way in, and the phase lasts until it is over.",
        "",
        "| database | phase | requests | req/s | 5xx | failed while up | unexpected answers "
        "| p50 | p99 | p99 readers | p99 comments | p99 desk |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in phases:
        t = p.tally
        lines.append(
            f"| {p.database} | {p.name} | {t.requests():,} | {t.requests() / p.seconds:,.0f} "
            f"| {t.server_errors()} | {sum(t.failed_up.values())} | "
            f"{sum(t.unexpected.values())} | {ms(t.percentile(None, 50))} | "
            f"{ms(t.percentile(None, 99))} | {ms(t.percentile(READER_KINDS, 99))} | "
            f"{ms(t.percentile(['comment'], 99))} | {ms(t.percentile(['desk'], 99))} |"
        )
    lines += [
        "",
        "Comments (target: every accepted comment stored, once):",
        "",
        "| database | phase | posted | accepted | refused | answer lost in the crash "
        "| stored | accepted but not stored | stored twice |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in phases:
        c = p.comments
        lines.append(
            f"| {p.database} | {p.name} | {len(Load.posted(p))} | {len(c.accepted)} | "
            f"{len(c.refused)} | {len(c.unanswered)} (stored: {len(c.stored_unanswered())}) "
            f"| {len(c.stored)} | **{len(c.lost())}** | {len(c.doubled())} |"
        )
    lines += [
        "",
        "The editor (target: every change seen by an anonymous reader at once):",
        "",
        "| database | phase | drafts written | published | corrected | stale pages seen |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for p in phases:
        e = p.editor
        lines.append(
            f"| {p.database} | {p.name} | {e['drafts']} | {e['published']} | "
            f"{e['corrected']} | {len(p.tally.stale)} |"
        )
    crashes = [p for p in phases if p.crash]
    if crashes:
        lines += [
            "",
            "The crash:",
            "",
            "| database | SIGKILL at | database as the crash left it | requests refused "
            "while down | scripts/serve to first page | SIGKILL to first page |",
            "|---|---:|---|---:|---:|---:|",
        ]
        for p in crashes:
            k = p.crash
            lines.append(
                f"| {p.database} | {k.at:.1f} s | {'✔' if k.database_ok else '✘'} "
                f"{k.database} | {p.tally.failed_down} | {k.restart:.1f} s | "
                f"{k.serving_after:.1f} s |"
            )
    writes = [p for p in phases if p.long_write]
    if writes:
        lines += [
            "",
            "The long write (target: 0 5xx, every accepted comment stored, as above):",
            "",
            "| database | import | started at | import took | exit code | phase lasted |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for p in writes:
            w = p.long_write
            lines.append(
                f"| {p.database} | {w.posts} posts, {w.posts * 5} comments | {w.at:.1f} s "
                f"| {w.seconds:.1f} s | {w.code} | {p.seconds:.1f} s |"
            )
    lines += ["", "Requests by kind (all phases):", ""]
    kinds: Counter = Counter()
    for p in phases:
        for kind, statuses in p.tally.statuses.items():
            kinds[kind] += sum(statuses.values())
    lines.append(", ".join(f"{kind} {n:,}" for kind, n in kinds.most_common()) + ".")
    problems = [
        f"{p.database}/{p.name}: {what}"
        for p in phases
        for what in [
            *(f"{n}× {k}" for k, n in p.tally.unexpected.most_common(10)),
            *(f"failed while up: {k} {n}" for k, n in p.tally.failed_up.items()),
            *p.tally.stale[:10],
            *([f"final database check: {p.final_check}"] if p.final_check else []),
            *(
                [f"import_wordpress: {p.long_write.said}"]
                if p.long_write and p.long_write.code
                else []
            ),
        ]
    ]
    if problems:
        lines += ["", "Details:", ""] + [f"- {line}" for line in problems]
    return "\n".join(lines)


def verdict(phases: list[Phase]) -> list[str]:
    """What missed its target, in French for the console; empty when all held."""
    missed = []
    for p in phases:
        where = f"{p.database}/{p.name}"
        t, c = p.tally, p.comments
        if t.server_errors():
            missed.append(f"{where} : {t.server_errors()} réponses 5xx")
        if sum(t.failed_up.values()):
            missed.append(f"{where} : {sum(t.failed_up.values())} requêtes échouées")
        if c.lost() or c.doubled() or c.stored_unknown():
            missed.append(
                f"{where} : commentaires perdus {sorted(c.lost())[:10]}, "
                f"en double {sorted(c.doubled())[:10]}, inconnus {sorted(c.stored_unknown())[:10]}"
            )
        if t.stale:
            missed.append(f"{where} : {len(t.stale)} pages en retard")
        if p.long_write and p.long_write.code:
            missed.append(f"{where} : import_wordpress a échoué (code {p.long_write.code})")
        if p.crash and not p.crash.database_ok:
            missed.append(f"{where} : base abîmée après le SIGKILL ({p.crash.database})")
    return missed


def parse_args() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--readers", type=int, default=12)
    parser.add_argument("--commenters", type=int, default=4)
    parser.add_argument("--no-kill", action="store_true", help="skip the crash phase")
    parser.add_argument(
        "--no-long-write", action="store_true", help="skip the phase with an import"
    )
    parser.add_argument("--import-posts", type=int, default=400, help="posts imported")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS.md")
    parser.add_argument("--time-limit", type=float, default=20.0, help="minutes, in all")
    args = parser.parse_args()
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    if not databases or set(databases) - {"sqlite", "postgres"}:
        parser.error("--databases : sqlite, postgres ou les deux")
    full = set(databases) == {"sqlite", "postgres"} and not args.no_kill and not args.no_long_write
    return Options(
        duration=args.duration,
        databases=databases,
        readers=args.readers,
        commenters=args.commenters,
        kill=not args.no_kill,
        long_write=not args.no_long_write,
        import_posts=args.import_posts,
        keep=args.keep,
        write=full and not args.no_write,
        command="make load"
        if len(sys.argv) == 1
        else "bench/load_bench.py " + " ".join(sys.argv[1:]),
        time_limit=args.time_limit,
    )


def main() -> int:
    options = parse_args()
    stop_on_signals(options.time_limit)
    if "postgres" in options.databases and (why := reachable_postgres()):
        log(f"PostgreSQL ou Redis injoignable ({why}) : seule SQLite est mesurée")
        options.databases.remove("postgres")
        options.write = False
        if not options.databases:
            return 1
    started = time.monotonic()
    averages = [load_average()]

    def run(workdir: Path, cleanups: ExitStack) -> Load:
        load = Load(options, workdir)
        cleanups.callback(load.close)
        load.run()
        return load

    load = measure_in_workdir("manchette-load-", options.keep, run)
    averages.append(load_average())
    text = markdown(options, load.phases, machine(), averages)
    publish(HEADING, text, write=options.write, started=started)
    missed = verdict(load.phases)
    for line in missed:
        log(f"CIBLE MANQUÉE : {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
