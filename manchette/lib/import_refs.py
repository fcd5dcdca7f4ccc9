"""The import reference every importable model carries, so importing again updates."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def import_ref_field() -> models.CharField:
    # e.g. "wp:post:123"; empty for items made in Manchette itself.
    return models.CharField(
        _("référence d’import"), max_length=120, blank=True, default="", editable=False
    )


def unique_import_ref(model_name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["import_ref"], condition=~Q(import_ref=""), name=f"{model_name}_import_ref_once"
    )
