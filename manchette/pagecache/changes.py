"""What follows a change of content, once its transaction commits: its tags are bumped
(every cached page showing it is stale from then on), the static edge forgets the
files showing it, and the CDN purge hook is told. One flush per transaction, however
many rows it wrote."""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import edge, schedule, tags, versions

logger = logging.getLogger(__name__)


def changed(page_tags: Iterable[str], paths: Iterable[str] = ()) -> None:
    """`paths`: addresses that showed the change and that tags cannot find again (an
    article unpublished, moved or deleted)."""
    page_tags, paths = set(page_tags), set(paths)
    if suspended() or (not page_tags and not paths):
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        apply(page_tags, paths)
        return
    pending = getattr(connection, "_page_changes", None)
    if pending is not None and _flush_is_queued(connection):
        pending[0].update(page_tags)
        pending[1].update(paths)
        return
    connection._page_changes = (page_tags, paths)

    def flush() -> None:
        apply(*connection.__dict__.pop("_page_changes", (set(), set())))

    connection._page_flush = flush
    transaction.on_commit(flush, robust=True)


def articles_changed(article_ids: Iterable[int]) -> None:
    """For writes that skip model signals (counts, bulk moderation)."""
    if not suspended():
        changed(tags.of_articles(article_ids))


def _flush_is_queued(connection) -> bool:
    # A rolled back transaction drops its on-commit callbacks: start a new batch then.
    flush = getattr(connection, "_page_flush", None)
    return any(callback is flush for _, callback, _ in connection.run_on_commit)


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
        _later(bump_again, lag, page_tags=sorted(page_tags))
    if settings.PAGE_CACHE_PURGE_HOOK:
        _later(purge, lag, page_tags=sorted(page_tags), paths=sorted(paths))


def replica_lag() -> int:
    return settings.DATABASE_REPLICA_MAX_LAG if "replica" in settings.DATABASES else 0


def _later(task_, seconds: int, **kwargs) -> None:
    if seconds and task_.get_backend().supports_defer:
        run_after = timezone.now() + datetime.timedelta(seconds=seconds)
        task_.using(run_after=run_after).enqueue(**kwargs)
    else:
        task_.enqueue(**kwargs)


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
