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

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from . import versions
from .pages import depends_on


@dataclass(frozen=True)
class Fragment:
    html: str
    tags: tuple[str, ...]
    start: int


Render = Callable[[], tuple[str, set[str]]]


def _key(name: str) -> str:
    return f"pc:f:{name}"


def fragments(
    request: HttpRequest, parts: dict[str, tuple[str | None, Render]]
) -> dict[str, SafeString]:
    """Each part's HTML, from the cache while the tags it was drawn from are unchanged.
    `parts` maps a slot to (name, render): the name must tell apart everything that
    makes the HTML differ (article, host, page...), None renders the part for this
    request only; `render()` returns the HTML and the tags it was drawn from. The page
    depends on those tags too, hit or miss. Every part is looked up at once, then every
    tag: two reads of the cache, however many parts."""
    cache = caches[versions.ALIAS]
    names = {
        slot: name
        for slot, (name, _) in parts.items()
        if name is not None and settings.FRAGMENT_CACHE
    }
    stored = cache.get_many([_key(name) for name in names.values()]) if names else {}
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
        if entry is not None and all(known[tag] < entry.start for tag in entry.tags):
            text, drawn_from = entry.html, set(entry.tags)
        else:
            if slot in names and start is None:
                # Read before rendering, as for whole pages: a change committed
                # meanwhile makes this copy stale at once.
                start = versions.now()
            text, drawn_from = render()
            if slot in names:
                entry = Fragment(str(text), tuple(sorted(drawn_from)), start)
                cache.set(_key(names[slot]), entry, timeout=settings.PAGE_CACHE_TTL)
        depends_on(request, drawn_from)
        html[slot] = mark_safe(text)
    return html
