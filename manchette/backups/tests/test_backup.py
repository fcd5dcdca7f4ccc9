"""backup writes a complete backup or nothing, and says where media it cannot copy live."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from manchette.backups import backup

from .installs import manage


def test_it_refuses_a_destination_that_is_not_empty(tmp_path):
    (tmp_path / "sauvegarde").mkdir()
    (tmp_path / "sauvegarde" / "notes.txt").write_text("à garder")

    with pytest.raises(CommandError, match="existe déjà et n’est pas un dossier vide"):
        call_command("backup", str(tmp_path / "sauvegarde"))

    assert [path.name for path in (tmp_path / "sauvegarde").iterdir()] == ["notes.txt"]


def test_an_interrupted_backup_leaves_nothing_that_looks_complete(tmp_path, monkeypatch):
    def write_then_fail(directory, engine):
        (directory / "database.sqlite3").write_bytes(b"SQLite format 3\x00")
        raise KeyboardInterrupt

    monkeypatch.setattr(backup, "_write_backup", write_then_fail)

    with pytest.raises(KeyboardInterrupt):
        call_command("backup", str(tmp_path / "backups" / "lundi"))

    assert list((tmp_path / "backups").iterdir()) == []


def test_it_says_media_in_a_bucket_are_not_copied(new_install, tmp_path):
    site = new_install("site", AWS_STORAGE_BUCKET_NAME="journal-medias")

    done = manage(site, "backup", str(tmp_path / "backup"))

    assert "dans le seau S3 « journal-medias », non copiés" in done.stdout
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["media"] == {"storage": "s3", "bucket": "journal-medias", "files": {}}
