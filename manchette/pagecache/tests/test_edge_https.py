"""The static edge under production's settings (an https:// SITE_URL, redirect to HTTPS,
HSTS): it fills, and nginx gets the application's security headers to send with it."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from manchette.articles.tests.builders import make_article
from manchette.media_files import BASE_POLICY, SANDBOXED_POLICY
from manchette.pagecache import edge, versions

from .production import HOST, use_production_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _edge(settings, tmp_path):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True  # as in production
    settings.STATIC_EDGE_DIR = str(tmp_path / "var" / "edge")
    caches[versions.ALIAS].clear()


def directives(name: str) -> dict[str, str]:
    text = (edge.headers_dir() / name).read_text()
    return dict(re.findall(r'(?m)^add_header (\S+) "([^"]*)" always;$', text))


def test_the_edge_fills_under_production_settings(settings, tmp_path):
    use_production_settings(settings, tmp_path)
    story = make_article(title="Le marché couvert rouvre")

    call_command("build_static_edge", verbosity=0)

    for path in ("/", story.get_absolute_url()):
        assert "Le marché couvert rouvre" in edge.file_for(path).read_text(), path
    # Rendered as the reader gets it, over HTTPS at the site's address.
    assert (
        f"https://{HOST}{story.get_absolute_url()}"
        in edge.file_for(story.get_absolute_url()).read_text()
    )


def test_nginx_gets_the_headers_the_application_sends(settings, tmp_path):
    use_production_settings(settings, tmp_path)
    story = make_article(title="Le marché couvert rouvre")

    call_command("build_static_edge", verbosity=0)

    answer = Client(HTTP_HOST=HOST).get(story.get_absolute_url(), secure=True)
    page = directives("security-headers.conf")
    assert page == {name: answer[name] for name in edge.SECURITY_HEADERS if name in answer}
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert "camera=()" in page["Permissions-Policy"]
    media = directives("media-headers.conf")
    # Not the page's policy (nginx would send both): each file's own, from media-map.conf.
    assert "Content-Security-Policy" not in media
    assert (
        "add_header Content-Security-Policy $manchette_media_content_security_policy always;"
        in (edge.headers_dir() / "media-headers.conf").read_text()
    )
    maps = (edge.headers_dir() / "media-map.conf").read_text()
    assert f'default "{SANDBOXED_POLICY}";' in maps
    assert f'"~*\\.(?:pdf)$" "{BASE_POLICY}";' in maps
    assert media["X-Content-Type-Options"] == "nosniff"
    assert media["Strict-Transport-Security"] == page["Strict-Transport-Security"]
    assert media["Referrer-Policy"] == page["Referrer-Policy"]


def test_a_plain_http_site_sends_no_hsts_from_nginx_either(settings):
    settings.SITE_URL = "http://testserver"

    call_command("build_static_edge", verbosity=0)

    assert "Strict-Transport-Security" not in directives("security-headers.conf")
    assert "default-src 'self'" in directives("security-headers.conf")["Content-Security-Policy"]
