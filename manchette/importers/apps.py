"""The importers app: WordPress exports, pasted text, full site export and restore,
and the old addresses of imported items."""

from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "manchette.importers"
    verbose_name = "Imports"
