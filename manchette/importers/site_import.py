"""Restores a site written by site_export into an empty database and its media storage."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command, get_commands
from django.core.management.color import no_style
from django.db import connection, models, transaction
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from manchette import manifests
from manchette.control_chars import clean_text_fields
from manchette.manifests import LABELS, counted
from manchette.pagecache.changes import site_wide

from .site_export import (
    BATCH,
    EXPORT,
    KINDS,
    MEDIA_DIR,
    ExportError,
    Kind,
    many_to_many,
    permission_key,
)


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    renditions: int = 0
    search_index_rebuilt: bool = False
    warnings: list[str] = field(default_factory=list)


def read_manifest(directory: Path) -> dict:
    """The export's manifest, or an ExportError saying why `directory` is not one."""
    directory = Path(directory)
    return manifests.read_manifest(
        directory,
        EXPORT,
        lambda manifest: [
            manifests.Listed(directory / kind.file, f"les {LABELS[kind.name][1]}") for kind in KINDS
        ],
    )


def content_in_database() -> dict[str, int]:
    """What the database already holds, kind by kind (the groups every site has apart)."""
    found = {}
    for kind in KINDS:
        if kind.natural_key is None and (count := kind.model._default_manager.count()):
            found[kind.name] = count
    return found


@site_wide()
def import_site(directory: Path, *, progress: Callable[[str], None] | None = None) -> ImportReport:
    """Restore the export in `directory`: the same rows under the same keys (so every
    address and preview link stays valid), the media files, then what is made from
    them (renditions, comment counts, the search index)."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if present := content_in_database():
        listed = ", ".join(counted(count, name) for name, count in present.items())
        raise ExportError(
            f"La base de données n’est pas vide ({listed}). import_site ne restaure que "
            "dans une base neuve : créez-en une (manage.py migrate sur une base vide) "
            "puis relancez."
        )
    report = ImportReport()
    if manifest.get("time_zone") not in (None, settings.TIME_ZONE):
        report.warnings.append(
            f"l’export vient d’un site à l’heure de {manifest['time_zone']}, celui-ci est à "
            f"l’heure de {settings.TIME_ZONE} : les adresses des articles restaurés sont "
            "gardées telles quelles."
        )
    copied: list[str] = []
    try:
        if progress:
            progress(LABELS["media"][1])
        _restore_media(directory / MEDIA_DIR, manifest, copied, report)
        with transaction.atomic():
            resolver = _Resolver()
            for kind in KINDS:
                if progress:
                    progress(LABELS[kind.name][1])
                _restore_kind(kind, directory, manifest, resolver, report)
            _reset_sequences()
            _refresh_comment_counts()
    except BaseException:
        for name in copied:  # the rows are rolled back: so are their files
            default_storage.delete(name)
        raise
    from manchette.articles.navigation import forget_navigation

    forget_navigation()
    if progress:
        progress("déclinaisons d’images")
    _make_renditions(report)
    if progress:
        progress("index de recherche")
    report.search_index_rebuilt = _rebuild_search_index(report)
    return report


def _restore_media(source: Path, manifest: dict, copied: list[str], report: ImportReport) -> None:
    """Copy the export's media files into the storage under the same names, replacing
    what an earlier attempt may have left."""
    for folder, _subfolders, files in os.walk(source):
        for filename in sorted(files):
            path = Path(folder) / filename
            name = path.relative_to(source).as_posix()
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(path, "rb") as handle:
                saved = default_storage.save(name, File(handle, name=filename))
            copied.append(saved)
            if saved != name:
                raise ExportError(f"Le fichier média « {name} » n’a pas pu garder son nom.")
            report.media_files += 1
    report.counts["media"] = report.media_files
    expected = manifest.get("media", {}).get("files")
    if report.media_files != expected:
        raise ExportError(
            f"Le dossier {MEDIA_DIR}/ contient {counted(report.media_files, 'media')}, le "
            f"manifeste en annonce {expected} : l’export est incomplet ou a été modifié."
        )


def _restore_kind(
    kind: Kind, directory: Path, manifest: dict, resolver: _Resolver, report: ImportReport
) -> None:
    report.counts[kind.name] = 0
    for child in kind.children:
        report.counts[child.name] = 0
    batch: list[tuple[int, dict]] = []
    with open(directory / kind.file, encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except ValueError as error:
                raise ExportError(
                    f"{kind.file}, ligne {number} : JSON illisible ({error})."
                ) from None
            if not isinstance(line, dict):
                raise ExportError(f"{kind.file}, ligne {number} : un objet JSON est attendu.")
            batch.append((number, line))
            if len(batch) == BATCH:
                _restore_batch(kind, batch, resolver, report)
                batch = []
    if batch:
        _restore_batch(kind, batch, resolver, report)
    for name in (kind.name, *(child.name for child in kind.children)):
        count, expected = report.counts[name], manifest.get("counts", {}).get(name)
        if count != expected:
            raise ExportError(
                f"{kind.file} contient {counted(count, name)}, le manifeste en annonce "
                f"{expected} : l’export est incomplet ou a été modifié."
            )


def _restore_batch(
    kind: Kind, batch: list[tuple[int, dict]], resolver: _Resolver, report: ImportReport
) -> None:
    model = kind.model
    many = many_to_many(model)
    objs: list[models.Model] = []
    links: list[tuple[models.Model, dict[str, list]]] = []
    kids: list[tuple[models.Model, dict[str, list]]] = []
    for number, line in batch:
        where = f"{kind.file}, ligne {number}"
        values = dict(line)
        m2m_values = {m2m.name: values.pop(m2m.name, []) for m2m in many}
        child_values = {child.name: values.pop(child.name, []) for child in kind.children}
        obj = build(model, values, resolver, where=where)
        PREPARE.get(kind.name, _nothing)(obj)
        objs.append(obj)
        links.append((obj, m2m_values))
        kids.append((obj, child_values))
    if kind.natural_key:
        for obj in objs:  # groups: the roles exist since migrate, others are added
            key = {kind.natural_key: getattr(obj, kind.natural_key)}
            obj.pk = model._default_manager.get_or_create(**key)[0].pk
    else:
        insert(model, objs)
    report.counts[kind.name] += len(objs)

    for child in kind.children:
        parent_attname = child.model._meta.get_field(child.parent_field).attname
        rows = []
        for parent, child_values in kids:
            for index, values in enumerate(child_values[child.name]):
                where = f"{kind.file}, {child.name} n° {index + 1}"
                row = build(child.model, values, resolver, where=where)
                setattr(row, parent_attname, parent.pk)
                rows.append(row)
        insert(child.model, rows)
        report.counts[child.name] += len(rows)

    for m2m in many:
        through = m2m.remote_field.through
        own, other = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
        rows = []
        for obj, m2m_values in links:
            for reference in m2m_values[m2m.name]:
                target = resolver.target(m2m.related_model, reference)
                if target is None:
                    report.warnings.append(
                        f"{kind.file} : « {reference} » n’existe pas ici, lien ignoré."
                    )
                    continue
                rows.append(through(**{own: obj.pk, other: target}))
        # Groups met again keep the permissions they already had.
        through._default_manager.bulk_create(
            rows, batch_size=BATCH, ignore_conflicts=bool(kind.natural_key)
        )


def build(
    model: type[models.Model], values: dict, resolver: _Resolver, *, where: str
) -> models.Model:
    """An unsaved instance from an exported line; a field this model lacks is refused."""
    obj = model()
    for name, value in values.items():
        try:
            f = model._meta.get_field(name)
        except FieldDoesNotExist:
            f = None
        if f is None or not f.concrete or f.many_to_many:
            raise ExportError(f"{where} : champ « {name} » inconnu de {model._meta.label}.")
        try:
            if f.is_relation and f.related_model is ContentType:
                value = resolver.content_type(value) if value else None
            elif not f.is_relation:
                value = f.to_python(value)
        except (ValidationError, ContentType.DoesNotExist, ValueError) as error:
            raise ExportError(f"{where} : valeur de « {name} » illisible ({error}).") from None
        setattr(obj, f.attname, value)
    return obj


def insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """bulk_create without losing the exported dates: auto_now and auto_now_add fields
    are stamped with the current time on insert, so their values are put back after.
    No save() and no signals: renditions, counts and the index are made at the end."""
    if not objs:
        return
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    kept = [[getattr(obj, name) for name in stamped] for obj in objs]
    for obj in objs:  # what the pre_save receiver does for a save()
        clean_text_fields(obj)
    model._default_manager.bulk_create(objs, batch_size=BATCH)
    if stamped:
        for obj, values in zip(objs, kept, strict=True):
            for name, value in zip(stamped, values, strict=True):
                if value is not None:
                    setattr(obj, name, value)
        model._default_manager.bulk_update(objs, stamped, batch_size=BATCH)


class _Resolver:
    """Turns the export's names for shared rows (content types, groups, permissions)
    into this database's keys, each table read once."""

    def __init__(self) -> None:
        self._permissions: dict[str, int] | None = None
        self._groups: dict[str, int] = {}

    def content_type(self, key: str) -> int:
        app_label, model = key.split(".", 1)
        return ContentType.objects.get_by_natural_key(app_label, model).pk

    def target(self, related_model: type[models.Model], reference: int | str) -> int | None:
        if related_model is Permission:
            if self._permissions is None:
                self._permissions = {permission_key(p): p.pk for p in Permission.objects.all()}
            return self._permissions.get(str(reference))
        if related_model is Group:
            if reference not in self._groups:
                group = Group.objects.filter(name=reference).first()
                if group is None:
                    return None
                self._groups[reference] = group.pk
            return self._groups[reference]
        return int(reference)


def _render_body(obj: models.Model) -> None:
    # What Article.save() and Page.save() do: imported or typed, every body is sanitized.
    from manchette.lib.sanitize import sanitize_html
    from manchette.lib.typography import french_typography

    obj.body = sanitize_html(obj.body)
    obj.body_html = french_typography(obj.body)


def _no_password(user: models.Model) -> None:
    user.set_unusable_password()


def _nothing(obj: models.Model) -> None:
    pass


PREPARE: dict[str, Callable[[models.Model], None]] = {
    "users": _no_password,
    "articles": _render_body,
    "pages": _render_body,
}


def _reset_sequences() -> None:
    """Rows came with their keys: the next one made here must not take one of theirs
    (PostgreSQL; SQLite follows the largest key by itself)."""
    restored = [kind.model for kind in KINDS] + [
        child.model for kind in KINDS for child in kind.children
    ]
    statements = connection.ops.sequence_reset_sql(no_style(), restored)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _refresh_comment_counts() -> None:
    from manchette.articles.models import Article
    from manchette.comments.moderation import refresh_counts

    ids = Article.objects.order_by("pk").values_list("pk", flat=True)
    batch: list[int] = []
    for pk in ids.iterator(chunk_size=BATCH):
        batch.append(pk)
        if len(batch) == BATCH:
            refresh_counts(batch)
            batch = []
    refresh_counts(batch)


# What the images app's own signal tolerates: the image stays, shown without renditions.
RENDITION_ERRORS = (OSError, UnidentifiedImageError, PILImage.DecompressionBombError, ValueError)


def _make_renditions(report: ImportReport) -> None:
    from manchette.images.renditions import generate_renditions

    Image = apps.get_model("images.Image")
    for image in Image.objects.order_by("pk").iterator(chunk_size=100):
        try:
            report.renditions += generate_renditions(image)
        except RENDITION_ERRORS as error:
            report.warnings.append(
                f"image {image.pk} ({image.file.name}) : déclinaisons impossibles ({error})."
            )


def _rebuild_search_index(report: ImportReport) -> bool:
    try:
        if "rebuild_search_index" in get_commands():
            call_command("rebuild_search_index", stdout=io.StringIO())
            return True
        try:
            from manchette.search.indexing import rebuild_index
        except ImportError:
            return False
        rebuild_index()
        return True
    except Exception as error:  # the site is restored by now: say so, not "failed"
        report.warnings.append(
            f"l’index de recherche n’a pas pu être reconstruit ({error}) : lancez "
            "manage.py rebuild_search_index."
        )
        return False
