"""Backs up the running site (database and media) into a new directory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from manchette.backups.backup import megabytes, take_backup
from manchette.backups.format import ENGINE_NAMES, BackupError
from manchette.manifests import counted, summary


class Command(BaseCommand):
    help = (
        "Sauvegarde le site en marche (base de données, médias, manifeste des empreintes) "
        "dans un dossier neuf ; manage.py restore le remet en place (docs/backup.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("destination", help="Dossier à créer pour la sauvegarde.")

    def handle(self, *args, destination: str, verbosity: int = 1, **options) -> None:
        try:
            report = take_backup(Path(destination))
        except BackupError as error:
            raise CommandError(str(error)) from error
        except (OSError, sqlite3.Error, DatabaseError) as error:
            raise CommandError(f"La sauvegarde a échoué, rien n’a été gardé : {error}") from error
        if verbosity == 0:
            return
        manifest = report.manifest
        media = manifest["media"]
        lines = [
            f"Sauvegarde terminée dans {report.directory} :",
            f"base de données {ENGINE_NAMES[manifest['engine']]} "
            f"({megabytes(report.database_bytes)}) : {summary(manifest['counts'])} ;",
        ]
        if media["storage"] == "s3":
            lines.append(
                f"médias : dans le seau S3 « {media['bucket']} », non copiés (voir docs/backup.md)."
            )
        else:
            lines.append(
                f"médias : {counted(len(media['files']), 'media')} "
                f"({megabytes(report.media_bytes)})."
            )
        lines.append(f"Taille totale : {megabytes(report.total_bytes)}.")
        self.stdout.write("\n".join(lines))
