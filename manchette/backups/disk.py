"""Files a backup writes and a restore puts back: copied with their hash, synced to disk,
and SQLite databases checked whole."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from manchette.manifests import CHUNK

from .format import BackupError


def copy_file(source: Path, target: Path) -> dict:
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


def files_under(root: Path) -> Iterator[Path]:
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                yield path


def check_integrity(database: sqlite3.Connection, what: str) -> None:
    (result,) = database.execute("PRAGMA integrity_check").fetchone()
    if result != "ok":
        raise BackupError(f"{what} est abîmée (PRAGMA integrity_check : {result}).")


def fsync(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def sync_directory(directory: Path) -> None:
    """Make the names in `directory` durable, so a rename survives a power cut."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
