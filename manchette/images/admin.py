"""Admin of images: upload, alt text, credit and a click-to-set focal point."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .crops import CROPS
from .models import Image, Rendition, prefetch_renditions
from .renditions import renditions_of
from .uploads import SafeImageFormField


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        # Not Django's ImageField, which opens any format Pillow knows with no size limit
        # and gives one message for every refusal.
        field_classes = {"file": SafeImageFormField}
        widgets = {
            # Still typed by keyboard users; the picker above only fills them in.
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }


class RenditionInline(admin.TabularInline):
    """The renditions made at save time, to look at only: they are remade, never edited."""

    model = Rendition
    extra = 0
    can_delete = False
    fields = ["crop", "format", "width", "height", "link"]
    readonly_fields = fields
    verbose_name_plural = _("Déclinaisons générées")
    classes = ["collapse", "images-renditions"]

    def has_add_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        # Whoever may see the image may see what was made from it.
        return request.user.has_perm("images.view_image") or request.user.has_perm(
            "images.change_image"
        )

    @admin.display(description=_("Recadrage"))
    def crop(self, rendition: Rendition) -> str:
        crop = CROPS.get(rendition.spec)
        return str(crop.label) if crop else rendition.spec

    @admin.display(description=_("Fichier"))
    def link(self, rendition: Rendition) -> str:
        if not rendition.file:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            rendition.file.url,
            rendition.file.name.rsplit("/", 1)[-1],
        )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["thumbnail", "alt_text", "credit", "dimensions", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "created_at"
    readonly_fields = ["focal_point_picker", "dimensions", "created_at"]
    fieldsets = [
        (None, {"fields": ["file", "alt_text", "caption", "credit"]}),
        (_("Point focal"), {"fields": ["focal_point_picker", ("focal_x", "focal_y")]}),
        (_("Informations"), {"fields": ["dimensions", "created_at"]}),
    ]
    inlines = [RenditionInline]

    class Media:
        css = {"all": ["images/focal_point.css"]}
        js = ["images/focal_point.js"]

    def get_queryset(self, request: HttpRequest):
        # One query for the thumbnails of a whole list page.
        return super().get_queryset(request).prefetch_related(prefetch_renditions("renditions"))

    @admin.display(description=_("Aperçu"))
    def thumbnail(self, image: Image) -> str:
        thumbs = renditions_of(image, "thumb", Rendition.Format.WEBP) or renditions_of(
            image, "thumb"
        )
        if thumbs:
            src, width, height = thumbs[0].file.url, thumbs[0].width, thumbs[0].height
        elif image.file:
            src, width, height = image.file.url, image.width, image.height
        else:
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy" class="images-thumb">',
            src,
            width,
            height,
        )

    @admin.display(description=_("Dimensions"))
    def dimensions(self, image: Image) -> str:
        if not (image.width and image.height):
            return "—"
        return f"{image.width} × {image.height} px"

    @admin.display(description=_("Choisir le point focal"))
    def focal_point_picker(self, image: Image) -> SafeString:
        crops = [{"name": c.name, "label": str(c.label), "ratio": c.ratio} for c in CROPS.values()]
        return render_to_string(
            "images/admin/focal_point.html",
            {
                # An upload from a form that failed validation is not stored yet: no URL.
                "src": image.file.url if image.file and image.file._committed else "",
                "crops": crops,
                "crops_json": json.dumps(crops),
            },
        )
