"""Rebuilds the search index from the articles (after a restore, a raw import, an upgrade)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from manchette.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Reconstruit l’index de recherche à partir des articles publiés et programmés."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        try:
            count = rebuild_index(progress=self._progress if options["verbosity"] > 1 else None)
        except DatabaseError as error:
            raise CommandError(f"L’index n’a pas pu être reconstruit : {error}") from error
        seconds = time.monotonic() - started
        articles = "1 article indexé" if count == 1 else f"{count} articles indexés"
        self.stdout.write(
            f"Index de recherche reconstruit ({connection.vendor}) : {articles} en {seconds:.1f} s."
        )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  {done} / {total}")
