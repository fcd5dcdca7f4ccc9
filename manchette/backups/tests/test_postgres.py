"""The same round trip on PostgreSQL: pg_dump of a site, pg_restore into an empty
database, every article, comment and media file back."""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse

import pytest
from django.db import connection

from .installs import (
    HEADLINES,
    SAMPLE_CONTENT,
    SEARCH,
    make_install,
    manage,
    media_files,
    run_python,
)

pytestmark = pytest.mark.postgres


def server() -> dict:
    """The suite's PostgreSQL server when it runs on one, else the machine's."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return {
            "host": db["HOST"] or "127.0.0.1",
            "port": db["PORT"] or 5432,
            "user": db["USER"] or "postgres",
            "password": db["PASSWORD"] or None,
        }
    return {"host": "127.0.0.1", "port": 5432, "user": "postgres", "password": None}


def admin_connection():
    import psycopg

    return psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **server())


def url(name: str) -> str:
    params = server()
    user = urllib.parse.quote(params["user"])
    password = f":{urllib.parse.quote(params['password'])}" if params["password"] else ""
    return f"postgres://{user}{password}@{params['host']}:{params['port']}/{name}"


@pytest.fixture
def databases():
    """Two databases of this run's own on the server: the site's and the empty target."""
    import psycopg

    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    try:
        admin_connection().close()
    except psycopg.OperationalError as error:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but PostgreSQL does not answer: {error}")
        pytest.skip(f"PostgreSQL does not answer: {error}")
    names = [f"manchette_backups_helper_{role}_{os.getpid()}" for role in ("src", "dst")]
    with admin_connection() as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [url(name) for name in names]
    finally:
        with admin_connection() as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_postgresql_backup_restores_into_an_empty_database(databases, tmp_path):
    source_url, target_url = databases
    site = make_install(tmp_path / "site", DATABASE_URL=source_url)
    manage(site, "migrate", "--no-input")
    run_python(site, SAMPLE_CONTENT)

    backup = manage(site, "backup", str(tmp_path / "backup"))

    assert "base de données PostgreSQL" in backup.stdout
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == "postgresql"
    assert manifest["counts"] == {"articles": 3, "comments": 3, "images": 1}
    assert (tmp_path / "backup" / "database.pgdump").read_bytes()[:5] == b"PGDMP"

    fresh = make_install(tmp_path / "fresh", DATABASE_URL=target_url)
    restored = manage(fresh, "restore", str(tmp_path / "backup"))

    assert "3 articles, 3 commentaires, 1 image" in restored.stdout
    assert run_python(fresh, HEADLINES) == run_python(site, HEADLINES)
    assert media_files(fresh) == media_files(site)
    assert run_python(fresh, SEARCH).strip() == "3"
    # Restored over itself (a newsroom rolling back), with --force.
    refused = manage(fresh, "restore", str(tmp_path / "backup"), check=False)
    assert "--force" in refused.stderr
    manage(fresh, "restore", "--force", str(tmp_path / "backup"))
    assert run_python(fresh, HEADLINES) == run_python(site, HEADLINES)
