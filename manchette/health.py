"""/sante/: whether this server can serve, for load balancers and monitoring.

The database answering a trivial query is what serving needs: without it the answer is
503 and a load balancer sends readers elsewhere. A cache that fails (cache_backends.py)
only makes the site slower, served from the database: "degraded", still 200. The answer
names no host, version or error, and is never cached."""

from __future__ import annotations

import logging
import os
import secrets

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from manchette.cache_backends import is_failing

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def cache_answers() -> bool:
    """A short-lived key written and read back: the resilient backends answer a failing
    store like an empty cache, so the value read back (and their breaker) tells."""
    cache = caches["default"]
    # While the breaker is open, write nothing: every key written then is remembered to be
    # deleted on recovery, and a probe every few seconds would crowd out the page
    # versions that list exists for. One key per process, left to expire.
    if is_failing(cache):
        return False
    key, value = f"health:{os.getpid()}", secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        answered = cache.get(key) == value
    except Exception:
        logger.warning("Health check: the cache does not answer", exc_info=True)
        return False
    return answered and not is_failing(cache)


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    database, cache = database_answers(), cache_answers()
    return JsonResponse(
        {
            "status": "down" if not database else "ok" if cache else "degraded",
            "database": "ok" if database else "down",
            "cache": "ok" if cache else "down",
        },
        status=200 if database else 503,
    )
