"""Backups of a running site (database, media, a manifest of their hashes) and their
restore into an install on the same database engine (docs/backup.md)."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from manchette.importers.site_export import summary
from manchette.pagecache import tags
from manchette.pagecache.changes import changed

FORMAT = "manchette-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# What the manifest counts: what a newsroom checks first after a restore.
COUNTED = {
    "articles": "articles.Article",
    "comments": "comments.Comment",
    "images": "images.Image",
}
# libpq settings that DATABASES["default"]["OPTIONS"] may hold: pg_dump and pg_restore
# must reach the server the way the site does (TLS above all).
LIBPQ_OPTIONS = frozenset(
    {
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "sslcrl",
        "connect_timeout",
        "options",
        "target_session_attrs",
        "service",
        "passfile",
    }
)
CHUNK = 1024 * 1024
# In VAR_DIR while a restore runs: the steps done so far, so that the next run can say
# what a killed restore left (docs/backup.md).
RESTORE_JOURNAL = "restore-en-cours.json"
RESTORE_STEPS = ("database", "media", "migrations")
# What _restore_media writes before renaming: ".NAME.partial-1a2b3c4d".
_PARTIAL_MEDIA = re.compile(r"\..+\.partial-[0-9a-f]{8}")


class BackupError(Exception):
    """A reason, in French, why a backup cannot be taken or restored."""


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


@dataclass
class RestoreReport:
    manifest: dict
    counts: dict[str, int]
    migrations_applied: int
    media_files: int
    warnings: list[str] = field(default_factory=list)


def current_engine() -> str:
    vendor = connections["default"].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Les sauvegardes ne savent pas traiter une base {vendor}.")
    return vendor


def media_bucket() -> str:
    """The S3 bucket holding the media, or "" when they are files under MEDIA_ROOT."""
    return getattr(settings, "AWS_STORAGE_BUCKET_NAME", "")


# --- Backup ------------------------------------------------------------------------------


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
        _sync(partial)
        # rename() replaces an empty directory in one step.
        os.rename(partial, destination)
        _sync(destination.parent)
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
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "engine": engine,
        "database": {"file": database_file.name, **_fingerprint(database_file)},
        "counts": counts,
        "migrations": migrations,
        "media": media,
    }
    # Last: a directory without a manifest is a backup that did not finish.
    with open(directory / MANIFEST, "w", encoding="utf-8") as file:
        json.dump(manifest, file, ensure_ascii=False, indent=2)
        file.write("\n")
        file.flush()
        os.fsync(file.fileno())
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
        _check_integrity(copy, "La copie de la base de données")
        # Counted in the copy itself: the manifest describes exactly what was saved.
        described = _describe(copy.cursor())
    _fsync(target)
    return described


def _dump_postgresql(target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    pg_dump = _client("pg_dump")
    conninfo, env = _libpq()
    connection = connections["default"]
    connection.ensure_connection()
    with transaction.atomic(using="default"), connection.cursor() as cursor:
        # pg_dump reads the snapshot this transaction exports, so the counts taken here
        # describe exactly the rows in the dump, however many the site writes meanwhile.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        _run(
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
    for path in _files_under(root):
        name = path.relative_to(root).as_posix()
        try:
            files[name] = _copy_file(path, target / name)
        except FileNotFoundError:
            # Deleted by the site since the listing (an old rendition): nothing to keep.
            continue
    return {"storage": "local", "files": files}


def _files_under(root: Path) -> Iterator[Path]:
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                yield path


# --- Restore -----------------------------------------------------------------------------


def verify(source: Path) -> dict:
    """The manifest of a complete backup whose every file matches its hash, or a
    BackupError saying what is wrong."""
    source = Path(source)
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(
            f"« {source} » n’a pas de {MANIFEST} : ce n’est pas une sauvegarde de "
            "Manchette, ou elle ne s’est pas terminée."
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest["format"] != FORMAT:
            raise BackupError(f"« {source} » n’est pas une sauvegarde de Manchette.")
        if manifest["version"] != VERSION:
            raise BackupError(
                f"Cette sauvegarde est au format {manifest['version']}, que cette version "
                f"de Manchette ne lit pas (format {VERSION})."
            )
        database = manifest["database"]
        if database["file"] != DATABASE_FILES[manifest["engine"]]:
            raise ValueError(database["file"])
        expected = [(source / database["file"], _hashes(database), "la base de données")]
        expected += [
            (source / MEDIA_DIR / _relative(name), _hashes(file), f"le média « {name} »")
            for name, file in manifest["media"]["files"].items()
        ]
        if not isinstance(manifest["counts"], dict) or not isinstance(manifest["migrations"], dict):
            raise TypeError("counts, migrations")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BackupError(
            f"{MANIFEST} est illisible ou incomplet : la sauvegarde est abîmée."
        ) from None
    for path, hashes, what in expected:
        _check_file(path, hashes, what)
    return manifest


def restore_backup(
    source: Path, *, force: bool = False, progress: Callable[[str], None] | None = None
) -> RestoreReport:
    """Restore the backup in `source` over the configured database and MEDIA_ROOT, then
    bring its schema up to date. Nothing is touched until the backup has been verified
    whole and the target found empty (or `force`). Each step done is written down in
    VAR_DIR, so that an interrupted restore can say where it stopped (restore_state)."""
    progress = progress or (lambda step: None)
    source = Path(source).absolute()
    try:
        progress("vérification de la sauvegarde")
        manifest = verify(source)
        _check_compatible(manifest)
        _check_target(force)
    except BackupError as error:
        raise BackupError(f"{error}\nRestauration refusée : rien n’a été modifié.") from None

    connections.close_all()
    _write_journal(source, [])
    progress("restauration de la base de données")
    database_file = source / manifest["database"]["file"]
    if manifest["engine"] == "sqlite":
        _restore_sqlite(database_file)
    else:
        _restore_postgresql(database_file)
    _write_journal(source, RESTORE_STEPS[:1])
    progress("restauration des médias")
    media_files, warnings = _restore_media(source / MEDIA_DIR, manifest["media"])
    _write_journal(source, RESTORE_STEPS[:2])
    progress("migrations")
    migrations_applied = _migrate()
    _write_journal(source, RESTORE_STEPS)

    # Every cached page, edge file and CDN copy shows the site as it was before. The
    # search index lives in the database and came back with it.
    changed({tags.SITE})
    _journal_path().unlink(missing_ok=True)
    counts = count_rows()
    if counts != manifest["counts"]:
        raise BackupError(
            f"La base restaurée compte {summary(counts)}, le manifeste annonçait "
            f"{summary(manifest['counts'])}."
        )
    return RestoreReport(manifest, counts, migrations_applied, media_files, warnings)


def restore_state() -> str:
    """In French, what the restore that last stopped before its end (its journal is still
    in VAR_DIR) left of the site; "" when none did."""
    try:
        journal = json.loads(_journal_path().read_text(encoding="utf-8"))
        source, done = journal["source"], list(journal["done"])
    except FileNotFoundError:
        return ""
    except (ValueError, KeyError, TypeError):
        source, done = "?", []
    if "database" not in done:
        # SQLite's backup API and pg_restore --single-transaction write it in one
        # transaction: whole or not at all.
        state = (
            "la base de données est soit intacte, soit entièrement remise à l’état de la "
            "sauvegarde (jamais à moitié) ; les médias n’ont pas été touchés"
        )
    elif "media" not in done:
        state = (
            "la base de données est celle de la sauvegarde, mais les médias n’ont été remis "
            "qu’en partie et les migrations n’ont pas été appliquées"
        )
    elif "migrations" not in done:
        state = (
            "la base de données et les médias sont ceux de la sauvegarde, mais les "
            "migrations n’ont peut-être pas toutes été appliquées"
        )
    else:
        state = (
            "la base de données et les médias sont ceux de la sauvegarde, mais les pages "
            "en cache montrent peut-être encore l’ancien site"
        )
    return (
        f"La restauration de « {source} » s’est arrêtée avant la fin : {state}. Relancez "
        "la même restauration (avec --force, la base contenant peut-être déjà ses "
        "articles) pour la terminer."
    )


def remove_partial_media() -> int:
    """Delete the half-copied media files a killed restore left in MEDIA_ROOT (never
    served: their names are hidden ones no page links to); how many."""
    if media_bucket():
        return 0
    removed = 0
    for path in _files_under(Path(settings.MEDIA_ROOT)):
        if _PARTIAL_MEDIA.fullmatch(path.name):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _journal_path() -> Path:
    return Path(settings.VAR_DIR) / RESTORE_JOURNAL


def _write_journal(source: Path, done: Iterable[str]) -> None:
    """Write the journal whole (a temporary file renamed), synced before the next step."""
    path = _journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump({"source": str(source), "done": list(done)}, file, ensure_ascii=False)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    _sync(path.parent)


def count_rows() -> dict[str, int]:
    return {name: apps.get_model(label)._base_manager.count() for name, label in COUNTED.items()}


def _check_compatible(manifest: dict) -> None:
    engine = current_engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"Cette sauvegarde vient d’une base {ENGINE_NAMES[manifest['engine']]} et le "
            f"site est configuré sur {ENGINE_NAMES[engine]} : pour changer de base, "
            "passez par export_site et import_site."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        if app in loader.migrated_apps
        for name in names
        if (app, name) not in loader.disk_migrations
    ]
    if unknown:
        raise BackupError(
            "Cette sauvegarde vient d’une version plus récente de Manchette (migrations "
            f"inconnues ici : {', '.join(unknown[:5])}) : mettez le code à jour d’abord."
        )


def _check_target(force: bool) -> None:
    article = apps.get_model(COUNTED["articles"])
    connection = connections["default"]
    if article._meta.db_table not in connection.introspection.table_names():
        return
    held = article._base_manager.count()
    if held and not force:
        raise BackupError(
            f"La base de données configurée contient déjà {summary({'articles': held})} : "
            "relancez avec --force pour la remplacer par la sauvegarde."
        )


def _restore_sqlite(database_file: Path) -> None:
    target = Path(connections["default"].settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(database_file.as_uri() + "?mode=ro", uri=True)) as backup,
        closing(sqlite3.connect(target, timeout=30)) as database,
    ):
        # Through SQLite itself rather than a file copy: a target in WAL mode, even one a
        # forgotten server still reads, gets the pages through its own journal.
        backup.backup(database)
        _check_integrity(database, "La base restaurée")


def _restore_postgresql(database_file: Path) -> None:
    pg_restore = _client("pg_restore")
    conninfo, env = _libpq()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            # The roles of the machine that took the backup need not exist here.
            "--no-owner",
            "--no-acl",
            # A restore that fails half-way leaves the database as it was.
            "--single-transaction",
            "--no-password",
            f"--dbname={conninfo}",
            str(database_file),
        ],
        env,
    )


def _restore_media(directory: Path, media: dict) -> tuple[int, list[str]]:
    files = media["files"]
    if media["storage"] == "s3":
        return 0, [f"Les médias sont restés dans le seau S3 « {media['bucket']} »."]
    if bucket := media_bucket():
        return 0, [
            f"Les {len(files)} fichiers médias de la sauvegarde n’ont pas été copiés : ce "
            f"site lit ses médias dans le seau S3 « {bucket} ». Copiez-y le dossier "
            f"{directory} (docs/backup.md)."
        ]
    root = Path(settings.MEDIA_ROOT)
    for name in files:
        target = root / _relative(name)
        partial = target.with_name(f".{target.name}.partial-{secrets.token_hex(4)}")
        try:
            _copy_file(directory / name, partial)
            # A reader of the site sees the old file or the new one, never half of it.
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return len(files), []


def _migrate() -> int:
    """Bring a backup from an older release up to date; how many migrations that took."""
    recorder = MigrationRecorder(connections["default"])
    before = len(recorder.applied_migrations())
    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    return len(recorder.applied_migrations()) - before


# --- Files and clients -------------------------------------------------------------------


def _copy_file(source: Path, target: Path) -> dict:
    """Copy, hashing on the way, and fsync: the copy is on disk when this returns."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as reader, open(target, "xb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    shutil.copystat(source, target)
    return {"bytes": size, "sha256": digest.hexdigest()}


def _fingerprint(path: Path) -> dict:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"bytes": size, "sha256": digest.hexdigest()}


def _hashes(entry: dict) -> dict:
    return {"bytes": int(entry["bytes"]), "sha256": str(entry["sha256"])}


def _check_file(path: Path, expected: dict, what: str) -> None:
    if not path.is_file():
        raise BackupError(f"Il manque {what} ({path.name}) : la sauvegarde est incomplète.")
    if _fingerprint(path) != expected:
        raise BackupError(
            f"{what[0].upper()}{what[1:]} ({path.name}) ne correspond plus à son "
            "empreinte SHA-256 : la sauvegarde est abîmée."
        )


def _relative(name: str) -> PurePosixPath:
    """A media name from a manifest, refused if it would write outside MEDIA_ROOT."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Le manifeste nomme un média hors du dossier des médias : {name}")
    return path


def _check_integrity(database: sqlite3.Connection, what: str) -> None:
    (result,) = database.execute("PRAGMA integrity_check").fetchone()
    if result != "ok":
        raise BackupError(f"{what} est abîmée (PRAGMA integrity_check : {result}).")


def _fsync(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def _sync(directory: Path) -> None:
    """Make the names in `directory` durable, so a rename survives a power cut."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _client(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} est introuvable : installez le client PostgreSQL (paquet "
            "postgresql-client) de la version du serveur ou plus récent."
        )
    return path


def _libpq() -> tuple[str, dict[str, str]]:
    """The connection string of the site's database for pg_dump and pg_restore, and
    their environment: the password goes through PGPASSWORD, never the command line,
    where every user of the machine could read it."""
    from psycopg.conninfo import make_conninfo

    database = connections["default"].settings_dict
    params = {
        "dbname": database["NAME"],
        "host": database["HOST"],
        "port": str(database["PORT"] or ""),
        "user": database["USER"],
        **{
            key: str(value)
            for key, value in database.get("OPTIONS", {}).items()
            if key in LIBPQ_OPTIONS
        },
    }
    env = dict(os.environ)
    if database["PASSWORD"]:
        env["PGPASSWORD"] = database["PASSWORD"]
    return make_conninfo("", **{key: value for key, value in params.items() if value}), env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} a échoué (code {done.returncode}) :\n"
            + done.stderr.strip()[-2000:]
        )


# --- Reports -----------------------------------------------------------------------------


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " Mo"


def taken_at(manifest: dict) -> str:
    when = timezone.localtime(datetime.datetime.fromisoformat(manifest["created_at"]))
    return when.strftime("%d/%m/%Y à %H:%M")
