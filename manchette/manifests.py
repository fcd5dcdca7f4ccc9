"""The manifest.json that ends a backup or a site export: written last, read back with its
format and version checked and the files it lists found whole, and its counts in French
(docs/backup.md, docs/export-format.md)."""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
CHUNK = 1024 * 1024

# French names of what manifests count: (one, several).
LABELS = {
    "groups": ("groupe", "groupes"),
    "users": ("compte", "comptes"),
    "images": ("image", "images"),
    "categories": ("rubrique", "rubriques"),
    "tags": ("sujet", "sujets"),
    "authors": ("auteur", "auteurs"),
    "articles": ("article", "articles"),
    "bylines": ("signature", "signatures"),
    "sources": ("source", "sources"),
    "corrections": ("correction", "corrections"),
    "pages": ("page", "pages"),
    "comments": ("commentaire", "commentaires"),
    "old_links": ("ancienne adresse", "anciennes adresses"),
    "media": ("fichier média", "fichiers médias"),
}


def counted(count: int, kind: str) -> str:
    one, several = LABELS[kind]
    return f"{count} {one if count in (0, 1) else several}"


def summary(counts: dict[str, int]) -> str:
    """ "7 rubriques, 15 articles, …" wrapped for a terminal."""
    ordered = sorted(counts.items(), key=lambda item: item[0] == "media")
    text = ", ".join(counted(count, kind) for kind, count in ordered)
    return textwrap.fill(text, width=88)


@dataclass(frozen=True)
class Format:
    """One kind of directory a manifest ends, and the French words its messages use."""

    name: str  # the manifest's "format"
    version: int
    error: type[Exception]  # raised, with a French message, for anything wrong
    a: str  # "une sauvegarde de Manchette"
    this: str  # "Cette sauvegarde"
    unfinished: str  # "elle ne s’est pas terminée"
    incomplete: str  # "la sauvegarde est incomplète"
    damaged: str  # "la sauvegarde est abîmée"


@dataclass(frozen=True)
class Listed:
    """A file the manifest says the directory holds, and its size and SHA-256 when the
    manifest gives them."""

    path: Path
    what: str  # "la base de données", for the messages
    fingerprint: dict[str, Any] | None = None


def write_manifest(directory: Path, manifest: dict) -> None:
    """Write the manifest and sync it: last, since a directory without one is a backup or
    an export that did not finish."""
    with open(Path(directory) / MANIFEST, "w", encoding="utf-8") as file:
        json.dump(manifest, file, ensure_ascii=False, indent=2)
        file.write("\n")
        file.flush()
        os.fsync(file.fileno())


def read_manifest(
    directory: Path,
    kind: Format,
    listed: Callable[[dict], Iterable[Listed]] = lambda manifest: (),
) -> dict:
    """The manifest of a finished `kind` in `directory`, whose every file `listed` names is
    there (and matches its fingerprint when it has one), or `kind.error` saying what is
    wrong. `listed` may raise KeyError, TypeError or ValueError on a manifest without the
    fields it reads: the manifest is then unreadable."""
    directory = Path(directory)
    if not directory.is_dir():
        raise kind.error(f"« {directory} » n’est pas un dossier.")
    path = directory / MANIFEST
    if not path.is_file():
        raise kind.error(
            f"« {directory} » n’a pas de {MANIFEST} : ce n’est pas {kind.a}, ou {kind.unfinished}."
        )
    unreadable = kind.error(f"{MANIFEST} est illisible ou incomplet : {kind.damaged}.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise unreadable from None
    if not isinstance(manifest, dict) or manifest.get("format") != kind.name:
        raise kind.error(f"« {directory} » n’est pas {kind.a}.")
    if manifest.get("version") != kind.version:
        raise kind.error(
            f"{kind.this} est au format {manifest.get('version')!r}, que cette version de "
            f"Manchette ne lit pas (format {kind.version})."
        )
    try:
        files = list(listed(manifest))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise unreadable from None
    for file in files:
        if not file.path.is_file():
            raise kind.error(f"Il manque {file.what} ({file.path.name}) : {kind.incomplete}.")
        if file.fingerprint is not None and fingerprint(file.path) != file.fingerprint:
            raise kind.error(
                f"{file.what[0].upper()}{file.what[1:]} ({file.path.name}) ne correspond plus "
                f"à son empreinte SHA-256 : {kind.damaged}."
            )
    return manifest


def fingerprint(path: Path) -> dict[str, Any]:
    """The size and SHA-256 of a file, as a manifest records them."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"bytes": size, "sha256": digest.hexdigest()}


def fingerprint_of(entry: dict) -> dict[str, Any]:
    """A fingerprint as read from a manifest, in the form fingerprint() gives."""
    return {"bytes": int(entry["bytes"]), "sha256": str(entry["sha256"])}
