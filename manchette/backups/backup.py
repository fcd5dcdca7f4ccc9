"""Taking a backup of a running site: its database, its media and a manifest of their
hashes, written into a new directory (docs/backup.md)."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from manchette.manifests import fingerprint, write_manifest

from . import postgres
from .disk import check_integrity, copy_file, files_under, fsync, sync_directory
from .format import (
    BACKUP,
    COUNTED,
    DATABASE_FILES,
    MEDIA_DIR,
    BackupError,
    current_engine,
    media_bucket,
)


@dataclass
class BackupReport:
    directory: Path
    manifest: dict

    @property
    def database_bytes(self) -> int:
        return self.manifest["database"]["bytes"]

    @property
    def media_bytes(self) -> int:
        return sum(file["bytes"] for file in self.manifest["media"]["files"].values())

    @property
    def total_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.directory.rglob("*") if path.is_file())


def take_backup(destination: Path) -> BackupReport:
    """Write a backup into `destination` (new or empty). It is built under a temporary
    name beside it and renamed at the end: an interrupted backup never looks complete."""
    destination = Path(destination).absolute()
    engine = current_engine()
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(
            f"« {destination} » existe déjà et n’est pas un dossier vide : "
            "choisissez un nouveau dossier pour la sauvegarde."
        )
    media_root = Path(settings.MEDIA_ROOT).absolute()
    if not media_bucket() and destination.is_relative_to(media_root):
        raise BackupError("La sauvegarde ne peut pas être rangée dans le dossier des médias.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.parent / f".{destination.name}.partial-{secrets.token_hex(4)}"
    # Readers' e-mail and IP addresses are in it: for the site's own user only.
    partial.mkdir(mode=0o700)
    try:
        manifest = _write_backup(partial, engine)
        sync_directory(partial)
        # rename() replaces an empty directory in one step.
        os.rename(partial, destination)
        sync_directory(destination.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupReport(destination, manifest)


def _write_backup(directory: Path, engine: str) -> dict:
    database_file = directory / DATABASE_FILES[engine]
    copy_database = _copy_sqlite if engine == "sqlite" else _dump_postgresql
    counts, migrations = copy_database(database_file)
    # The media after the database: a file is stored before the row naming it commits,
    # so every file the copied rows name is on disk by now.
    media = _copy_media(directory / MEDIA_DIR)
    manifest = {
        "format": BACKUP.name,
        "version": BACKUP.version,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "engine": engine,
        "database": {"file": database_file.name, **fingerprint(database_file)},
        "counts": counts,
        "migrations": migrations,
        "media": media,
    }
    # Last: a directory without a manifest is a backup that did not finish.
    write_manifest(directory, manifest)
    return manifest


def _copy_sqlite(target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    source_path = Path(connections["default"].settings_dict["NAME"])
    if not source_path.is_file():
        raise BackupError(f"La base de données « {source_path} » est introuvable.")
    with (
        closing(sqlite3.connect(source_path, timeout=30)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        # All pages in one step, so inside one read transaction: a consistent snapshot,
        # while in WAL mode the site's writers go on. Copied in several steps, every
        # write by another process would restart the copy, which might never end.
        source.backup(copy)
        # One self-contained file, with no -wal beside it to forget.
        copy.execute("PRAGMA journal_mode=DELETE")
        check_integrity(copy, "La copie de la base de données")
        # Counted in the copy itself: the manifest describes exactly what was saved.
        described = _describe(copy.cursor())
    fsync(target)
    return described


def _dump_postgresql(target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    pg_dump = postgres.client("pg_dump")
    conninfo, env = postgres.libpq()
    connection = connections["default"]
    connection.ensure_connection()
    with transaction.atomic(using="default"), connection.cursor() as cursor:
        # pg_dump reads the snapshot this transaction exports, so the counts taken here
        # describe exactly the rows in the dump, however many the site writes meanwhile.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        postgres.run(
            [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot}",
                "--no-password",
                f"--file={target}",
                f"--dbname={conninfo}",
            ],
            env,
        )
        return _describe(cursor)


def _describe(cursor) -> tuple[dict[str, int], dict[str, list[str]]]:
    """The rows counted and the migrations applied, read through a DB-API cursor on
    either engine."""
    quote = connections["default"].ops.quote_name
    counts = {}
    for name, label in COUNTED.items():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(apps.get_model(label)._meta.db_table)}")
        counts[name] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return counts, migrations


def _copy_media(target: Path) -> dict:
    if bucket := media_bucket():
        # The bucket is the media's home, with its own versioning and replication: a
        # backup of the site does not download it (docs/backup.md).
        return {"storage": "s3", "bucket": bucket, "files": {}}
    root = Path(settings.MEDIA_ROOT)
    files = {}
    for path in files_under(root):
        name = path.relative_to(root).as_posix()
        try:
            files[name] = copy_file(path, target / name)
        except FileNotFoundError:
            # Deleted by the site since the listing (an old rendition): nothing to keep.
            continue
    return {"storage": "local", "files": files}


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " Mo"
