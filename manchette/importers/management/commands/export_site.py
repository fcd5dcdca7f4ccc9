"""Writes the whole site (content, comments, accounts, media) into a directory."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from manchette.importers.site_export import ExportError, export_site
from manchette.manifests import summary


class Command(BaseCommand):
    help = (
        "Exporte tout le site (contenus, commentaires, comptes sans mot de passe, médias) "
        "dans un dossier neuf, au format décrit dans docs/export-format.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="Dossier à créer (ou vide) pour l’export.")

    def handle(self, *args, directory: str, verbosity: int = 1, **options) -> None:
        def progress(step: str) -> None:
            if verbosity >= 2:
                self.stdout.write(f"… {step}")

        try:
            report = export_site(Path(directory), progress=progress)
        except ExportError as error:
            raise CommandError(str(error)) from error
        except (OSError, ValueError) as error:
            raise CommandError(f"L’export a échoué : {error}") from error
        size = f"{report.media_bytes / 1_000_000:.1f}".replace(".", ",")
        lines = [
            f"Export terminé dans {report.directory} :",
            summary(report.counts) + f" ({size} Mo).",
        ]
        if report.missing_media:
            lines.append(
                f"Attention, {len(report.missing_media)} image(s) sans fichier dans le "
                "stockage des médias : " + ", ".join(report.missing_media)
            )
        self.stdout.write("\n".join(lines))
