"""The shipped deploy/nginx.conf in front of the application: public pages come from the
static edge's files, everything else from the application, and a change shows through
nginx at once."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command

from bench.nginx_conf import render
from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.pagecache import versions
from manchette.tests.fresh_process import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.path.exists(NGINX) and not os.environ.get("CI"),
        reason="nginx is not installed (make test installs it)",
    ),
]


@pytest.fixture
def edge_dir(settings, tmp_path, live_server) -> Path:
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True  # as in production
    settings.STATIC_EDGE_DIR = str(tmp_path / "edge")
    settings.SITE_URL = live_server.url
    caches[versions.ALIAS].clear()
    return tmp_path / "edge"


@pytest.fixture
def nginx(tmp_path, live_server, edge_dir) -> str:
    """nginx running deploy/nginx.conf (this machine's paths and ports) as this user."""
    prefix = tmp_path / "nginx"
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / f"{name}_temp").mkdir(parents=True)
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(
        render(
            prefix=prefix,
            app_port=int(live_server.url.rsplit(":", 1)[1]),
            port=port,
            static_root=tmp_path / "static",
            media_root=tmp_path / "media",
            edge_dir=edge_dir,
            limit_port=free_port(),
            limit_root=tmp_path / "limit",
            workers="1",
        )
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline, "nginx did not start"
    yield url
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, method: str = "GET", data: bytes | None = None, **headers):
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def story() -> Article:
    return make_article(title="La ligne de tram est prolongée")


def test_public_pages_come_from_the_edge_files(nginx, edge_dir, story):
    call_command("build_static_edge", verbosity=0)

    status, headers, body = fetch(nginx + story.get_absolute_url())

    assert status == 200
    assert headers["X-Static-Edge"] == "hit"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "s-maxage=" in headers["Cache-Control"]
    assert body == (edge_dir / story.get_absolute_url().strip("/") / "index.html").read_bytes()
    status, headers, body = fetch(nginx + "/", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert "La ligne de tram est prolongée" in gzip.decompress(body).decode()


def test_what_is_not_for_everyone_reaches_the_application(nginx, story):
    call_command("build_static_edge", verbosity=0)
    page = nginx + story.get_absolute_url()

    status, answer, _ = fetch(page, Cookie="sessionid=abc")
    assert status == 200 and "X-Static-Edge" not in answer
    status, answer, _ = fetch(page + "?commentaires=1")
    assert status == 200 and "X-Static-Edge" not in answer
    status, answer, body = fetch(
        nginx + f"/commentaires/poster/{story.pk}/", method="POST", data=b"text=x"
    )
    assert status == 403  # the application's CSRF check, in French
    assert "Formulaire expiré" in body.decode() or "Confirmez" in body.decode()
    status, answer, _ = fetch(nginx + "/flux/")
    assert status == 200 and "X-Static-Edge" not in answer


def test_a_page_not_written_yet_is_served_by_the_application(nginx, edge_dir, story):
    shutil.rmtree(edge_dir)  # as before the worker's first refill

    status, headers, body = fetch(nginx + story.get_absolute_url())

    assert status == 200
    assert "X-Static-Edge" not in headers
    assert "La ligne de tram est prolongée" in body.decode()


def test_an_edit_shows_through_nginx_at_once(nginx, story):
    call_command("build_static_edge", verbosity=0)
    assert fetch(nginx + "/")[1]["X-Static-Edge"] == "hit"

    story.title = "La ligne de tram ouvre en mars"
    story.save()

    for path in ("/", story.get_absolute_url()):
        status, headers, body = fetch(nginx + path)
        assert status == 200
        assert "La ligne de tram ouvre en mars" in body.decode(), path
        assert "La ligne de tram est prolongée" not in body.decode(), path
