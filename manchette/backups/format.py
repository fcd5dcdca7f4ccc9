"""What a backup is on disk (docs/backup.md): its files, its manifest's format, the
database engines it knows, and the error both the backup and the restore raise."""

from __future__ import annotations

from django.conf import settings
from django.db import connections

from manchette.manifests import Format

MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# What the manifest counts: what a newsroom checks first after a restore.
COUNTED = {
    "articles": "articles.Article",
    "comments": "comments.Comment",
    "images": "images.Image",
}


class BackupError(Exception):
    """A reason, in French, why a backup cannot be taken or restored."""


BACKUP = Format(
    name="manchette-backup",
    version=1,
    error=BackupError,
    a="une sauvegarde de Manchette",
    this="Cette sauvegarde",
    unfinished="elle ne s’est pas terminée",
    incomplete="la sauvegarde est incomplète",
    damaged="la sauvegarde est abîmée",
)


def current_engine() -> str:
    vendor = connections["default"].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Les sauvegardes ne savent pas traiter une base {vendor}.")
    return vendor


def media_bucket() -> str:
    """The S3 bucket holding the media, or "" when they are files under MEDIA_ROOT."""
    return getattr(settings, "AWS_STORAGE_BUCKET_NAME", "")
