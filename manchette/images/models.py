"""Images with a focal point, and the renditions made from them at save time."""

from __future__ import annotations

import functools
import os

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from manchette.lib.import_refs import import_ref_field, unique_import_ref

from .uploads import secure_file

# EXIF orientations 5 to 8 turn the picture a quarter, so its shown width is the stored height.
_EXIF_ORIENTATION = 0x0112
_QUARTER_TURNS = {5, 6, 7, 8}

_focal_validators = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    file = models.ImageField(_("Fichier"), upload_to="images/%Y/%m/", max_length=255)
    alt_text = models.CharField(
        _("Texte alternatif"),
        max_length=300,
        help_text=_("Décrit l’image pour les lecteurs qui ne la voient pas."),
    )
    caption = models.CharField(_("Légende"), max_length=500, blank=True)
    credit = models.CharField(_("Crédit"), max_length=200, blank=True)
    focal_x = models.FloatField(
        _("Point focal horizontal"),
        default=0.5,
        validators=_focal_validators,
        help_text=_("De 0 (bord gauche) à 1 (bord droit)."),
    )
    focal_y = models.FloatField(
        _("Point focal vertical"),
        default=0.5,
        validators=_focal_validators,
        help_text=_("De 0 (bord haut) à 1 (bord bas)."),
    )
    width = models.PositiveIntegerField(_("Largeur"), editable=False, default=0)
    height = models.PositiveIntegerField(_("Hauteur"), editable=False, default=0)
    created_at = models.DateTimeField(_("Créée le"), auto_now_add=True)
    # Who sent the file: a journalist may change only their own images (admin.py); empty
    # for images from before this field, imports and the demo, which editors alone change.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Envoyée par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    import_ref = import_ref_field()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at", "-pk"]
        constraints = [unique_import_ref("image")]

    def __str__(self) -> str:
        return self.alt_text or os.path.basename(self.file.name or "")

    def save(self, *args, **kwargs) -> None:
        file_changed = bool(self.file) and self._file_changed()
        if file_changed:
            # Here rather than only in the desk's form, so that every way of giving an
            # image its file (the demo loader, tests, an importer saving rows one by one)
            # goes through the same checks and no stored original keeps its location.
            # Rows written in bulk skip save(): generate_renditions() cleans theirs.
            secure_file(self.file)
        # Dimensions as shown (EXIF rotation applied), read from the header only.
        if self.file and (file_changed or not (self.width and self.height)):
            self.width, self.height = read_dimensions(self.file)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "width", "height"}
        super().save(*args, **kwargs)
        self._saved_file_name = self.file.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_file_name = instance.__dict__.get("file")
        return instance

    def _file_changed(self) -> bool:
        saved = getattr(self, "_saved_file_name", None)
        return saved is None or saved != self.file.name or not self.file._committed


def in_live_use(image: Image) -> bool:
    """Whether a published or scheduled row (an article's lead image…) shows `image`.
    Found through the relations pointing at Image, so this app names no model above it:
    a model counts as published when it declares LIVE_STATUSES for its `status` field."""
    for field in _fields_pointing_at_images():
        live = getattr(field.model, "LIVE_STATUSES", None)
        if live is None:
            continue
        rows = field.model._default_manager.filter(**{field.name: image, "status__in": live})
        if rows.exists():
            return True
    return False


@functools.cache  # the models are fixed once the apps are ready
def _fields_pointing_at_images() -> list[models.Field]:
    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and field.related_model is Image
    ]


def read_dimensions(file) -> tuple[int, int]:
    """(width, height) of an image file as displayed, i.e. after its EXIF orientation."""
    file.open("rb")
    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            return displayed_size(picture)
    finally:
        file.seek(0)


def displayed_size(picture: PILImage.Image) -> tuple[int, int]:
    """An opened picture's (width, height) once its EXIF orientation is applied."""
    width, height = picture.size
    if picture.getexif().get(_EXIF_ORIENTATION) in _QUARTER_TURNS:
        return height, width
    return width, height


class Rendition(models.Model):
    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    image = models.ForeignKey(
        Image, verbose_name=_("image"), related_name="renditions", on_delete=models.CASCADE
    )
    spec = models.CharField(_("Recadrage"), max_length=32)
    width = models.PositiveIntegerField(_("Largeur"))
    height = models.PositiveIntegerField(_("Hauteur"))
    format = models.CharField(_("Format"), max_length=8, choices=Format.choices)
    file = models.FileField(_("Fichier"), upload_to="renditions/", max_length=255)
    # Digest of what the rendition was made from (source file, focal point, crop, encoder
    # settings): a different one means the rendition is stale and is made again.
    signature = models.CharField(_("Signature"), max_length=64)
    created_at = models.DateTimeField(_("Créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("déclinaison")
        verbose_name_plural = _("déclinaisons")
        ordering = ["spec", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "width", "format"], name="images_rendition_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.spec} {self.width}×{self.height} {self.format}"

    @property
    def url(self) -> str:
        return self.file.url


def prefetch_renditions(lookup: str = "renditions") -> Prefetch:
    """A Prefetch for `lookup` (e.g. "lead_image__renditions") loading only what the
    picture tag reads, so a listing makes one query for all of its images' renditions."""
    queryset = Rendition.objects.only(
        "id", "image_id", "spec", "width", "height", "format", "file"
    ).order_by("spec", "format", "width")
    return Prefetch(lookup, queryset=queryset)
