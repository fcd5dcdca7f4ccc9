"""The file store of the page cache on one machine: bounded, without listing its
directory at every write."""

from __future__ import annotations

from manchette.pagecache import filecache
from manchette.pagecache.filecache import FileCache


def test_the_store_stays_bounded_and_lists_its_directory_rarely(tmp_path, monkeypatch):
    monkeypatch.setattr(filecache, "CULL_CHECK_EVERY", 10)
    store = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50, "CULL_FREQUENCY": 2}})
    listings = []
    list_files = store._list_cache_files
    monkeypatch.setattr(store, "_list_cache_files", lambda: listings.append(1) or list_files())

    for number in range(200):
        store.set(f"page-{number}", "<p>page</p>")

    assert len(listings) == 20  # one write in ten
    assert len(list_files()) <= 50 + 10
    assert store.get("page-199") == "<p>page</p>"
