"""Restoring a backup over the configured site: verified whole first, then the database,
the media and the migrations, each step written down so a killed restore can say where it
stopped (docs/backup.md)."""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from manchette.manifests import Listed, fingerprint_of, read_manifest, summary
from manchette.pagecache import tags
from manchette.pagecache.changes import changed

from . import postgres
from .disk import check_integrity, copy_file, files_under, sync_directory
from .format import (
    BACKUP,
    COUNTED,
    DATABASE_FILES,
    ENGINE_NAMES,
    MEDIA_DIR,
    BackupError,
    current_engine,
    media_bucket,
)

# In VAR_DIR while a restore runs: the steps done so far, so that the next run can say
# what a killed restore left (docs/backup.md).
RESTORE_JOURNAL = "restore-en-cours.json"
RESTORE_STEPS = ("database", "media", "migrations")
# What _restore_media writes before renaming: ".NAME.partial-1a2b3c4d".
_PARTIAL_MEDIA = re.compile(r"\..+\.partial-[0-9a-f]{8}")


@dataclass
class RestoreReport:
    manifest: dict
    counts: dict[str, int]
    migrations_applied: int
    media_files: int
    warnings: list[str] = field(default_factory=list)


def verify(source: Path) -> dict:
    """The manifest of a complete backup whose every file matches its hash, or a
    BackupError saying what is wrong."""
    source = Path(source)
    return read_manifest(source, BACKUP, lambda manifest: _listed(source, manifest))


def _listed(source: Path, manifest: dict) -> list[Listed]:
    """The database and media files a backup's manifest lists, with their fingerprints.
    A manifest naming another engine's file, or without counts, is unreadable."""
    database = manifest["database"]
    if database["file"] != DATABASE_FILES[manifest["engine"]]:
        raise ValueError(database["file"])
    if not isinstance(manifest["counts"], dict) or not isinstance(manifest["migrations"], dict):
        raise TypeError("counts, migrations")
    media = [
        Listed(source / MEDIA_DIR / _relative(name), f"le média « {name} »", fingerprint_of(file))
        for name, file in manifest["media"]["files"].items()
    ]
    database_file = source / database["file"]
    return [Listed(database_file, "la base de données", fingerprint_of(database)), *media]


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
    for path in files_under(Path(settings.MEDIA_ROOT)):
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
    sync_directory(path.parent)


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
        check_integrity(database, "La base restaurée")


def _restore_postgresql(database_file: Path) -> None:
    pg_restore = postgres.client("pg_restore")
    conninfo, env = postgres.libpq()
    postgres.run(
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
            copy_file(directory / name, partial)
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


def _relative(name: str) -> PurePosixPath:
    """A media name from a manifest, refused if it would write outside MEDIA_ROOT."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Le manifeste nomme un média hors du dossier des médias : {name}")
    return path


def taken_at(manifest: dict) -> str:
    when = timezone.localtime(datetime.datetime.fromisoformat(manifest["created_at"]))
    return when.strftime("%d/%m/%Y à %H:%M")
