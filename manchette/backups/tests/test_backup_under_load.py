"""A backup taken while another process keeps writing restores, into a new install,
every article and comment committed before it began, in a database SQLite finds whole."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing

from manchette.articles.models import Article
from manchette.comments.models import Comment
from manchette.images.models import Image

from .installs import ROOT, manage

READY_AFTER = 25


def committed(log) -> list[tuple[int, int, int]]:
    """The writer's commits so far; a line being written (no newline yet) is not one."""
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    return [tuple(int(part) for part in line.split()) for line in lines if line.endswith("\n")]


def test_a_backup_under_write_load_restores_everything_committed_before_it(new_install, tmp_path):
    site = new_install("site")
    log, stop, errors = tmp_path / "writer.log", tmp_path / "stop", tmp_path / "writer.err"
    with (
        open(errors, "w") as stderr,
        subprocess.Popen(
            [sys.executable, "-m", "manchette.backups.tests.writer", log, stop, str(READY_AFTER)],
            cwd=ROOT,
            env=site.env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as writer,
    ):
        try:
            assert writer.stdout.readline() == "ready\n", errors.read_text()
            before = committed(log)
            backup = manage(site, "backup", str(tmp_path / "backup"))
            during = committed(log)[len(before) :]
        finally:
            stop.touch()
            writer.wait(timeout=120)
    assert writer.returncode == 0, errors.read_text()
    assert len(before) >= READY_AFTER
    # The load was real: the writer went on committing while the backup ran.
    assert during

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert "Sauvegarde terminée" in backup.stdout
    assert f"{manifest['counts']['articles']} articles" in backup.stdout

    fresh = new_install("fresh", migrated=False)
    restored = manage(fresh, "restore", str(tmp_path / "backup"))
    assert f"{manifest['counts']['comments']} commentaires" in restored.stdout

    with closing(sqlite3.connect(fresh.database)) as database:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.execute("PRAGMA foreign_key_check").fetchall() == []
        titles = dict(database.execute(f"SELECT id, title FROM {Article._meta.db_table}"))
        comments = {
            pk: (article_id, text)
            for pk, article_id, text in database.execute(
                f"SELECT id, article_id, text FROM {Comment._meta.db_table}"
            )
        }
        images = database.execute(f"SELECT COUNT(*) FROM {Image._meta.db_table}").fetchone()[0]

    for number, article_id, comment_id in before:
        assert titles[article_id] == f"Dépêche {number}"
        assert comments[comment_id] == (article_id, f"Réaction {number}")
    # A snapshot, not a torn copy: every article written with a comment has it.
    assert sorted(article_id for article_id, _ in comments.values()) == sorted(titles)
    assert manifest["counts"] == {
        "articles": len(titles),
        "comments": len(comments),
        "images": images,
    }
