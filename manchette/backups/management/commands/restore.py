"""Restores a backup written by `manage.py backup` over the configured site."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from manchette.backups.format import BackupError
from manchette.backups.restore import (
    remove_partial_media,
    restore_backup,
    restore_state,
    taken_at,
)
from manchette.manifests import counted, summary


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par manage.py backup : vérifie ses empreintes, "
        "remet la base et les médias, applique les migrations, périme les pages en cache."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="Dossier écrit par manage.py backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer une base qui contient déjà des articles.",
        )

    def handle(self, *args, source: str, force: bool, verbosity: int = 1, **options) -> None:
        def progress(step: str) -> None:
            if verbosity >= 2:
                self.stdout.write(f"… {step}")

        # What a restore killed outright (SIGKILL, a power cut) left behind.
        if state := restore_state():
            self.stderr.write(f"Attention : {state}")
        if removed := remove_partial_media():
            self.stderr.write(
                f"{removed} fichier(s) média(s) à moitié copié(s) par cette restauration "
                "interrompue supprimé(s)."
            )
        # SIGTERM (systemd, kill) ends the restore as Ctrl-C does: through the cleanups.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            report = restore_backup(Path(source), force=force, progress=progress)
        except KeyboardInterrupt:
            raise CommandError(
                "Restauration interrompue. " + (restore_state() or "Rien n’a été modifié.")
            ) from None
        except BackupError as error:
            raise CommandError(_with_state(str(error))) from error
        except (OSError, sqlite3.Error, DatabaseError) as error:
            raise CommandError(_with_state(f"La restauration a échoué : {error}")) from error
        finally:
            signal.signal(signal.SIGTERM, previous)
        if verbosity == 0:
            return
        lines = [
            f"Restauration terminée (sauvegarde du {taken_at(report.manifest)}) :",
            f"{summary(report.counts)} ; {counted(report.media_files, 'media')} remis en place.",
        ]
        if report.migrations_applied:
            lines.append(
                f"{report.migrations_applied} migration(s) appliquée(s) pour mettre la base à jour."
            )
        lines.append("Les pages en cache seront refaites à leur prochaine lecture.")
        lines += [f"Attention : {warning}" for warning in report.warnings]
        self.stdout.write("\n".join(lines))


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _with_state(message: str) -> str:
    """A failure's message, and what the site is left with when the restore had begun."""
    state = restore_state()
    return f"{message}\n{state}" if state else message
