"""Queueing background tasks (django_tasks): later rather than now, and at most once in a
while from any process."""

from __future__ import annotations

import datetime
import logging
import threading
import time

from django.core.cache import cache
from django.utils import timezone
from django_tasks.base import Task

from manchette.cache_backends import is_failing

logger = logging.getLogger(__name__)

# While the shared cache is down, each process keeps its own locks: a task is then queued
# at most once per process in the window, rather than never (the moderators' digest of a
# comment held during an outage would never be sent) or on every call.
_local_locks: dict[str, float] = {}
_local_guard = threading.Lock()


def _take_lock(lock: str, within: int) -> bool:
    if not is_failing(cache):
        if cache.add(lock, True, timeout=within):
            return True
        if not is_failing(cache):  # add() found the lock held, rather than failing
            return False
    now = time.monotonic()
    with _local_guard:
        if _local_locks.get(lock, 0) > now:
            return False
        _local_locks[lock] = now + within
        return True


def enqueue_later(task_: Task, seconds: int, **arguments) -> None:
    """Queue a task (with these keyword arguments) to run `seconds` from now, or now when
    `seconds` is 0 or the backend cannot wait (the immediate backend of tests)."""
    if seconds > 0 and task_.get_backend().supports_defer:
        run_after = timezone.now() + datetime.timedelta(seconds=seconds)
        task_.using(run_after=run_after).enqueue(**arguments)
    else:
        task_.enqueue(**arguments)


def enqueue_once(lock: str, task_: Task, *, within: int, delay: int = 0, **arguments) -> bool:
    """Queue a task (with these keyword arguments) unless the shared cache says another
    process already queued it in the last `within` seconds (cache.add is atomic, on one
    machine or with Redis), to run `delay` seconds from now. Never raises; returns
    whether this call queued it."""
    try:
        if not _take_lock(lock, within):
            return False
    except Exception:
        logger.exception("Could not take the lock %r", lock)
        return False
    try:
        enqueue_later(task_, delay, **arguments)
        return True
    except Exception:
        logger.exception("Could not queue the task %s", task_.name)
        # Let the next caller try again rather than wait for the lock to expire.
        try:
            cache.delete(lock)
        except Exception:
            logger.exception("Could not release the lock %r", lock)
        return False
