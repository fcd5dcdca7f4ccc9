"""What follows a change of content, once its transaction commits: its tags are bumped
(every cached page showing it is stale from then on), the static edge forgets the
files showing it, and the CDN purge hook is told. One flush per transaction, however
many rows it wrote."""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from manchette.background import enqueue_later

from . import edge, schedule, tags, versions

logger = logging.getLogger(__name__)


def changed(page_tags: Iterable[str], paths: Iterable[str] = ()) -> None:
    """`paths`: addresses that showed the change and that tags cannot find again (an
    article unpublished, moved or deleted)."""
    page_tags, paths = set(page_tags), set(paths)
    if suspended() or (not page_tags and not paths):
        return
    if not transaction.get_connection().in_atomic_block:
        apply(page_tags, paths)
        return
    batch = getattr(_pending, "batch", None)
    if batch is not None and batch.queued():
        batch.page_tags |= page_tags
        batch.paths |= paths
        return
    batch = _pending.batch = _Batch(page_tags, paths)
    flush = functools.partial(_flush, batch)
    batch.queued = weakref.ref(flush)
    transaction.on_commit(flush, robust=True)


@dataclass
class _Batch:
    """The changes of one transaction, applied once it commits."""

    page_tags: set[str]
    paths: set[str]
    # The callback given to on_commit, while Django holds it: a rollback drops it with
    # the savepoint or transaction that queued it (and nothing else refers to it), so a
    # batch whose callback is gone starts afresh rather than wait for a commit that will
    # never run it.
    queued: Callable[[], object] = lambda: None


_pending = threading.local()


def _flush(batch: _Batch) -> None:
    if getattr(_pending, "batch", None) is not batch:
        return  # flushed already: a test ran the callbacks before the commit
    _pending.batch = None
    apply(batch.page_tags, batch.paths)


def articles_changed(article_ids: Iterable[int]) -> None:
    """For writes that skip model signals (counts, bulk moderation)."""
    if not suspended():
        changed(tags.of_articles(article_ids))


def apply(page_tags: set[str], paths: set[str] = frozenset()) -> None:
    try:
        versions.bump(page_tags)
        if page_tags & {tags.ALL, tags.SITE}:
            schedule.recompute()
    except Exception:
        # The content is saved; a cache that cannot be reached serves nothing either
        # (the middleware goes around it), so nothing stale is shown.
        logger.exception("Could not mark %d page tags as changed", len(page_tags))
    if settings.STATIC_EDGE_DIR:
        edge.forget(page_tags, paths)
    from .tasks import bump_again, purge

    lag = replica_lag()
    if lag:
        # A page rendered from a replica that has not caught up yet would be stored as
        # fresh: once the replica surely has the change, every such page is stale too.
        enqueue_later(bump_again, lag, page_tags=sorted(page_tags))
    if settings.PAGE_CACHE_PURGE_HOOK:
        enqueue_later(purge, lag, page_tags=sorted(page_tags), paths=sorted(paths))


def replica_lag() -> int:
    return settings.DATABASE_REPLICA_MAX_LAG if "replica" in settings.DATABASES else 0


_state = threading.local()


def suspended() -> bool:
    """Inside `site_wide()`: signal handlers skip their per-row work."""
    return getattr(_state, "site_wide", False)


@contextlib.contextmanager
def site_wide():
    """For imports and bulk loads: no per-row bookkeeping, one change of the whole site
    at the end (even when the block fails half-way: some rows may have landed)."""
    if suspended():
        yield
        return
    _state.site_wide = True
    try:
        yield
    finally:
        _state.site_wide = False
        changed({tags.SITE})
