"""The articles app: content and the public pages that show it."""

from django.apps import AppConfig
from django.db.models.signals import pre_save


class ArticlesConfig(AppConfig):
    name = "manchette.articles"
    verbose_name = "Contenus"

    def ready(self) -> None:
        from manchette.control_chars import clean_before_save

        from . import signals  # noqa: F401

        # For every model, not only this app's: comments, images, accounts and the
        # importers' rows are texts a user or an import gives too. The receiver itself
        # leaves models of other projects (sessions, tasks) alone.
        pre_save.connect(clean_before_save, dispatch_uid="manchette.control_chars")
