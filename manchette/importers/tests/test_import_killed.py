"""import_wordpress killed in the middle (SIGKILL), then run again: the database is
sound at once, and the second run completes the import without a duplicate."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from PIL import Image as PILImage

from manchette.tests.fresh_process import ROOT, fresh_environ

SITE = Path(__file__).parent / "wxr" / "site.xml"


def counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        return {
            "articles": db.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0],
            "distinct": db.execute(
                "SELECT COUNT(DISTINCT import_ref) FROM articles_article"
            ).fetchone()[0],
            "comments": db.execute("SELECT COUNT(*) FROM comments_comment").fetchone()[0],
        }


def test_a_killed_import_leaves_a_sound_database_and_finishes_when_run_again(tmp_path):
    uploads = tmp_path / "uploads" / "2019" / "05"
    uploads.mkdir(parents=True)
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(uploads / "photo.jpg", "JPEG")
    environ = fresh_environ(tmp_path / "var", SECRET_KEY="import-tue", LOG_LEVEL="ERROR")
    arguments = [str(SITE), "--media-dir", str(tmp_path / "uploads"), "--workers", "0"]

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, *command], cwd=ROOT, env=environ, capture_output=True, text=True
        )

    assert run("manage.py", "migrate", "--noinput").returncode == 0
    killed = run("-m", "manchette.importers.tests.killed_import", "7", *arguments)
    database = tmp_path / "var" / "manchette.sqlite3"
    halfway = counts(database)
    again = run("manage.py", "import_wordpress", *arguments)
    done = counts(database)

    assert killed.returncode == -signal.SIGKILL
    assert 0 < halfway["articles"] < 10  # killed in the middle, batches kept
    assert again.returncode == 0, again.stderr
    assert done == {"articles": 10, "distinct": 10, "comments": 5}
