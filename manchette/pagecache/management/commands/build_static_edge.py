"""Writes every public page to the static edge (STATIC_EDGE_DIR), and the security
headers nginx sends with them beside it, for deploy/nginx.conf."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from manchette.pagecache import edge


class Command(BaseCommand):
    help = (
        "Écrit le HTML de chaque page publique dans STATIC_EDGE_DIR, pour que nginx la "
        "serve sans passer par l’application (deploy/nginx.conf), et à côté les en-têtes de "
        "sécurité de l’application pour nginx (nginx/security-headers.conf)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--missing", action="store_true", help="n’écrire que les pages absentes"
        )

    def handle(self, *args, missing: bool = False, verbosity: int = 1, **options) -> None:
        if not settings.STATIC_EDGE_DIR:
            raise CommandError("STATIC_EDGE_DIR n’est pas défini : la couche statique est éteinte.")
        edge.root().mkdir(parents=True, exist_ok=True)
        edge.write_nginx_headers()
        paths = edge.missing_paths() if missing else edge.every_path()
        written = skipped = 0
        for path in paths:
            if edge.render(path):
                written += 1
            else:
                skipped += 1
        if verbosity > 0:
            self.stdout.write(
                f"Couche statique : {written} pages écrites dans {edge.root()}"
                + (f", {skipped} non publiques ou changées entre-temps." if skipped else ".")
            )
