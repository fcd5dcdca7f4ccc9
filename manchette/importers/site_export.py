"""Full export of the site to a directory of JSON Lines files and media (docs/export-format.md)."""

from __future__ import annotations

import datetime
import decimal
import json
import os
import posixpath
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage, default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from manchette.manifests import LABELS, Format, write_manifest

MEDIA_DIR = "media"
BATCH = 500


class ExportError(Exception):
    """A reason, in French, why a site cannot be exported or restored."""


EXPORT = Format(
    name="manchette-export",
    version=1,
    error=ExportError,
    a="un export Manchette",
    this="Cet export",
    unfinished="il ne s’est pas terminé",
    incomplete="l’export est incomplet",
    damaged="l’export est abîmé",
)


@dataclass(frozen=True)
class Child:
    """Rows written inside their parent's line (an article's bylines, sources…)."""

    name: str  # related name on the parent, and the key in its line
    label: str  # "app.Model"
    parent_field: str  # the foreign key back to the parent, left out of the line

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


@dataclass(frozen=True)
class Kind:
    """One kind of row: one file, one model. Every concrete field is written except
    those `left_out`: what the import computes again as the model's save() would, and
    passwords."""

    name: str
    label: str
    left_out: tuple[str, ...] = ()
    children: tuple[Child, ...] = ()
    # Matched on this field instead of the primary key (groups exist after migrate).
    natural_key: str | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def file(self) -> str:
        return f"{self.name}.jsonl"


# In the order they are restored: each kind refers only to kinds above it (comments
# also to other comments, old links to any kind).
KINDS = (
    Kind("groups", "auth.Group", natural_key="name"),
    Kind("users", settings.AUTH_USER_MODEL, left_out=("password",)),
    Kind("images", "images.Image"),
    Kind("categories", "articles.Category"),
    Kind("tags", "articles.Tag"),
    Kind("authors", "articles.Author"),
    Kind(
        "articles",
        "articles.Article",
        left_out=("body_html", "comment_count"),
        children=(
            Child("bylines", "articles.Byline", "article"),
            Child("sources", "articles.Source", "article"),
            Child("corrections", "articles.Correction", "article"),
        ),
    ),
    Kind("pages", "articles.Page", left_out=("body_html",)),
    Kind("comments", "comments.Comment"),
    Kind("old_links", "importers.OldLink"),
)


@dataclass
class ExportReport:
    directory: Path
    counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    media_bytes: int = 0
    missing_media: list[str] = field(default_factory=list)


def export_site(directory: Path, *, progress: Callable[[str], None] | None = None) -> ExportReport:
    """Write the whole site into `directory` (new or empty), the manifest last, so a
    directory without one is an export that did not finish."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ExportError(
            f"« {directory} » existe déjà et n’est pas un dossier vide : "
            "choisissez un nouveau dossier pour l’export."
        )
    directory.mkdir(parents=True, exist_ok=True)
    report = ExportReport(directory=directory)
    with consistent_snapshot():
        exported_at = timezone.now()
        for kind in KINDS:
            if progress:
                progress(LABELS[kind.name][1])
            _write_kind(kind, directory, report)
        image_files = {
            name
            for name in apps.get_model("images.Image")
            .objects.order_by()
            .values_list("file", flat=True)
            .iterator(chunk_size=2000)
            if name
        }
    if progress:
        progress(LABELS["media"][1])
    _copy_media(directory / MEDIA_DIR, image_files, report)
    manifest = {
        "format": EXPORT.name,
        "version": EXPORT.version,
        "exported_at": exported_at.isoformat(),
        "site_name": settings.SITE_NAME,
        "time_zone": settings.TIME_ZONE,
        "files": {kind.name: kind.file for kind in KINDS},
        "counts": report.counts,
        "media": {
            "directory": MEDIA_DIR,
            "files": report.media_files,
            "bytes": report.media_bytes,
            "missing": report.missing_media,
        },
    }
    write_manifest(directory, manifest)
    return report


@contextmanager
def consistent_snapshot() -> Iterator[None]:
    """Read every table as of one moment, so a comment posted mid-export cannot point
    to an article the export has already passed, without stopping the site's writers."""
    if connection.in_atomic_block:  # the caller's transaction is the snapshot
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # atomic() would BEGIN IMMEDIATE (settings.py) and hold the write lock for the
        # whole export; a deferred read transaction in WAL mode is a snapshot instead.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        with transaction.atomic():
            yield


def _write_kind(kind: Kind, directory: Path, report: ExportReport) -> None:
    model = kind.model
    many = many_to_many(model)
    rows = model._default_manager.order_by("pk").prefetch_related(
        *[m2m.name for m2m in many], *[child.name for child in kind.children]
    )
    report.counts[kind.name] = 0
    for child in kind.children:
        report.counts[child.name] = 0
    with open(directory / kind.file, "w", encoding="utf-8") as out:
        for obj in rows.iterator(chunk_size=BATCH):
            line = row_of(obj, skip=set(kind.left_out))
            for m2m in many:
                line[m2m.name] = [_reference(item) for item in getattr(obj, m2m.name).all()]
            for child in kind.children:
                items = getattr(obj, child.name).all()
                line[child.name] = [row_of(item, skip={child.parent_field}) for item in items]
                report.counts[child.name] += len(line[child.name])
            out.write(json.dumps(line, ensure_ascii=False, default=_json_default) + "\n")
            report.counts[kind.name] += 1


def row_of(obj: models.Model, *, skip: set[str]) -> dict:
    """Every concrete field of `obj` under its name: foreign keys as the primary key they
    hold, a content type as "app_label.model", files as their name in the storage."""
    line = {}
    for f in obj._meta.concrete_fields:
        if f.name in skip:
            continue
        if f.is_relation and f.related_model is ContentType:
            content_type_id = getattr(obj, f.attname)
            line[f.name] = _content_type_key(content_type_id) if content_type_id else None
        elif f.is_relation:
            line[f.name] = getattr(obj, f.attname)
        else:
            value = f.value_from_object(obj)
            line[f.name] = value if _is_plain(value) else f.value_to_string(obj)
    return line


def many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    # Through models of our own (Byline) travel as children; only plain links here.
    return [m2m for m2m in model._meta.many_to_many if m2m.remote_field.through._meta.auto_created]


def _reference(item: models.Model) -> int | str:
    """How a many-to-many link names its other end: groups by name, permissions as
    "app_label.codename" (their keys differ between databases), anything else by key."""
    if isinstance(item, Group):
        return item.name
    if isinstance(item, Permission):
        return permission_key(item)
    return item.pk


def permission_key(permission: Permission) -> str:
    app_label = ContentType.objects.get_for_id(permission.content_type_id).app_label
    return f"{app_label}.{permission.codename}"


def _content_type_key(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _is_plain(value: object) -> bool:
    return value is None or isinstance(
        value, (bool, int, float, decimal.Decimal, datetime.date, datetime.time)
    )


def _json_default(value: object) -> str:
    # Full precision: DjangoJSONEncoder would cut times to the millisecond.
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot be written to JSON")


def rendition_prefix() -> str:
    upload_to = apps.get_model("images.Rendition")._meta.get_field("file").upload_to
    return upload_to.rstrip("/") + "/"


def storage_files(storage: Storage = default_storage, directory: str = "") -> Iterator[str]:
    """Every file name in the storage, one folder at a time."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for folder in sorted(folders):
        yield from storage_files(storage, posixpath.join(directory, folder))


def _copy_media(target: Path, image_files: set[str], report: ExportReport) -> None:
    """Every file of the media storage but the renditions, which the import makes again."""
    skip = rendition_prefix()
    target.mkdir()
    for name in storage_files():
        if name.startswith(skip):
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out, length=1024 * 1024)
        report.media_files += 1
        report.media_bytes += os.path.getsize(destination)
        image_files.discard(name)
    report.missing_media = sorted(image_files)
    report.counts["media"] = report.media_files
