"""Background work of the page cache: refilling the static edge, telling the CDN, and
announcing scheduled articles when their time comes."""

from __future__ import annotations

import itertools
import logging

from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks import task

from . import addresses, tags, versions

logger = logging.getLogger(__name__)

REFILL_BATCH = 200


@task()
def refill_edge() -> int:
    """Write up to REFILL_BATCH missing pages, then queue the rest: other tasks (e-mails)
    are not held up behind a whole site's rebuild."""
    from django.core.cache import cache

    from . import edge

    cache.delete(edge.REFILL_LOCK)
    if not settings.STATIC_EDGE_DIR:
        return 0
    batch = list(itertools.islice(edge.missing_paths(), REFILL_BATCH + 1))
    written = sum(edge.render(path) for path in batch[:REFILL_BATCH])
    if len(batch) > REFILL_BATCH:
        refill_edge.enqueue()
    return written


@task()
def purge(page_tags: list[str], paths: list[str]) -> None:
    """Call the CDN integration (PAGE_CACHE_PURGE_HOOK) with the absolute addresses to
    purge and the tags (Cache-Tag header) that changed; "site" means everything."""
    hook = import_string(settings.PAGE_CACHE_PURGE_HOOK)
    urls = addresses.absolute(dict.fromkeys([*addresses.for_tags(page_tags), *paths]))
    hook(urls=urls, tags=page_tags)


@task()
def bump_again(page_tags: list[str]) -> None:
    """The second stamp of a change, once the read replica has caught up (changes.py)."""
    versions.bump(page_tags)


@task()
def scheduled_article_due(article_id: int) -> None:
    """A scheduled article's time has come: the cached pages already expired on their
    own (see schedule.py); the static edge and the CDN learn it here."""
    from .changes import changed

    changed(tags.of_articles([article_id]))
