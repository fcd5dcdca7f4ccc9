"""Erase the IP address and browser of comments older than the retention period."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from manchette.comments import tasks


class Command(BaseCommand):
    help = (
        "Efface l’adresse IP et le navigateur des commentaires plus anciens que "
        "COMMENTS_IP_RETENTION_DAYS."
    )

    def handle(self, *args, **options) -> None:
        days = max(settings.COMMENTS_IP_RETENTION_DAYS, 0)
        try:
            count = tasks.purge_old_ips.call()
        except Exception as error:
            # CommandError makes manage.py exit with status 1, so cron or CI notice it.
            raise CommandError(f"La purge des adresses IP a échoué : {error}") from error
        period = f"{days} jour{'s' if days > 1 else ''}"
        if count == 0:
            report = f"Aucun commentaire de plus de {period} ne gardait d’adresse IP."
        elif count == 1:
            report = f"1 commentaire de plus de {period} : adresse IP et navigateur effacés."
        else:
            report = (
                f"{count} commentaires de plus de {period} : adresses IP et navigateurs effacés."
            )
        self.stdout.write(report)
