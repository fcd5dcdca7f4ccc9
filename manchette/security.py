"""Security headers of every answer, pages, desk, feeds and static files alike.

The Content-Security-Policy lets the site load nothing from other hosts and run no
inline script or style. Public pages carry none (they are cached and shared, so a
per-request nonce could not be trusted in them), and the one inline script of the desk,
the prose editor's import map, is allowed by its hash: the map only names the editor's
fingerprinted static files, so its hash is fixed for a deployment.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from urllib.parse import urlsplit

from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
)


# The stylesheet the prose editor's Tiptap adds to the desk's pages (a <style> element
# it writes itself; django-prose-editor offers no way to turn that off). Its hash is
# fixed for a release of the editor: should an upgrade change it, the desk's browser
# test (manchette/tests/test_security_headers.py) fails and gives the new one.
TIPTAP_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


def _import_map_hash() -> str:
    from django_prose_editor.widgets import importmap

    rendered = str(importmap.render())
    content = re.fullmatch(r"<script[^>]*>(.*)</script>", rendered, re.S)[1]
    digest = hashlib.sha256(content.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def content_security_policy() -> str:
    try:
        return _policy()
    except ValueError:
        # Static files not collected (a bare test server): no desk editor can load
        # anyway, and every other page must still be answered.
        return _policy(with_editor=False)


@functools.cache
def _policy(with_editor: bool = True) -> str:
    # Media in a bucket or behind a CDN (docs/deploy.md) are the one other origin.
    media = urlsplit(default_storage.url("csp"))
    media_hosts = f"{media.scheme}://{media.netloc}" if media.netloc else ""
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' {_import_map_hash()}" if with_editor else "'self'",
        "style-src": f"'self' {TIPTAP_STYLE}",
        "img-src": f"'self' data: {media_hosts}".strip(),
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        # The Mastodon share form sends the reader on to their own server.
        "form-action": "'self' https:",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    """First in the chain after Django's SecurityMiddleware, so that answers from the
    page cache and WhiteNoise's static files get the headers too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy())
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
