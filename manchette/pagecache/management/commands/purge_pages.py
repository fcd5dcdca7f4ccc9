"""Marks every cached page as stale: after a deployment (new templates or settings)."""

from django.core.management.base import BaseCommand

from manchette.pagecache import tags
from manchette.pagecache.changes import changed


class Command(BaseCommand):
    help = (
        "Périme toutes les pages en cache (cache des pages, couche statique, CDN) : à "
        "lancer après chaque mise à jour du site."
    )

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        changed({tags.SITE})
        if verbosity > 0:
            self.stdout.write("Toutes les pages seront refaites à leur prochaine lecture.")
