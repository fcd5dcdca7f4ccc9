"""Stores of their own for the servers a test starts when the suite runs on PostgreSQL:
an empty database on the suite's PostgreSQL server, dropped afterwards, and a key
prefix in the tests' Redis database, emptied before and after."""

from __future__ import annotations

import contextlib
import os
import secrets
import urllib.parse
from collections.abc import Iterator

from django.db import connection


def postgres_url(name: str) -> str:
    """The address of database `name` on the suite's PostgreSQL server."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "postgres")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def admin_connection():
    import psycopg

    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=True,
    )


@contextlib.contextmanager
def throwaway_database(label: str) -> Iterator[str]:
    """An empty database named for the test and this run, and its address; dropped at
    the end even while servers are still connected to it."""
    name = f"manchette_{label}_{os.getpid()}"
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_url(name)
    finally:
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def redis_key_prefix(redis_url: str, label: str) -> Iterator[str]:
    """A key prefix of this run's own in the tests' Redis database, emptied before and
    after: two runs at once (a developer's and CI's) never see each other's keys."""
    import redis

    prefix = f"{label}-{os.getpid()}-{secrets.token_hex(4)}"
    client = redis.Redis.from_url(redis_url)

    def empty() -> None:
        for key in client.scan_iter(match=f"{prefix}:*", count=500):
            client.delete(key)

    empty()
    try:
        yield prefix
    finally:
        empty()
        client.close()
