"""The articles app: content and the public pages that show it."""

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "manchette.articles"
    verbose_name = "Contenus"

    def ready(self) -> None:
        from . import signals  # noqa: F401
