"""French typography of imported bodies, set in other processes while the import writes.

Setting a body's typography (Article.save and Page.save call french_typography) costs
more than everything else an import does for an article. A big import has the bodies of
the next batch set by worker processes while it writes the current one; the saves then
find each result ready instead of computing it. The result is the same function's,
on the same text: when a body is not found ready, the save simply computes it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from manchette.lib.typography import french_typography, precomputed


def default_workers() -> int:
    """One process per spare core (the importing process keeps one), at most four; none
    where processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def _set(bodies: list[str]) -> list[str]:
    return [french_typography(body) for body in bodies]


class Typesetter:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, bodies: list[str]) -> list[tuple[list[str], Future]]:
        """Start setting `bodies`; pass the result to `ready_for_saves`."""
        if self.workers <= 0:
            return []
        if self._pool is None:
            # Forked rather than spawned: a spawned worker would first run the caller's
            # main module again, which a script calling the command may not guard. A
            # forked worker only ever runs french_typography, a pure function: it never
            # uses the database connection it inherits, and leaves without closing it.
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork")
            )
        unique = list(dict.fromkeys(body for body in bodies if body))
        size = -(-len(unique) // self.workers) or 1
        chunks = [unique[start : start + size] for start in range(0, len(unique), size)]
        return [(chunk, self._pool.submit(_set, chunk)) for chunk in chunks]

    @contextmanager
    def ready_for_saves(self, submitted: list[tuple[list[str], Future]]) -> Iterator[None]:
        """While inside, Article.save and Page.save take the bodies' set text from
        `submitted` (each result is used once)."""
        if not submitted:
            yield
            return
        ready: dict[str, str] = {}
        for chunk, future in submitted:
            ready.update(zip(chunk, future.result(), strict=True))
        with precomputed(ready):
            yield

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
