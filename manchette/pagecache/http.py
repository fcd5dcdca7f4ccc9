"""HTTP caching headers of public pages, the same whether the page cache is on or off:
browsers revalidate (ETag, Last-Modified, 304), shared caches keep the page for
`s-maxage` and may serve it stale while they fetch a fresh one."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .schedule import seconds_until_next_publication

TAGS_HEADER = "Cache-Tag"


def cache_control(seconds_left: float) -> str:
    """`seconds_left`: how long the page may still be shown as it is. A CDN must not
    hold a listing past the moment a scheduled article joins it."""
    shared_max_age = max(0, min(settings.PAGE_CACHE_SHARED_MAX_AGE, int(seconds_left)))
    return (
        f"public, max-age=0, s-maxage={shared_max_age}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}"
    )


def mark_public(response: HttpResponse, page_tags: set[str]) -> None:
    response["Cache-Control"] = cache_control(seconds_until_next_publication())
    # Readers holding a session (editors) get other pages than everyone else.
    patch_vary_headers(response, ["Cookie"])
    # For CDNs that purge by tag (Cache-Tag, Surrogate-Key): see docs/deploy.md.
    response[TAGS_HEADER] = ",".join(sorted(page_tags))
