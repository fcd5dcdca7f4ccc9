"""HTTP throughput of Manchette's pages on this machine, beside the framework floor and
nginx's static rate measured in the same run (issue 6). `make bench` runs it:

    .venv/bin/python bench/http_bench.py [--quick] [--duration 10] [--connections 8,32]
                                         [--articles 100000] [--comments 5000]
                                         [--skip big,comments,...] [--keep] [--no-write]

Everything runs on 127.0.0.1, on free high ports, in a throwaway copy of the state (a
temporary VAR_DIR: SQLite database, caches, static files, media, static edge); the
developer's var/ is never touched. In order:

1. the demo newsroom (`migrate`, `load_demo`) plus a ~900-word reference article
   (bench/http_dataset.py), static files collected;
2. `uncached`: gunicorn as `make run` starts it (deploy/gunicorn.conf.py, same worker
   count), PAGE_CACHE=off: the article page, the front page, a category page, a search;
   each request runs its view, the fragments (article text, teasers, comments, search
   answers: manchette/pagecache/fragments.py) come from the shared cache; then
   `rendered`: the same with FRAGMENT_CACHE=off too, everything rendered each time;
3. `floor`: bench/floor, a bare Django project (one query, one template) under the same
   gunicorn settings;
4. `cached`: the same pages with PAGE_CACHE=on, gunicorn alone;
5. `nginx`: deploy/nginx.conf (rendered by bench/nginx_conf.py) in front of gunicorn
   with the static edge filled by `manage.py build_static_edge`, and in the same nginx
   the article page saved to a file and served as plain static (the limit);
6. `comments`: valid comments posted as fast as they are accepted, then counted;
7. `big`: a second copy with 100,000 generated articles and 5,000 comments on the
   reference article: the pages of step 2 again, against the 1.5× target.

Each page gets one request first (a page whose one request outlasts a run is not
loaded; an answer other than 200 counts as non-2xx), then per connection count a
warm-up of a few seconds and `wrk --latency` for --duration seconds, each followed by
a wait until the servers are idle again. The section
"HTTP throughput" of bench/RESULTS.md is rewritten at the end of a full run (not with
--quick, --skip or --no-write). Every process started here is stopped on the way out,
on error and on Ctrl-C too; --time-limit bounds the whole run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import http.cookies
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import nginx_conf  # bench/ is this script's folder
from results import RESULTS, machine, write_section

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
HEADING = "HTTP throughput"
T = TypeVar("T")

PAGES = ["article", "front", "category", "search"]
PAGE_NAMES = {
    "article": "article page",
    "front": "front page",
    "category": "category page",
    "search": "search",
}
TARGET_CONNECTIONS = 32
# The issue author's figures on this kind of machine (2 cores, wrk, 32 connections,
# ~900-word article page).
REFERENCES = [
    ("WordPress 6.1 (Debian, no page cache)", 25, None),
    ("Wagtail 8.0 (gunicorn 2 workers, SQLite)", 130, None),
    ("bare Django view, one query, one template", 1_200, "floor"),
    ("nginx serving a static copy", 34_000, "limit"),
]
UNCACHED_TARGET = 400
EDGE_SHARE_TARGET = 0.5
CACHED_P99_TARGET_MS = 50.0
BIG_SLOWDOWN_TARGET = 1.5
COMMENT_DOMAIN = "bench.example"
FIRST_REQUEST_TIMEOUT = 60.0  # seconds
SETTLE_LIMIT = 30.0  # seconds to wait for a server to finish what wrk left queued
NO_LATENCY = {"50": float("nan"), "75": float("nan"), "90": float("nan"), "99": float("nan")}
# Environment of the developer's shell that would point the copy at their own state.
NOT_INHERITED = {
    "DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT", "STATIC_EDGE_DIR",
    "PAGE_CACHE", "FRAGMENT_CACHE", "DJANGO_SETTINGS_MODULE", "SECRET_KEY_FILE", "EMAIL_HOST",
    "AKISMET_API_KEY", "SITE_URL", "HOST", "PORT",
}  # fmt: skip


class BenchError(Exception):
    """The benchmark cannot go on; the message says why, in French for the console."""


class Stopped(Exception):
    """SIGTERM or the time limit: unwind, stopping every process on the way."""


def stop_on_signals(minutes: float) -> None:
    """SIGTERM, and the time limit (SIGALRM after `minutes`), raise Stopped so that the
    run unwinds, stopping its processes; Ctrl-C raises KeyboardInterrupt even when
    started from a shell that had it ignored (a background job)."""

    def stop(signum, _frame) -> None:
        raise Stopped("limite de temps atteinte" if signum == signal.SIGALRM else "arrêt demandé")

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(int(minutes * 60))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_in_workdir(prefix: str, keep: bool, measure: Callable[[Path, ExitStack], T]) -> T:
    """`measure(workdir, cleanups)` in a temporary directory, removed after unless `keep`.
    What measure puts on `cleanups` (stopping its servers) runs however it ends; when it
    is interrupted the run exits with 1 (130 on Ctrl-C) after saying why."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    with ExitStack() as cleanups:
        if keep:
            cleanups.callback(log, f"répertoire gardé : {workdir}")
        else:
            cleanups.callback(shutil.rmtree, workdir, ignore_errors=True)
        cleanups.callback(signal.alarm, 0)
        try:
            return measure(workdir, cleanups)
        except (BenchError, Stopped, OSError, subprocess.SubprocessError) as error:
            log(f"mesure interrompue : {error!r}" if isinstance(error, OSError) else
                f"mesure interrompue : {error}")  # fmt: skip
            raise SystemExit(1) from None
        except KeyboardInterrupt:
            log("mesure interrompue (Ctrl-C)")
            raise SystemExit(130) from None


def publish(heading: str, text: str, *, write: bool, started: float) -> None:
    """The section into bench/RESULTS.md on a full run, else on standard output only."""
    minutes = (time.monotonic() - started) / 60
    if write:
        write_section(heading, text)
        log(f"écrit dans {RESULTS.relative_to(ROOT)} en {minutes:.1f} min")
    else:
        print(f"## {heading}\n\n{text}")
        log(f"terminé en {minutes:.1f} min (RESULTS.md non modifié)")


# ---- Processes ---------------------------------------------------------------------


@dataclass
class Service:
    name: str
    process: subprocess.Popen
    log_path: Path
    stop_signal: int

    def tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Services:
    """Processes started by the benchmark, each in its own process group so that
    stopping one stops its children (gunicorn's workers, nginx's) and nothing else."""

    def __init__(self) -> None:
        self.running: list[Service] = []

    def start(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str],
        log_path: Path,
        stop_signal: int = signal.SIGTERM,
    ) -> Service:
        with open(log_path, "ab") as output:
            process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        service = Service(name, process, log_path, stop_signal)
        self.running.append(service)
        return service

    def stop(self, service: Service) -> None:
        if service in self.running:
            self.running.remove(service)
        process = service.process
        if process.poll() is None:
            try:
                os.killpg(process.pid, service.stop_signal)
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
            except ProcessLookupError:
                pass
        # Workers a master left behind (it was killed, or died) go with their group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def stop_all(self) -> None:
        for service in reversed(list(self.running)):
            try:
                self.stop(service)
            except Exception as error:  # keep stopping the others
                log(f"arrêt de {service.name} : {error}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(service: Service, port: int, path: str, timeout: float = 60) -> None:
    """Poll the port until an HTTP answer comes (any status), or the process dies."""
    deadline = time.monotonic() + timeout
    while True:
        if service.process.poll() is not None:
            raise BenchError(
                f"{service.name} s’est arrêté au démarrage (code {service.process.returncode}) :\n"
                + service.tail()
            )
        try:
            fetch(port, path, timeout=5)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise BenchError(
                    f"{service.name} ne répond pas sur le port {port} après {timeout:.0f} s :\n"
                    + service.tail()
                ) from None
            time.sleep(0.1)


def cpu_ticks(groups: set[int]) -> int:
    """CPU time (clock ticks) used so far by the processes of these process groups."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) in groups:  # pgrp; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total


def wait_idle(services: list[Service], limit: float) -> bool:
    """Wait until the services use less than a tenth of a core; False after `limit`."""
    groups = {service.process.pid for service in services}
    window = 0.25
    allowed = 0.1 * window * os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + limit
    before = cpu_ticks(groups)
    while time.monotonic() < deadline:
        time.sleep(window)
        now = cpu_ticks(groups)
        if now - before <= allowed:
            return True
        before = now
    return False


# ---- HTTP --------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 30,
) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def cookies_of(answer: Answer) -> dict[str, str]:
    jar = http.cookies.SimpleCookie()
    for value in answer.headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


# ---- wrk ---------------------------------------------------------------------------


@dataclass
class Run:
    group: str  # uncached, floor, cached, limit, edge, big
    page: str
    served_by: str
    path: str
    connections: int
    requests_per_second: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)  # 50, 75, 90, 99
    requests: int = 0
    non_2xx: int = 0  # wrk counts answers outside 2xx and 3xx; the first request checks 200
    socket_errors: int = 0
    size: int = 0
    note: str = ""  # e.g. "X-Page-Cache: hit"
    cached: bool = False  # the answer came from the page cache or the static edge

    @property
    def p99(self) -> float:
        return self.latency_ms.get("99", float("nan"))


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> dict:
    """Requests/s, latency percentiles, requests, non-2xx/3xx and socket errors."""
    found: dict = {"latency_ms": {}, "non_2xx": 0, "socket_errors": 0}
    for percent, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.M):
        found["latency_ms"][percent] = parse_duration_ms(value)
    if match := re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M):
        found["requests_per_second"] = float(match.group(1))
    if match := re.search(r"^\s+(\d+) requests in", output, re.M):
        found["requests"] = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        found["non_2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors:(.*)$", output, re.M):
        found["socket_errors"] = sum(int(n) for n in re.findall(r"\d+", match.group(1)))
    if "requests_per_second" not in found or len(found["latency_ms"]) < 4:
        raise BenchError(f"sortie de wrk illisible :\n{output}")
    return found


def wrk(url: str, connections: int, seconds: float, threads: int) -> dict:
    command = [
        "wrk", f"-t{min(threads, connections)}", f"-c{connections}",
        f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "10s", url,
    ]  # fmt: skip
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if finished.returncode != 0:
        raise BenchError(f"wrk a échoué ({finished.returncode}) : {finished.stderr.strip()}")
    return parse_wrk(finished.stdout)


# ---- The run -----------------------------------------------------------------------


@dataclass
class Options:
    duration: float
    warmup: float
    connections: list[int]
    threads: int
    articles: int
    comments: int
    skip: set[str]
    keep: bool
    write: bool
    quick: bool
    command: str
    time_limit: float  # minutes


@dataclass
class Report:
    runs: list[Run] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    posting: list[dict] = field(default_factory=list)
    big: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    load: list[float] = field(default_factory=list)  # 1-minute load average, start and end

    def find(self, group: str, page: str, connections: int) -> Run | None:
        return next(
            (
                r
                for r in self.runs
                if r.group == group and r.page == page and r.connections == connections
            ),
            None,
        )


class Bench:
    def __init__(self, options: Options, workdir: Path) -> None:
        self.options = options
        self.workdir = workdir
        self.services = Services()
        self.report = Report()
        self.secret = secrets.token_urlsafe(40)
        self.logs = workdir / "logs"
        self.logs.mkdir()
        self.demo_var = workdir / "demo"
        self.big_var = workdir / "big"
        self.info: dict = {}

    # -- environment and commands

    def env(self, var_dir: Path, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
        env.update(
            VAR_DIR=str(var_dir),
            STATIC_ROOT=str(self.demo_var / "static"),
            MEDIA_ROOT=str(self.demo_var / "media"),
            SECRET_KEY=self.secret,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DEBUG="false",
            LOG_LEVEL="WARNING",
            GUNICORN_ACCESSLOG="off",
            PYTHONUNBUFFERED="1",
            # Comment posting: no wait before sending, no rate limit, every comment
            # approved (the full path: counts, notices, cache and edge invalidation).
            COMMENTS_MIN_SECONDS="0",
            COMMENTS_RATE_PER_IP="100000000",
            COMMENTS_RATE_PER_EMAIL="100000000",
            COMMENTS_POLICY="approve_all",
        )
        env.update(extra)
        return env

    def manage(self, var_dir: Path, *args: str, **extra: str) -> str:
        return self.python(var_dir, *MANAGE[1:], *args, **extra)

    def python(self, var_dir: Path, *args: str, **extra: str) -> str:
        command = [sys.executable, *args]
        finished = subprocess.run(
            command,
            cwd=ROOT,
            env=self.env(var_dir, **extra),
            capture_output=True,
            text=True,
            check=False,
        )
        if finished.returncode != 0:
            shown = " ".join(Path(a).name if a.startswith("/") else a for a in args)
            raise BenchError(
                f"« {shown} » a échoué (code {finished.returncode}) :\n"
                + (finished.stderr or finished.stdout)[-3000:]
            )
        return finished.stdout

    def has_command(self, name: str) -> bool:
        listing = self.manage(self.demo_var, "help", "--commands")
        return name in listing.split()

    # -- servers

    def start_app(self, var_dir: Path, label: str, **extra: str) -> tuple[Service, int]:
        port = free_port()
        env = self.env(
            var_dir, HOST="127.0.0.1", PORT=str(port), SITE_URL=f"http://127.0.0.1:{port}", **extra
        )
        argv = [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "manchette.wsgi"]
        service = self.services.start(
            f"gunicorn ({label})", argv, env, self.logs / f"gunicorn-{label}.log", signal.SIGINT
        )
        wait_until_answering(service, port, "/robots.txt")
        return service, port

    def start_floor(self) -> tuple[Service, int]:
        port = free_port()
        env = self.env(
            self.demo_var,
            HOST="127.0.0.1",
            PORT=str(port),
            PYTHONPATH=str(BENCH),
            DJANGO_SETTINGS_MODULE="floor.settings",
            FLOOR_DB=str(self.workdir / "floor.sqlite3"),
        )
        argv = [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "floor.wsgi"]
        service = self.services.start(
            "gunicorn (floor)", argv, env, self.logs / "gunicorn-floor.log", signal.SIGINT
        )
        wait_until_answering(service, port, "/story/1/")
        return service, port

    def start_nginx(self, app_port: int) -> tuple[Service, int, int]:
        port, limit_port = free_port(), free_port()
        prefix = self.workdir / "nginx"
        prefix.mkdir(exist_ok=True)
        conf = prefix / "nginx.conf"
        conf.write_text(
            nginx_conf.render(
                prefix=prefix,
                app_port=app_port,
                port=port,
                static_root=self.demo_var / "static",
                media_root=self.demo_var / "media",
                edge_dir=self.demo_var / "edge",
                limit_port=limit_port,
                limit_root=self.workdir / "limit",
            )
        )
        argv = [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
        tested = subprocess.run([*argv, "-t"], capture_output=True, text=True, check=False)
        if tested.returncode != 0:
            raise BenchError(f"nginx refuse la configuration :\n{tested.stderr}")
        service = self.services.start("nginx", argv, dict(os.environ), prefix / "stdout.log")
        wait_until_answering(service, limit_port, "/article.html")
        wait_until_answering(service, port, "/robots.txt")
        return service, port, limit_port

    # -- measuring

    def measure(
        self,
        group: str,
        page: str,
        served_by: str,
        port: int,
        path: str,
        *,
        cacheable: bool,
        watch: list[Service],
    ) -> list[Run]:
        """One page: a first request (twice when a cache should keep it, so the second is
        a hit), then per connection count a warm-up and the measured wrk run, each
        followed by a wait until the `watch`ed servers are idle again, so that requests
        still queued in gunicorn do not weigh on the next run. A page whose one request
        takes longer than a run is not loaded at all: its rows say so."""
        try:
            for _ in range(2 if cacheable else 1):
                began = time.monotonic()
                answer = fetch(port, path, timeout=FIRST_REQUEST_TIMEOUT)
                took = time.monotonic() - began
        except OSError as error:
            return self.unanswered(group, page, served_by, path, f"first request: {error}")
        if took > self.options.duration:
            return self.unanswered(
                group, page, served_by, path, f"one request took {took:.0f} s: not loaded"
            )
        state = answer.headers.get("X-Page-Cache", "")
        edge = answer.headers.get("X-Static-Edge", "")
        note = f"X-Page-Cache: {state}" if state else ("static edge" if edge else "")
        if answer.status != 200:
            note = f"first request answered {answer.status}" + (f", {note}" if note else "")
        url = f"http://127.0.0.1:{port}{path}"
        runs = []
        for connections in self.options.connections:
            wrk(url, connections, self.options.warmup, self.options.threads)
            self.settle(watch)
            found = wrk(url, connections, self.options.duration, self.options.threads)
            run = Run(
                group=group,
                page=page,
                served_by=served_by,
                path=path,
                connections=connections,
                size=len(answer.body),
                note=note,
                cached=state == "hit" or bool(edge),
                **found,
            )
            if answer.status != 200:
                run.non_2xx = max(run.non_2xx, 1)
            log(
                f"  {group:9} {page:9} {connections:3} conn.: "
                f"{run.requests_per_second:9.1f} req/s, p99 {run.p99:7.1f} ms"
                + (f", {run.non_2xx} non-2xx" if run.non_2xx else "")
                + (f", {run.socket_errors} socket errors" if run.socket_errors else "")
            )
            runs.append(run)
            self.settle(watch)
        self.report.runs += runs
        return runs

    def unanswered(self, group: str, page: str, served_by: str, path: str, why: str) -> list[Run]:
        log(f"  {group:9} {page:9} {why}")
        runs = [
            Run(group, page, served_by, path, connections, note=why, latency_ms=dict(NO_LATENCY))
            for connections in self.options.connections
        ]
        self.report.runs += runs
        return runs

    def settle(self, services: list[Service]) -> None:
        if services and not wait_idle(services, SETTLE_LIMIT):
            self.report.notes.append(
                f"{', '.join(s.name for s in services)} still busy {SETTLE_LIMIT:.0f} s after "
                "a run: the next run shared the cores with requests left over."
            )

    # -- phases

    def prepare_demo(self) -> None:
        started = time.monotonic()
        log("préparation : migrate, load_demo, article de référence, collectstatic")
        self.demo_var.mkdir()
        self.manage(self.demo_var, "migrate", "--noinput", "--verbosity", "0")
        self.manage(self.demo_var, "load_demo")
        reference = self.workdir / "reference.json"
        self.python(self.demo_var, str(BENCH / "http_dataset.py"), "reference", str(reference))
        self.manage(self.demo_var, "collectstatic", "--noinput", "--verbosity", "0")
        self.info = json.loads(reference.read_text())
        self.report.timings["demo"] = time.monotonic() - started
        if "big" not in self.options.skip:
            # The big copy starts from this very state (before comments are posted).
            self.big_var.mkdir()
            copy_sqlite(self.demo_var / "manchette.sqlite3", self.big_var / "manchette.sqlite3")

    def paths(self) -> dict[str, str]:
        return self.info["pages"]

    def measure_uncacheable(self, group: str, page: str, port: int, service: Service) -> list[Run]:
        """A page served by gunicorn with the page cache off."""
        return self.measure(
            group, page, "gunicorn", port, self.paths()[page], cacheable=False, watch=[service]
        )

    def run_uncached(self) -> None:
        log("sans cache (PAGE_CACHE=off), gunicorn seul")
        service, port = self.start_app(self.demo_var, "uncached", PAGE_CACHE="off")
        try:
            # The limit serves this very page, as a reader gets it from the application.
            article = fetch(port, self.paths()["article"])
            limit = self.workdir / "limit"
            limit.mkdir(exist_ok=True)
            (limit / "article.html").write_bytes(article.body)
            for page in PAGES:
                runs = self.measure_uncacheable("uncached", page, port, service)
                if any(r.cached for r in runs):
                    self.report.notes.append(
                        f"{PAGE_NAMES[page]}: served from the page cache although PAGE_CACHE=off."
                    )
        finally:
            self.services.stop(service)

    def run_rendered(self) -> None:
        log("sans aucun cache (PAGE_CACHE=off, FRAGMENT_CACHE=off), gunicorn seul")
        service, port = self.start_app(
            self.demo_var, "rendered", PAGE_CACHE="off", FRAGMENT_CACHE="off"
        )
        try:
            for page in PAGES:
                self.measure_uncacheable("rendered", page, port, service)
        finally:
            self.services.stop(service)

    def run_floor(self) -> None:
        log("plancher : Django nu, une requête, un gabarit")
        story = self.workdir / "story.json"
        story.write_text(json.dumps(self.info["story"], ensure_ascii=False))
        self.python(
            self.demo_var,
            "-m",
            "floor.load",
            str(story),
            PYTHONPATH=str(BENCH),
            DJANGO_SETTINGS_MODULE="floor.settings",
            FLOOR_DB=str(self.workdir / "floor.sqlite3"),
        )
        service, port = self.start_floor()
        try:
            self.measure(
                "floor",
                "article",
                "gunicorn (bench/floor)",
                port,
                "/story/1/",
                cacheable=False,
                watch=[service],
            )
        finally:
            self.services.stop(service)

    def run_cached(self) -> None:
        log("avec le cache des pages (PAGE_CACHE=on), gunicorn seul")
        service, port = self.start_app(self.demo_var, "cached", PAGE_CACHE="on")
        try:
            for page in PAGES:
                runs = self.measure(
                    "cached",
                    page,
                    "gunicorn",
                    port,
                    self.paths()[page],
                    cacheable=True,
                    watch=[service],
                )
                if not runs[0].cached:
                    self.report.notes.append(
                        f"{PAGE_NAMES[page]} with PAGE_CACHE=on: not answered from the page "
                        f"cache ({runs[0].note or 'no X-Page-Cache header'})."
                    )
        finally:
            self.services.stop(service)

    def run_nginx(self) -> int | None:
        """The edge and the limit, in one nginx. Returns the port of the application
        left running for the comments (None when it was stopped)."""
        edge_dir = self.demo_var / "edge"
        edge_ready = self.has_command("build_static_edge")
        if edge_ready:
            log("couche statique : build_static_edge")
            edge_env = {"STATIC_EDGE_DIR": str(edge_dir)}
            said = [self.manage(self.demo_var, "build_static_edge", **edge_env).strip()]
            if any(not self.edge_file(p).exists() for p in PAGES if p != "search"):
                # Pages skipped as "changed meanwhile" are written by a second pass.
                said.append(
                    self.manage(self.demo_var, "build_static_edge", "--missing", **edge_env).strip()
                )
            files = sum(1 for _ in edge_dir.rglob("index.html"))
            self.report.notes.append(
                f"Static edge: {files} pages on disk after "
                + " then ".join(
                    f"`build_static_edge{' --missing' if n else ''}` (« {text} »)"
                    for n, text in enumerate(t.replace(str(self.workdir), "$TMP") for t in said)
                )
                + "."
            )
        else:
            self.report.notes.append(
                "`manage.py build_static_edge` does not exist yet: the static edge rows are "
                "missing; nginx served the limit only."
            )
            log("build_static_edge n’existe pas : lignes « couche statique » sautées")
        edge_dir.mkdir(exist_ok=True)
        extra = {"PAGE_CACHE": "on", "SERVE_MEDIA": "false"}
        if edge_ready:
            extra["STATIC_EDGE_DIR"] = str(edge_dir)
        app, app_port = self.start_app(self.demo_var, "edge", **extra)
        limit = self.workdir / "limit" / "article.html"
        if not limit.exists():  # the uncached phase was skipped
            limit.parent.mkdir(exist_ok=True)
            limit.write_bytes(fetch(app_port, self.paths()["article"]).body)
        nginx, port, limit_port = self.start_nginx(app_port)
        try:
            log("nginx : fichier statique (la limite) et deploy/nginx.conf")
            self.measure(
                "limit",
                "article",
                "nginx, plain file",
                limit_port,
                "/article.html",
                cacheable=False,
                watch=[nginx],
            )
            if edge_ready:
                self.check_nginx(port)
                for page in PAGES:
                    runs = self.measure(
                        "edge",
                        page,
                        "nginx (deploy/nginx.conf)",
                        port,
                        self.paths()[page],
                        cacheable=True,
                        watch=[nginx, app],
                    )
                    if runs and runs[0].note == "static edge":
                        for run in runs:
                            run.served_by = "nginx, static edge"
                    else:
                        for run in runs:
                            run.served_by = "nginx → gunicorn"
        finally:
            self.services.stop(nginx)
        if "comments" in self.options.skip:
            self.services.stop(app)
            return None
        return app_port

    def edge_file(self, page: str) -> Path:
        return self.demo_var / "edge" / self.paths()[page].strip("/") / "index.html"

    def check_nginx(self, port: int) -> None:
        """What deploy/nginx.conf promises, checked on the running copy."""
        article = self.paths()["article"]
        checks = self.report.checks

        def check(label: str, ok: bool, detail: str = "") -> None:
            checks.append((label, ok, detail))
            if not ok:
                log(f"  VÉRIFICATION ÉCHOUÉE : {label} {detail}")

        plain = fetch(port, article)
        check(
            "article page from the edge, with the page's headers",
            plain.status == 200
            and plain.headers.get("X-Static-Edge") == "hit"
            and plain.headers.get("Content-Type") == "text/html; charset=utf-8"
            and plain.headers.get("Cache-Control")
            == "public, max-age=0, s-maxage=300, stale-while-revalidate=60"
            and plain.headers.get("Vary") == "Cookie, Accept-Encoding",
            f"{plain.status} {dict(plain.headers)}" if plain.status != 200 else "",
        )
        zipped = fetch(port, article, headers={"Accept-Encoding": "gzip"})
        check(
            "gzip copy served to a reader who accepts it",
            zipped.headers.get("Content-Encoding") == "gzip"
            and zipped.headers.get("X-Static-Edge") == "hit",
        )
        head = fetch(port, article, method="HEAD")
        check("HEAD answered from the edge", head.headers.get("X-Static-Edge") == "hit")
        for label, path, headers, method in [
            ("query string goes to the application", article + "?x=1", {}, "GET"),
            ("sessionid cookie goes to the application", article, {"Cookie": "sessionid=x"}, "GET"),
            ("POST goes to the application", article, {"Content-Length": "0"}, "POST"),
            ("feed goes to the application", "/flux/", {}, "GET"),
            ("the desk goes to the application", "/redaction/", {}, "GET"),
        ]:
            answer = fetch(port, path, headers=headers, method=method)
            check(label, "X-Static-Edge" not in answer.headers, f"({answer.status})")
        front = fetch(port, "/")
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', front.body)
        if stylesheet:
            static = fetch(port, stylesheet.group(1).decode(), headers={"Accept-Encoding": "gzip"})
            check(
                "fingerprinted static file: precompressed, cached for a year",
                static.status == 200
                and static.headers.get("Content-Encoding") == "gzip"
                and "immutable" in static.headers.get("Cache-Control", ""),
            )

    def run_comments(self, port: int) -> None:
        log("commentaires : envoi en continu")
        article_id = self.info["article_id"]
        for connections in self.options.connections:
            result = post_comments(
                port,
                article_id,
                self.paths()["article"],
                seconds=self.options.duration,
                concurrency=connections,
                start=len(self.report.posting) * 10_000_000,
            )
            self.report.posting.append(result)
            log(
                f"  {connections:3} en parallèle : {result['posted']} publiés, "
                f"{result['per_second']:.1f}/s, {result['refused']} refusés"
            )
        stored = json.loads(
            self.python(
                self.demo_var,
                str(BENCH / "http_dataset.py"),
                "count-comments",
                "--domain",
                COMMENT_DOMAIN,
            )
        )
        self.report.big["comments_stored"] = stored

    def run_big(self) -> None:
        articles, comments = self.options.articles, self.options.comments
        log(f"grande base : {articles} articles, {comments} commentaires sur l’article")
        started = time.monotonic()
        self.python(
            self.big_var,
            str(BENCH / "http_dataset.py"),
            "big",
            "--articles",
            str(articles),
            "--comments",
            str(comments),
        )
        self.report.timings["big"] = time.monotonic() - started
        log(f"  grande base prête en {self.report.timings['big']:.0f} s")
        for page in PAGES:
            # A fresh server per page: a slow page's leftover requests die with it.
            service, port = self.start_app(self.big_var, f"big-{page}", PAGE_CACHE="off")
            try:
                self.measure_uncacheable("big", page, port, service)
            finally:
                self.services.stop(service)

    def run(self) -> None:
        self.report.versions = tool_versions()
        self.report.load.append(load_average())
        self.prepare_demo()
        skip = self.options.skip
        if "uncached" not in skip:
            self.run_uncached()
        if "rendered" not in skip:
            self.run_rendered()
        if "floor" not in skip:
            self.run_floor()
        if "cached" not in skip:
            self.run_cached()
        app_port = None
        if "nginx" not in skip:
            app_port = self.run_nginx()
        if "comments" not in skip:
            if app_port is None:
                _, app_port = self.start_app(self.demo_var, "comments", PAGE_CACHE="on")
            self.run_comments(app_port)
        self.services.stop_all()
        if "big" not in skip:
            self.run_big()
        self.report.load.append(load_average())


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database in WAL mode (the WAL included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


# ---- Comment posting ---------------------------------------------------------------


def comment_token(port: int, article_path: str) -> tuple[str, str, str, str]:
    """(csrftoken cookie, form token, signed timestamp, where they came from): from
    /commentaires/jeton/ when the site has it, else from the article page's form."""
    answer = fetch(port, "/commentaires/jeton/", headers={"Accept": "application/json"})
    if answer.status == 200:
        data = json.loads(answer.body)
        cookie = cookies_of(answer).get("csrftoken", "")
        if cookie and data.get("csrf") and data.get("timestamp"):
            return cookie, data["csrf"], data["timestamp"], "/commentaires/jeton/"
    answer = fetch(port, article_path)
    text = answer.body.decode("utf-8", "replace")
    form = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    stamp = re.search(r'name="timestamp" value="([^"]+)"', text)
    cookie = cookies_of(answer).get("csrftoken", "")
    if not (form and stamp and cookie):
        raise BenchError("pas de jeton CSRF ni d’horodatage pour poster un commentaire")
    return cookie, form.group(1), stamp.group(1), "the article page's form"


def post_comments(
    port: int, article_id: int, article_path: str, *, seconds: float, concurrency: int, start: int
) -> dict:
    """As many valid comments as the site takes in `seconds`, from `concurrency`
    clients posting one after another, as a reader's browser script does (JSON)."""
    cookie, form_token, stamp, source = comment_token(port, article_path)
    numbers = itertools.count(start)
    lock = threading.Lock()
    statuses: dict[int, int] = {}
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                number = next(numbers)
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": form_token,
                    "timestamp": stamp,
                    "text": f"Commentaire de mesure numéro {number} : la gratuité des bus, "
                    "une bonne idée si les cars suivent.",
                    "name": f"Lecteur {number}",
                    "email": f"lecteur{number}@{COMMENT_DOMAIN}",
                    "website": "",
                    "honeypot": "",
                    "parent": "",
                }
            ).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "Cookie": f"csrftoken={cookie}",
                "Referer": f"http://127.0.0.1:{port}{article_path}",
            }
            began = time.perf_counter()
            try:
                status = fetch(
                    port, f"/commentaires/poster/{article_id}/", method="POST",
                    headers=headers, body=body,
                ).status  # fmt: skip
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                latencies.append(elapsed)

    began = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    posted = sum(n for status, n in statuses.items() if status in (201, 302))
    latencies.sort()
    return {
        "concurrency": concurrency,
        "posted": posted,
        "refused": sum(statuses.values()) - posted,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "per_second": posted / elapsed,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        if latencies
        else float("nan"),
        "token_from": source,
    }


# ---- Machine and tools -------------------------------------------------------------


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def tool_versions() -> dict[str, str]:
    def first_line(command: list[str]) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError:
            return "missing"
        return (done.stdout or done.stderr).strip().splitlines()[0] if done else ""

    import django

    workers = os.environ.get("WEB_CONCURRENCY") or str((os.cpu_count() or 1) * 2 + 1)
    return {
        "wrk": first_line(["wrk", "--version"]).split(" [")[0].replace("debian/", ""),
        "nginx": first_line([nginx_binary(), "-v"]).rsplit("/", 1)[-1],
        "gunicorn": first_line([str(BIN / "gunicorn"), "--version"]).split()[-1].strip("()"),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "workers": workers,
    }


def check_tools() -> None:
    missing = [name for name in ("wrk",) if not shutil.which(name)]
    if not Path(nginx_binary()).exists():
        missing.append("nginx")
    if missing:
        raise BenchError(
            f"outils absents : {', '.join(missing)}. Lancez scripts/ensure-web-tools "
            "(ou `make bench`, qui le fait)."
        )


# ---- Results -----------------------------------------------------------------------


def number(value: float, digits: int = 0) -> str:
    if value != value:  # NaN
        return "–"
    if 0 < value < 10 and digits == 0:
        digits = 1  # 0.5 req/s is not 0
    return f"{value:,.{digits}f}".replace(",", "\u202f")


def ms(value: float) -> str:
    return "–" if value != value else f"{number(value, 1)} ms"


def ratio_text(ratio: float) -> str:
    return "∞ (no answer)" if ratio == float("inf") else f"{ratio:.2f}×"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**yes**" if ok else "**NO**")


def markdown(options: Options, report: Report, host: dict, paths: dict[str, str]) -> str:
    versions = report.versions
    runs = report.runs
    conns = TARGET_CONNECTIONS

    def rate(group: str, page: str = "article", c: int = conns) -> float | None:
        run = report.find(group, page, c)
        return run.requests_per_second if run else None

    floor_rate, limit_rate = rate("floor"), rate("limit")
    lines = [
        f"Measured on {datetime.date.today().isoformat()} with `make bench`, that is:",
        "",
        "```",
        options.command,
        "```",
        "",
        f"Machine: {host['cores']} cores ({host['cpu']}), {host['ram_gb']:.1f} GB RAM, "
        f"{host['os']}, Python {host['python']}; {versions['wrk']}, nginx "
        f"{versions['nginx']}, gunicorn {versions['gunicorn']} ({versions['workers']} sync "
        f"workers, as `make run`), Django {versions['django']}, SQLite {versions['sqlite']}. "
        "wrk, nginx, gunicorn and the database share the same cores.",
        "",
        f"Each row: one request first (it must answer 200), a {options.warmup:.0f} s "
        f"warm-up, then `wrk -t{options.threads} -cN -d{options.duration:.0f}s --latency` (no "
        "Accept-Encoding: every answer is the full uncompressed page); after each wrk run "
        "the benchmark waits for the servers to be idle again. Pages: the article "
        f"`{paths['article']}` (bench/reference_article.py: ~950 words, lead image, three "
        "comments; the demo newsroom around it), the front page, its category page "
        f"`{paths['category']}` and the search `{paths['search']}`. The floor is "
        "bench/floor (bare Django: one query, one template, the same article's text) "
        "under the same gunicorn settings; the limit is nginx serving the article page "
        "saved to a file.",
        "",
        "| setup | page | served by | conn. | req/s | p50 | p90 | p99 | vs floor "
        "| vs nginx static | non-2xx | socket errors | answer |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    titles = {
        "uncached": "page cache off",
        "rendered": "no cache at all",
        "floor": "floor: bare Django",
        "cached": "page cache",
        "limit": "limit: static file",
        "edge": "deploy/nginx.conf",
        "big": f"{number(options.articles)} articles, page cache off",
    }
    for run in runs:
        floor = report.find("floor", "article", run.connections)
        limit = report.find("limit", "article", run.connections)
        versus_floor = (
            f"{run.requests_per_second / floor.requests_per_second:.2f}×" if floor else "–"
        )
        versus_limit = (
            f"{100 * run.requests_per_second / limit.requests_per_second:.0f} %" if limit else "–"
        )
        size = ", ".join(filter(None, [f"{run.size / 1024:.0f} KB" if run.size else "", run.note]))
        if not run.requests:
            run.latency_ms = dict(NO_LATENCY)
            size += ", no answer completed within the run" if run.size else ""
        lines.append(
            f"| {titles[run.group]} | {PAGE_NAMES[run.page]} | {run.served_by} "
            f"| {run.connections} | {number(run.requests_per_second)} "
            f"| {ms(run.latency_ms['50'])} | {ms(run.latency_ms['90'])} "
            f"| {ms(run.p99)} | {versus_floor} | {versus_limit} | {run.non_2xx} "
            f"| {run.socket_errors} | {size} |"
        )

    # Reference figures beside this run's.
    lines += [
        "",
        "Reference figures (the issue author's, same kind of machine, wrk, 32 connections) "
        "beside this run's:",
        "",
        "| reference | issue author | this run |",
        "| --- | ---: | ---: |",
    ]
    uncached = rate("uncached")
    for label, figure, ours in REFERENCES:
        mine = {"floor": floor_rate, "limit": limit_rate}.get(ours or "")
        lines.append(
            f"| {label} | ~{number(figure)} req/s | "
            + (f"{number(mine)} req/s" if mine else "not run here")
            + " |"
        )
    for group, label in (
        ("uncached", f"Manchette article page, page cache off (target ≥ {UNCACHED_TARGET})"),
        ("rendered", "Manchette article page, no cache at all (fragments off too)"),
    ):
        if figure := rate(group):
            lines.append(
                f"| {label} | – | {number(figure)} req/s = {figure / 130:.1f}× Wagtail, "
                f"{figure / 25:.0f}× WordPress |"
            )

    # Targets.
    lines += ["", f"Targets (at {conns} connections):", ""]
    lines += ["| target | measured | needed | met |", "| --- | ---: | ---: | --- |"]

    def target(label: str, measured: str, needed: str, ok: bool | None) -> None:
        lines.append(f"| {label} | {measured} | {needed} | {verdict(ok)} |")

    target(
        "article page, page cache off",
        f"{number(uncached)} req/s" if uncached else "not run",
        f"≥ {UNCACHED_TARGET} req/s",
        uncached >= UNCACHED_TARGET if uncached else None,
    )
    cached = rate("cached")
    target(
        "article page cached, gunicorn alone (`make run`)",
        f"{number(cached)} req/s" if cached else "not run",
        f"≥ floor {number(floor_rate)} req/s" if floor_rate else "≥ floor",
        cached >= floor_rate if cached and floor_rate else None,
    )
    edge = report.find("edge", "article", conns)
    edge_ok = None
    if edge and limit_rate:
        edge_ok = edge.cached and edge.requests_per_second >= EDGE_SHARE_TARGET * limit_rate
    target(
        "article page through deploy/nginx.conf (static edge)",
        f"{number(edge.requests_per_second)} req/s ({edge.served_by})" if edge else "not run",
        f"≥ ½ nginx static = {number(EDGE_SHARE_TARGET * limit_rate)} req/s"
        if limit_rate
        else "≥ ½ nginx static",
        edge_ok,
    )
    cached_runs = [r for r in runs if r.cached and r.connections == conns]
    worst = max(cached_runs, key=lambda r: r.p99, default=None)
    target(
        "p99 of every cached page (page cache and edge)",
        f"worst {ms(worst.p99)} ({PAGE_NAMES[worst.page]}, {titles[worst.group]})"
        if worst
        else "no cached page",
        f"< {CACHED_P99_TARGET_MS:.0f} ms",
        all(r.p99 < CACHED_P99_TARGET_MS for r in cached_runs) if cached_runs else None,
    )
    bad = sum(r.non_2xx for r in runs)
    target("non-2xx answers, every row", str(bad), "0", bad == 0 if runs else None)
    slowdowns = []
    for page in PAGES:
        demo, big = rate("uncached", page), rate("big", page)
        if demo is not None and big is not None:
            slowdowns.append((page, demo / big if big else float("inf")))
    if slowdowns:
        page, worst_ratio = max(slowdowns, key=lambda item: item[1])
        target(
            f"{number(options.articles)} articles and {number(options.comments)} comments: "
            "slowest page type vs demo content",
            f"{ratio_text(worst_ratio)} ({PAGE_NAMES[page]})",
            f"≤ {BIG_SLOWDOWN_TARGET}×",
            worst_ratio <= BIG_SLOWDOWN_TARGET,
        )

    if slowdowns:
        lines += [
            "",
            f"With {number(options.articles)} generated articles (bench/search_corpus.py; "
            "97 % published over five years, all older than the demo content) and "
            f"{number(options.comments)} approved comments on the article (threads of "
            "up to three levels, 50 threads per page), page cache off, "
            f"{conns} connections; built in {report.timings.get('big', 0):.0f} s "
            "(bulk inserts, indexed batch by batch, one process per core):",
            "",
            "| page | demo req/s | big req/s | slowdown | demo p50 | big p50 | ≤ 1.5× |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for page, ratio in slowdowns:
            demo_run = report.find("uncached", page, conns)
            big_run = report.find("big", page, conns)
            lines.append(
                f"| {PAGE_NAMES[page]} | {number(demo_run.requests_per_second)} "
                f"| {number(big_run.requests_per_second)} | {ratio_text(ratio)} "
                f"| {ms(demo_run.latency_ms['50'])} "
                f"| {ms(big_run.latency_ms['50'])} "
                f"| {verdict(ratio <= BIG_SLOWDOWN_TARGET)} |"
            )

    if report.posting:
        stored = report.big.get("comments_stored", {})
        total_stored = sum(stored.values())
        total_posted = sum(p["posted"] for p in report.posting)
        lines += [
            "",
            f"Comment posting: valid comments (each text different) POSTed to "
            f"`/commentaires/poster/<id>/` with `Accept: application/json`, as the page's "
            f"script does, by N Python clients one after another for {options.duration:.0f} s, "
            "straight to gunicorn (PAGE_CACHE=on, static edge on: each approved comment "
            "invalidates the article's cached page and edge file). COMMENTS_POLICY="
            "approve_all, COMMENTS_MIN_SECONDS=0, rate limits raised. CSRF token and "
            f"signed form time from {report.posting[0]['token_from']}.",
            "",
            "| clients | comments/s | posted (201) | refused | p50 | p99 | statuses |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for p in report.posting:
            statuses = ", ".join(f"{k}: {v}" for k, v in p["statuses"].items())
            lines.append(
                f"| {p['concurrency']} | {number(p['per_second'], 1)} | {p['posted']} "
                f"| {p['refused']} | {ms(p['p50'])} | {ms(p['p99'])} "
                f"| {statuses} |"
            )
        lines += [
            "",
            f"Comments posted: {total_posted}; stored afterwards: {total_stored} "
            f"({', '.join(f'{k} {v}' for k, v in stored.items()) or 'none'}): "
            + ("**all stored**." if total_posted == total_stored else "**MISMATCH**."),
        ]

    if report.checks:
        lines += ["", "deploy/nginx.conf, checked on the running copy:", ""]
        for label, ok, detail in report.checks:
            lines.append(
                f"- {'ok' if ok else '**FAILED**'}: {label}"
                + (f" {detail}" if detail and not ok else "")
            )

    notes = list(dict.fromkeys(report.notes))  # each once, in order
    if report.load:
        notes.append(
            "1-minute load average at the start and at the end of the run: "
            + " and ".join(f"{value:.2f}" for value in report.load)
            + ". Anything else running on the machine (another session's tests, say) "
            "competes for the same cores and lowers every figure of that moment."
        )
    notes.append(
        "gunicorn's sync workers close the connection after each answer, so wrk opens one "
        "TCP connection per request to gunicorn (nginx keeps its connections to wrk open)."
    )
    notes.append(
        "Access logs are off for these runs (gunicorn: GUNICORN_ACCESSLOG=off; nginx: "
        "`access_log off` in the rendered copy); the task worker (`run_tasks`) is not "
        "running, so nothing refills the edge or sends e-mails during the runs."
    )
    lines += ["", "Notes:", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines)


def parse_args() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 s runs, small big dataset")
    parser.add_argument("--duration", type=float, help="seconds per wrk run (default 10)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per run (default 2)")
    parser.add_argument("--connections", default="8,32")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--articles", type=int, help="big dataset (default 100000)")
    parser.add_argument("--comments", type=int, help="comments on the article (default 5000)")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated phases to leave out: uncached,floor,cached,nginx,comments,big",
    )
    parser.add_argument("--time-limit", type=float, default=40, help="minutes (default 40)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--no-write", action="store_true", help="print, do not write RESULTS.md")
    args = parser.parse_args()
    quick = args.quick
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - {"uncached", "rendered", "floor", "cached", "nginx", "comments", "big"}
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    shown = " ".join(sys.argv[1:])
    options = Options(
        duration=args.duration or (2 if quick else 10),
        warmup=args.warmup or (1 if quick else 2),
        connections=[int(c) for c in args.connections.split(",")],
        threads=args.threads,
        articles=args.articles or (5_000 if quick else 100_000),
        comments=args.comments or (500 if quick else 5_000),
        skip=skip,
        keep=args.keep,
        write=not (args.no_write or quick or skip),
        quick=quick,
        command=f".venv/bin/python bench/http_bench.py {shown}".strip(),
        time_limit=args.time_limit,
    )
    return options


def main() -> int:
    options = parse_args()
    stop_on_signals(options.time_limit)
    started = time.monotonic()

    def measure(workdir: Path, cleanups: ExitStack) -> Bench:
        check_tools()
        bench = Bench(options, workdir)
        cleanups.callback(bench.services.stop_all)
        bench.run()
        return bench

    bench = measure_in_workdir("manchette-bench-", options.keep, measure)
    text = markdown(options, bench.report, machine(), bench.paths())
    publish(HEADING, text, write=options.write, started=started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
