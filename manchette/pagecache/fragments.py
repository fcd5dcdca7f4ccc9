"""Parts of a page that every reader sees alike (an article's text, its related
articles, its comment threads), rendered once and kept in the shared cache until one of
the tags they were drawn from changes: the same tags and clock as the full-page cache
(versions.py), so a fragment is never staler than a cached page would be.

The page itself is still built at each request: the view looks the article up, decides
who may see it and what the reader asked for (a reply form, a page of comments, a
preview), and assembles the fragments. A fragment's own queries run only when it is
rendered; each stored fragment remembers its tags, so a hit needs no query to know them.

FRAGMENT_CACHE=off renders everything at each request (tests do, unless they turn it on).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from manchette.cache_backends import is_failing

from . import versions
from .pages import depends_on
from .schedule import seconds_until_next_publication


@dataclass(frozen=True)
class Fragment:
    html: str
    tags: tuple[str, ...]  # what it was drawn from
    start: int  # the clock, read before rendering it
    until: float  # POSIX time after which it is not shown, whatever the tags

    def is_fresh(self, known: dict[str, int]) -> bool:
        return timezone.now().timestamp() < self.until and all(
            known[tag] < self.start for tag in self.tags
        )


Render = Callable[[], tuple[str, set[str]]]


def asked(request: HttpRequest) -> str:
    """A short name for every parameter of the address (a page number, filters: links
    such as the pagination's carry them all)."""
    return hashlib.sha256(repr(sorted(request.GET.lists())).encode()).hexdigest()[:32]


def answer(request: HttpRequest, name: str, render: Render, *, at_most: int | None = None):
    """One fragment that shows which articles are published, so depends on the time as
    well as on its tags: a scheduled article joins at its time with no change to
    announce it, so it is never kept past the next scheduled publication (nor
    `at_most` seconds)."""
    timeout = seconds_until_next_publication()
    if at_most is not None:
        timeout = min(timeout, at_most)
    return fragments(request, {name: (name, render)}, timeout=timeout)[name]


def _key(name: str) -> str:
    return f"pc:f:{name}"


def fragments(
    request: HttpRequest,
    parts: dict[Hashable, tuple[str | None, Render]],
    *,
    add_to_page: bool = True,
    timeout: int | None = None,
) -> dict[Hashable, SafeString]:
    """Each part's HTML, from the cache while the tags it was drawn from are unchanged.
    `parts` maps a slot to (name, render): the name must tell apart everything that
    makes the HTML differ (article, host, page...), None renders the part for this
    request only; `render()` returns the HTML and the tags it was drawn from. The page
    depends on those tags too, hit or miss, unless `add_to_page` is False (the page's
    own tags already cover them). `timeout`: at most that many seconds (for what also
    depends on the time), 0 to keep nothing. Every part is looked up at once, then every
    tag: two reads of the cache, however many parts."""
    cache = caches[versions.ALIAS]
    names = {
        slot: name
        for slot, (name, _) in parts.items()
        # A failing store keeps nothing: every part is rendered, as with the cache off.
        if name is not None and settings.FRAGMENT_CACHE and timeout != 0 and not is_failing(cache)
    }
    stored = versions.read_many([_key(name) for name in names.values()]) if names else {}
    entries = {
        slot: entry
        for slot, name in names.items()
        if isinstance(entry := stored.get(_key(name)), Fragment)
    }
    known = versions.current({tag for entry in entries.values() for tag in entry.tags})
    start = None
    html = {}
    for slot, (_name, render) in parts.items():
        entry = entries.get(slot)
        if entry is not None and entry.is_fresh(known):
            text, drawn_from = entry.html, set(entry.tags)
        else:
            if slot in names and start is None:
                # Read before rendering, as for whole pages: a change committed
                # meanwhile makes this copy stale at once.
                start = versions.now()
            text, drawn_from = render()
            if slot in names:
                kept_for = settings.PAGE_CACHE_TTL if timeout is None else timeout
                until = timezone.now().timestamp() + kept_for
                entry = Fragment(str(text), tuple(sorted(drawn_from)), start, until)
                cache.set(_key(names[slot]), entry, timeout=kept_for)
        if add_to_page:
            depends_on(request, drawn_from)
        html[slot] = mark_safe(text)
    return html
