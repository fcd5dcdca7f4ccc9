"""The backups app: whole-site backups (database and media) and their restore."""

from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "manchette.backups"
    verbose_name = "Sauvegardes"
