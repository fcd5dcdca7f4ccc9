"""Cache backends that answer like an empty cache while their store fails (Redis
unreachable or hung, a full or read-only disk), so every page, feed, search and comment
is served from the database instead of failing.

One layer for every caller (page cache, fragments, schedule, rate limits, locks,
navigation): each operation that fails answers a miss (get → the default, add → False,
incr → `delta`, as on a key counted from zero) and opens a circuit breaker: for
RETRY_AFTER seconds that process does not even try the store, so a hung Redis costs one
socket timeout, not one per request, and the log says so once. The first call after that
delay tries again; a success closes the breaker.

A write lost meanwhile (a page version bumped, the navigation forgotten) would leave an
older value in the store once it answers again. Every key written while the store failed
is remembered (up to MAX_LOST_KEYS) and deleted on recovery, before anything else is
read: a deleted version counts as "changed now" (pagecache/versions.py), a deleted entry
is rebuilt.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# Seconds a process leaves a failing store alone before trying it again.
RETRY_AFTER = 30
MAX_LOST_KEYS = 10_000
clock = time.monotonic


class Breaker:
    """The state of one store in this process, shared by every thread's backend."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lock = threading.Lock()
        self.retry_at: float | None = None  # None: closed, the store is used
        self.lost: set[tuple[str, int | None]] = set()
        self.too_many_lost = False
        self.trips = 0

    def skips(self) -> bool:
        """Whether to leave the store alone now. Once the delay is over, one call (this
        one) tries the store again while the others keep skipping it."""
        if self.retry_at is None:
            return False
        with self.lock:
            now = clock()
            if self.retry_at is None or now >= self.retry_at:
                if self.retry_at is not None:
                    self.retry_at = now + RETRY_AFTER
                return False
            return True

    def trip(self, error: Exception) -> None:
        with self.lock:
            self.trips += 1
            first = self.retry_at is None
            self.retry_at = clock() + RETRY_AFTER
        if first:
            logger.warning(
                "Cache %s unreachable (%s: %s): pages are served from the database; "
                "trying it again every %d s",
                self.name,
                type(error).__name__,
                error,
                RETRY_AFTER,
            )
        else:
            logger.debug("Cache %s still unreachable: %s", self.name, error)

    def note_lost(self, keys: Iterable[str], version: int | None) -> None:
        with self.lock:
            for key in keys:
                if len(self.lost) >= MAX_LOST_KEYS:
                    self.too_many_lost = True
                    return
                self.lost.add((key, version))

    def replay(self, forget: Callable[[list[str], int | None], Any]) -> None:
        """Delete what was written while the store failed; raises if it still fails."""
        with self.lock:
            lost, too_many = set(self.lost), self.too_many_lost
        by_version: dict[int | None, list[str]] = {}
        for key, version in lost:
            by_version.setdefault(version, []).append(key)
        for version, keys in by_version.items():
            forget(keys, version)
        with self.lock:
            self.lost -= lost
            self.too_many_lost = False
        if too_many:
            logger.warning(
                "Cache %s: more than %d keys were written while it failed; values kept "
                "from before may be stale until they expire (purge_pages refreshes pages)",
                self.name,
                MAX_LOST_KEYS,
            )

    def close(self) -> None:
        if self.retry_at is None:
            return
        with self.lock:
            was_open, self.retry_at = self.retry_at is not None, None
        if was_open:
            logger.info("Cache %s reachable again", self.name)


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker(name: str) -> Breaker:
    with _breakers_lock:
        return _breakers.setdefault(name, Breaker(name))


def forget_breakers() -> None:
    """Start every store afresh (tests)."""
    with _breakers_lock:
        _breakers.clear()


def is_failing(cache: Any) -> bool:
    """Whether this store failed lately: what is written to it now is dropped, so a
    caller can spare itself the work of preparing it."""
    state = getattr(cache, "breaker", None)
    return state is not None and state.retry_at is not None


def public_name(location: str) -> str:
    """The store's address without any password, fit for a log."""
    parts = urllib.parse.urlsplit(location)
    if not parts.scheme or "@" not in parts.netloc:
        return location
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


class Resilient:
    """Mixed into a Django cache backend before it; `store_errors` are what its store
    raises when it cannot serve (the rest, a programming error, still raises)."""

    store_errors: tuple[type[Exception], ...] = ()
    breaker: Breaker

    def _guard(self, miss: Any, call: Callable[[], Any], written=(), version=None) -> Any:
        state = self.breaker
        if state.skips():
            state.note_lost(written, version)
            return miss
        # A backend may build an operation from others (FileBasedCache's get_many
        # calls get): one of those failing inside keeps the breaker open.
        trips = state.trips
        try:
            if state.retry_at is not None or state.lost:
                state.replay(self._forget)
            result = call()
        except self.store_errors as error:
            state.trip(error)
            state.note_lost(written, version)
            return miss
        if state.trips == trips:
            state.close()
        return result

    def _forget(self, keys: list[str], version: int | None) -> None:
        """Delete these keys in the store itself, around the guard."""
        for key in keys:
            super().delete(key, version)

    def get(self, key, default=None, version=None):
        return self._guard(default, lambda: super(Resilient, self).get(key, default, version))

    def get_many(self, keys, version=None):
        return self._guard({}, lambda: super(Resilient, self).get_many(keys, version))

    def has_key(self, key, version=None):
        return self._guard(False, lambda: super(Resilient, self).has_key(key, version))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # False, as if another process held the key: a lock taken with add() is then
        # not taken, and nobody waits on it.
        return self._guard(False, lambda: super(Resilient, self).add(key, value, timeout, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            None, lambda: super(Resilient, self).set(key, value, timeout, version), [key], version
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = list(data)
        return self._guard(
            keys, lambda: super(Resilient, self).set_many(data, timeout, version), keys, version
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            False, lambda: super(Resilient, self).touch(key, timeout, version), [key], version
        )

    def delete(self, key, version=None):
        return self._guard(
            False, lambda: super(Resilient, self).delete(key, version), [key], version
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._guard(
            None, lambda: super(Resilient, self).delete_many(keys, version), keys, version
        )

    def incr(self, key, delta=1, version=None):
        # As on a counter that starts from zero: a rate limit lets the hit through.
        return self._guard(
            delta, lambda: super(Resilient, self).incr(key, delta, version), [key], version
        )

    def clear(self):
        return self._guard(False, super().clear)


def _redis_errors() -> tuple[type[Exception], ...]:
    from redis import exceptions

    # ConnectionError covers a refused connection, a lost one, a Redis still loading
    # its data; OutOfMemoryError and ReadOnlyError a Redis that refuses writes.
    return (
        exceptions.ConnectionError,
        exceptions.TimeoutError,
        exceptions.OutOfMemoryError,
        exceptions.ReadOnlyError,
    )


class ResilientRedisCache(Resilient, RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self.store_errors = _redis_errors()
        self.breaker = breaker(public_name(server if isinstance(server, str) else server[0]))

    def _forget(self, keys: list[str], version: int | None) -> None:
        # One round trip (RedisCache.delete_many does not go through self.delete).
        RedisCache.delete_many(self, keys, version)


class ResilientFileBasedCache(Resilient, FileBasedCache):
    # A full disk (ENOSPC), a directory made read-only (EROFS, EACCES); a missing file
    # is a plain miss, which FileBasedCache handles itself.
    store_errors = (OSError,)

    def __init__(self, dir, params) -> None:
        super().__init__(dir, params)
        self.breaker = breaker(self._dir)
