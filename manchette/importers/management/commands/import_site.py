"""Restores a site written by export_site into an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from manchette.importers.site_export import ExportError
from manchette.importers.site_import import import_site
from manchette.manifests import summary


class Command(BaseCommand):
    help = (
        "Restaure dans une base vide un site exporté par export_site : mêmes adresses, "
        "médias, déclinaisons d’images, compteurs et index de recherche refaits."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="Dossier écrit par export_site.")

    def handle(self, *args, directory: str, verbosity: int = 1, **options) -> None:
        def progress(step: str) -> None:
            if verbosity >= 2:
                self.stdout.write(f"… {step}")

        try:
            report = import_site(Path(directory), progress=progress)
        except ExportError as error:
            raise CommandError(str(error)) from error
        except (OSError, ValueError) as error:
            raise CommandError(f"La restauration a échoué, rien n’a été gardé : {error}") from error
        made = [f"{report.renditions} déclinaisons d’images refaites"]
        if report.search_index_rebuilt:
            made.append("index de recherche reconstruit")
        lines = ["Restauration terminée :", summary(report.counts) + " ; " + ", ".join(made) + "."]
        if report.counts.get("users"):
            lines.append(
                "Les comptes reviennent sans mot de passe : chacun doit en recevoir un\n"
                "nouveau (manage.py changepassword IDENTIFIANT)."
            )
        lines += [f"Attention : {warning}" for warning in report.warnings]
        self.stdout.write("\n".join(lines))
