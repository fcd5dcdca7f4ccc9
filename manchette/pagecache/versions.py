"""When each tag last changed, on one clock shared by every process of the site.

A page rendered at clock value `start` is fresh while every tag it depends on last
changed before `start`. Reading the clock *before* rendering closes the classic race:
a change committed while a page renders bumps its tags to a later value than the
page's start, so the page is never taken for fresh, even if it is stored after the
bump.

The clock: Redis's atomic INCR when the cache is Redis (several machines, one clock);
otherwise the machine's own nanosecond clock, which every process of one machine shares.
A version that the cache lost counts as "changed now", never as "never changed".
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Iterable

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

ALIAS = "pages"
CLOCK_KEY = "pc:clock"
NEVER_EXPIRES = None


def _cache():
    return caches[ALIAS]


def _key(tag: str) -> str:
    return f"pc:v:{tag}"


# What unpickling an entry stored by an earlier release of the code may raise (a class
# renamed or changed): such an entry counts as missing, and is written anew.
UNREADABLE = (AttributeError, ImportError, pickle.UnpicklingError, EOFError, TypeError)


def read_many(keys: list[str]) -> dict:
    """Stored pages and fragments by key; an unreadable one is deleted and left out."""
    cache = _cache()
    try:
        return cache.get_many(keys)
    except UNREADABLE:
        found = {}
        for key in keys:
            try:
                value = cache.get(key)
            except UNREADABLE:
                cache.delete(key)
                continue
            if value is not None:
                found[key] = value
        return found


def now() -> int:
    cache = _cache()
    if not isinstance(cache, RedisCache):
        return time.time_ns()
    try:
        return cache.incr(CLOCK_KEY)
    except ValueError:
        # Lost or never set: start from the wall clock, above any value handed out
        # before, so no page stored earlier can pass for fresh.
        cache.add(CLOCK_KEY, time.time_ns(), timeout=NEVER_EXPIRES)
        return cache.incr(CLOCK_KEY)


def bump(tags: Iterable[str]) -> int:
    """Mark these tags as changed now; returns the new version."""
    version = now()
    _cache().set_many({_key(tag): version for tag in tags}, timeout=NEVER_EXPIRES)
    return version


def current(tags: Iterable[str]) -> dict[str, int]:
    """The version of each tag. A tag with no version (the cache lost it, or never saw
    it) is recorded as changed now (add, not set: a concurrent bump's later value wins),
    so whatever was rendered before counts as stale and the next rendering can be kept."""
    keys = {_key(tag): tag for tag in tags}
    if not keys:
        return {}
    known = _cache().get_many(list(keys))
    found = {keys[key]: version for key, version in known.items()}
    if len(known) < len(keys):
        version = now()
        for key, tag in keys.items():
            if key not in known:
                _cache().add(key, version, timeout=NEVER_EXPIRES)
                found[tag] = version
    return found


def fresh(tags: Iterable[str], start: int) -> bool:
    """Whether a page rendered at `start` still shows the current state of `tags`."""
    return all(version < start for version in current(tags).values())
