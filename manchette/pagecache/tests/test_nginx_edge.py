"""The shipped deploy/nginx.conf in front of the application: public pages come from the
static edge's files, everything else from the application, and a change shows through
nginx at once; over HTTPS, what nginx serves by itself carries the application's
security headers."""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, RequestFactory

from bench.nginx_conf import TLS, render
from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.media_files import serve_media
from manchette.pagecache import edge, versions
from manchette.tests.fresh_process import free_port

from .production import HOST, use_production_settings

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
    settings.STATIC_EDGE_DIR = str(tmp_path / "var" / "edge")
    settings.SITE_URL = live_server.url
    caches[versions.ALIAS].clear()
    return tmp_path / "var" / "edge"


@pytest.fixture
def start_nginx(tmp_path, live_server, edge_dir):
    """Start nginx running deploy/nginx.conf (this machine's paths and ports) as this
    user; returns its port. It includes the security headers that build_static_edge
    (or edge.write_nginx_headers) has written beside the edge."""
    started: list[subprocess.Popen] = []

    def start(tls: TLS | None = None) -> int:
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
                static_root=edge_dir.parent / "static",
                media_root=edge_dir.parent / "media",
                edge_dir=edge_dir,
                limit_port=free_port(),
                limit_root=tmp_path / "limit",
                workers="1",
                tls=tls,
            )
        )
        process = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return port
            except OSError:
                assert process.poll() is None, process.stderr.read()
                assert time.monotonic() < deadline, "nginx did not start"

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def nginx(start_nginx) -> str:
    """nginx over plain HTTP, as the benchmark runs it."""
    edge.write_nginx_headers()
    return f"http://127.0.0.1:{start_nginx()}"


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


# Headers that describe one answer rather than the site's security: the edge's own
# (deploy/nginx.conf) may differ from the application's. Every other header the
# application sends must come from nginx too, with the same value.
PER_ANSWER = {
    "Cache-Control",
    "Cache-Tag",
    "Content-Language",
    "Content-Length",
    "Content-Type",
    "ETag",
    "Expires",
    "Last-Modified",
    "Set-Cookie",
    "Vary",
    "X-Page-Cache",
}


@pytest.fixture
def certificate(tmp_path) -> tuple[Path, Path]:
    """A self-signed certificate for journal.example and 127.0.0.1, made for this test."""
    certificate, key = tmp_path / "certificate.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-nodes", "-days", "2",
            "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-keyout", str(key), "-out", str(certificate),
            "-subj", f"/CN={HOST}",
            "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return certificate, key


# One file of each kind media_files.py tells apart: run nothing and download (SVG, HTML),
# show in a sandbox (an image, whatever the case of its extension), show unsandboxed (PDF).
MEDIA_FILES = {
    "carte.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "page.html": b"<script>fetch('/redaction/')</script>",
    "photo.JPG": b"\xff\xd8\xff\xe0 jpeg",
    "dossier.pdf": b"%PDF-1.7\n",
}


def disposition(value: str | None) -> str:
    """A Content-Disposition's type; none at all is the same as `inline`."""
    return (value or "inline").split(";")[0]


def fetch_https(port: int, path: str, certificate: Path) -> http.client.HTTPResponse:
    """GET `path` from nginx over HTTPS, as a reader of journal.example does."""
    context = ssl.create_default_context(cafile=str(certificate))
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    connection.request("GET", path, headers={"Host": HOST})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_over_https_the_edge_fills_and_nginx_sends_the_applications_headers(
    settings, tmp_path, edge_dir, start_nginx, certificate
):
    use_production_settings(settings, tmp_path)
    story = make_article(title="La ligne de tram est prolongée")
    (edge_dir.parent / "static").mkdir()
    (edge_dir.parent / "static" / "site.css").write_text("body { margin: 0 }")
    media_root = edge_dir.parent / "media"
    media_root.mkdir()
    for name, content in MEDIA_FILES.items():
        (media_root / name).write_bytes(content)
    settings.MEDIA_ROOT = str(media_root)
    call_command("build_static_edge", verbosity=0)
    redirect_port = free_port()
    port = start_nginx(TLS(*certificate, redirect_port=redirect_port))

    page = fetch_https(port, story.get_absolute_url(), certificate[0])

    assert page.status == 200
    assert page.headers["X-Static-Edge"] == "hit"
    application = Client(HTTP_HOST=HOST).get(story.get_absolute_url(), secure=True)
    assert application.status_code == 200
    for name, value in application.items():
        if name not in PER_ANSWER:
            assert page.headers[name] == value, name
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert "camera=()" in page.headers["Permissions-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"

    static = fetch_https(port, "/static/site.css", certificate[0])
    assert static.status == 200
    for name in edge.SECURITY_HEADERS:
        assert static.headers[name] == application[name], name

    # Each media file gets from nginx what the application (SERVE_MEDIA) sends with it.
    seen = {}
    for name in MEDIA_FILES:
        media = fetch_https(port, f"/media/{name}", certificate[0])
        own = serve_media(RequestFactory().get(f"/media/{name}"), name)
        own.close()
        assert media.status == own.status_code == 200, name
        for header in ("Content-Security-Policy", "X-Content-Type-Options"):
            assert media.headers[header] == own[header], (name, header)
        kind = disposition(media.headers["Content-Disposition"])
        assert kind == disposition(own.get("Content-Disposition")), name
        hsts = media.headers["Strict-Transport-Security"]
        assert hsts == application["Strict-Transport-Security"], name
        seen[name] = (media.headers["Content-Security-Policy"].endswith("; sandbox"), kind)
    assert seen == {
        "carte.svg": (True, "attachment"),
        "page.html": (True, "attachment"),
        "photo.JPG": (True, "inline"),
        "dossier.pdf": (False, "inline"),
    }
    missing = fetch_https(port, "/media/nulle-part.svg", certificate[0])
    assert missing.status == 404
    assert missing.headers["Content-Security-Policy"].endswith("; sandbox")
    assert "Content-Disposition" not in missing.headers  # an error page, not a download

    plain = http.client.HTTPConnection("127.0.0.1", redirect_port, timeout=10)
    plain.request("GET", story.get_absolute_url(), headers={"Host": HOST})
    answer = plain.getresponse()
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://{HOST}{story.get_absolute_url()}"
    plain.close()
