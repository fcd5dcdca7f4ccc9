"""The images app: uploaded pictures, their focal point and pre-made renditions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "manchette.images"
    verbose_name = _("Images")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Renditions are made when an image is saved (desk, demo loader, importers alike),
        # never while a reader's request is being served.
        from . import signals  # noqa: F401
