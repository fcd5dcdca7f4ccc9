"""The page cache's store on one machine: Django's file cache, culled less eagerly.

Django's FileBasedCache lists its whole directory at every write to decide whether to
cull, which costs a write of the page cache a few milliseconds per ten thousand stored
pages and fragments. This one counts its entries every CULL_CHECK_EVERY writes of a
process only; the store may then exceed MAX_ENTRIES by that many entries per worker
before it culls, which is nothing beside the disk a page takes. A full or read-only
disk answers like an empty cache (manchette/cache_backends.py)."""

from __future__ import annotations

from manchette.cache_backends import ResilientFileBasedCache

CULL_CHECK_EVERY = 200


class FileCache(ResilientFileBasedCache):
    writes = 0

    def _cull(self) -> None:
        self.writes += 1
        if self.writes % CULL_CHECK_EVERY == 1:
            super()._cull()
