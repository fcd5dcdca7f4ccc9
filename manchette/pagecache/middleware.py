"""The full-page cache: anonymous readers get a stored copy of a public page while every
tag it depends on is unchanged (see versions.py); anyone holding a session goes to the
views. Placed right after WhiteNoise, so a hit costs no session, CSRF or auth work."""

from __future__ import annotations

import gzip
import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date

from manchette.cache_backends import is_failing

from . import versions
from .http import cache_control
from .schedule import next_publication

logger = logging.getLogger(__name__)

# Query parameters that never change a page: the key ignores them, so a campaign link
# does not make a new copy of the page.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "xtor")
# These show a reader something of their own: never served from, nor stored in, the cache.
PERSONAL_PARAMS = ("commentaire",)
# Headers rebuilt at each answer, or that must never be replayed to another reader.
NOT_STORED = {
    "set-cookie",
    "vary",
    "cache-control",
    "date",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "expires",
}
MIN_GZIP_SIZE = 512


def _cache():
    return caches[versions.ALIAS]


@dataclass
class Entry:
    body: bytes
    gzipped: bytes | None
    headers: list[tuple[str, str]]
    tags: tuple[str, ...]
    etag: str
    start: int
    built_at: float
    expires_at: float

    @classmethod
    def of(cls, response: HttpResponse, start: int, expires_at: float) -> Entry:
        body = response.content
        textual = response.get("Content-Type", "").startswith(("text/", "application/"))
        gzipped = (
            gzip.compress(body, compresslevel=6, mtime=0)
            if textual and len(body) >= MIN_GZIP_SIZE
            else None
        )
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        return cls(
            body=body,
            gzipped=gzipped,
            headers=headers,
            tags=tuple(sorted(response.page_tags)),
            # The one ConditionalGetMiddleware gave the page, weak: the plain and the
            # gzipped bodies are the same page.
            etag="W/" + _etag_of(response).removeprefix("W/"),
            start=start,
            built_at=time.time(),
            expires_at=expires_at,
        )

    def is_fresh(self) -> bool:
        return time.time() < self.expires_at and versions.fresh(self.tags, self.start)

    def respond(self, request: HttpRequest, state: str) -> HttpResponse:
        use_gzip = self.gzipped is not None and "gzip" in request.headers.get("Accept-Encoding", "")
        response = HttpResponse(self.gzipped if use_gzip else self.body)
        for name, value in self.headers:
            response[name] = value
        if use_gzip:
            response["Content-Encoding"] = "gzip"
        # The entry expires no later than the next scheduled article: nor may a CDN.
        response["Cache-Control"] = cache_control(self.expires_at - time.time())
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.built_at)
        response["X-Page-Cache"] = state
        patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
        conditional = get_conditional_response(
            request, etag=self.etag, last_modified=int(self.built_at), response=response
        )
        if conditional is not response:
            conditional["X-Page-Cache"] = state
        if request.method == "HEAD":
            conditional.content = b""
        return conditional


def _etag_of(response: HttpResponse) -> str:
    return response.get("ETag") or set_response_etag(response)["ETag"]


def cache_key(request: HttpRequest) -> str:
    query = sorted(
        (name, value) for name, value in request.GET.items() if not name.startswith(TRACKING_PARAMS)
    )
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    return "pc:page:" + hashlib.blake2b(address.encode(), digest_size=20).hexdigest()


def readable_from_cache(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not any(name in request.GET for name in PERSONAL_PARAMS)
    )


def storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and getattr(response, "page_tags", None) is not None
        and not response.cookies
        and not response.streaming
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE or not readable_from_cache(request):
            return self.get_response(request)
        key = cache_key(request)
        try:
            entry = versions.read_many([key]).get(key)
            if isinstance(entry, Entry) and entry.is_fresh():
                return entry.respond(request, "hit")
            # Read the clock before rendering: see versions.py.
            start = versions.now()
        except Exception:
            # A cache that cannot be reached (Redis restarting): serve from the database.
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        response = self.get_response(request)
        if not storable(response) or is_failing(_cache()):
            # A failing store (cache_backends.py) would drop the copy anyway.
            return response
        try:
            expires_at = min(time.time() + settings.PAGE_CACHE_TTL, next_publication().timestamp())
            entry = Entry.of(response, start, expires_at)
            _cache().set(key, entry, timeout=max(1, int(expires_at - time.time())))
        except Exception:
            logger.exception("Could not store %s in the page cache", request.path)
            return response
        return entry.respond(request, "miss")
