"""The import never keeps the database's write lock while it works on files, and lets
other writers in between its short transactions: on SQLite, a long import must not make
a reader's comment or an editor's save wait beyond the busy timeout."""

from __future__ import annotations

import io
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection
from PIL import Image as PILImage

from manchette.articles.models import Article
from manchette.importers.wordpress import importer, media

from .small_wxr import attachment, export, post

POSTS = 12


def another_writer_gets_in() -> None:
    """On SQLite, another connection takes the write lock at once (no waiting at all)."""
    if connection.vendor != "sqlite":
        return
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if held
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_files_are_read_outside_transactions_and_others_write_between_groups(tmp_path, monkeypatch):
    uploads = tmp_path / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    for n in range(3):
        PILImage.new("RGB", (20, 10), (n * 80, 30, 30)).save(uploads / f"p{n}.jpg", "JPEG")
    items = [attachment(100 + n, f"2024/03/p{n}.jpg") for n in range(3)]
    items += [post(n) for n in range(1, POSTS + 1)]
    path = export(tmp_path / "export.xml", *items)
    decoded, writes = [], []

    def outside_transactions(function):
        def watched(*args, **kwargs):
            assert not connection.in_atomic_block, f"{function.__name__} in a transaction"
            another_writer_gets_in()
            decoded.append(function.__name__)
            return function(*args, **kwargs)

        return watched

    monkeypatch.setattr(media, "without_location", outside_transactions(media.without_location))
    monkeypatch.setattr(importer, "read_dimensions", outside_transactions(importer.read_dimensions))
    monkeypatch.setattr(
        importer.WordPressImport, "_write", outside_transactions(importer.WordPressImport._write)
    )
    original_write = importer.WordPressImport._write

    def counted(self, items):
        writes.append(len(items))
        return original_write(self, items)

    monkeypatch.setattr(importer.WordPressImport, "_write", counted)

    call_command(
        "import_wordpress",
        str(path),
        "--media-dir",
        str(tmp_path / "uploads"),
        "--workers",
        "0",
        stdout=io.StringIO(),
    )

    assert decoded.count("without_location") == 3 and decoded.count("read_dimensions") == 3
    # Posts written a few at a time, another writer let in before each group.
    assert decoded.count("_write") == len(writes) >= 3
    assert max(writes) <= importer.WRITE_SIZE
    assert Article.objects.count() == POSTS
