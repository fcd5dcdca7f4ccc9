"""Backups and site exports are read by one manifest reader: each command refuses the
other's directory, an unreadable manifest and a missing file with a French message."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_dirs(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"


def directory_with(path, manifest) -> str:
    path.mkdir()
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    (path / "manifest.json").write_text(text, encoding="utf-8")
    return str(path)


def test_restore_refuses_a_site_export(tmp_path):
    export = directory_with(tmp_path / "export", {"format": "manchette-export", "version": 1})
    with pytest.raises(CommandError, match="n’est pas une sauvegarde de Manchette"):
        call_command("restore", export)


def test_import_site_refuses_a_backup(tmp_path):
    backup = directory_with(tmp_path / "backup", {"format": "manchette-backup", "version": 1})
    with pytest.raises(CommandError, match="n’est pas un export Manchette"):
        call_command("import_site", backup)


def test_a_newer_format_is_named_in_the_refusal(tmp_path):
    backup = directory_with(tmp_path / "backup", {"format": "manchette-backup", "version": 2})
    with pytest.raises(CommandError, match="Cette sauvegarde est au format 2, que cette version"):
        call_command("restore", backup)
    export = directory_with(tmp_path / "export", {"format": "manchette-export", "version": 2})
    with pytest.raises(CommandError, match="Cet export est au format 2, que cette version"):
        call_command("import_site", export)


def test_an_unreadable_manifest_is_refused_by_both(tmp_path):
    backup = directory_with(tmp_path / "backup", '{"format": "manchette-backup", ')
    with pytest.raises(CommandError, match="illisible ou incomplet : la sauvegarde est abîmée"):
        call_command("restore", backup)
    export = directory_with(tmp_path / "export", "[1, 2")
    with pytest.raises(CommandError, match="illisible ou incomplet : l’export est abîmé"):
        call_command("import_site", export)


def test_a_backup_manifest_without_its_database_entry_is_refused(tmp_path):
    backup = directory_with(
        tmp_path / "backup", {"format": "manchette-backup", "version": 1, "engine": "sqlite"}
    )
    with pytest.raises(CommandError, match="illisible ou incomplet : la sauvegarde est abîmée"):
        call_command("restore", backup)


def test_an_export_missing_one_of_its_files_says_which(tmp_path):
    export = directory_with(tmp_path / "export", {"format": "manchette-export", "version": 1})
    for name in ("groups", "users", "images", "categories", "tags", "authors", "articles"):
        (tmp_path / "export" / f"{name}.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"Il manque les pages \(pages\.jsonl\) : l’export est incomplet"
    ):
        call_command("import_site", export)
