"""SQLite's write lock held by another connection, and a short busy timeout, for the
tests of what a long write does to the rest of the site."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection


def shorten_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Waits of 50 ms rather than 5 s for the lock, on the connections opened from now on
    (CONN_MAX_AGE is 0 under tests: each request opens its own)."""
    options = connection.settings_dict["OPTIONS"]
    short = options["init_command"].replace("busy_timeout=5000", "busy_timeout=50")
    assert short != options["init_command"], "the busy timeout moved out of init_command"
    monkeypatch.setitem(options, "init_command", short)
    connection.close()


@contextmanager
def held_write_lock() -> Iterator[Callable[[], None]]:
    """SQLite's write lock, taken by a connection of its own (a long import, an upload)
    and released on leaving, or earlier by calling what this yields: meanwhile any other
    write waits the busy timeout, then fails with "database is locked"."""
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield other.rollback
    finally:
        if other.in_transaction:
            other.rollback()
        other.close()
