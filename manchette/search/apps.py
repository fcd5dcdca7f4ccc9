"""The search app: French full-text search of published articles."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "manchette.search"
    verbose_name = "Recherche"

    def ready(self) -> None:
        from . import signals  # noqa: F401
