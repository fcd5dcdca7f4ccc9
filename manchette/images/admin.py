"""Admin of images: upload, alt text, credit and a click-to-set focal point."""

from __future__ import annotations

import json
from contextlib import suppress

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .crops import CROPS
from .models import Image, Rendition, in_live_use, prefetch_renditions
from .renditions import renditions_of
from .uploads import SafeImageFormField, check_upload

# Whoever may publish an article is an editor here: they change any image. This app sits
# below the desk, so it asks for the permission rather than for the desk's role names.
EDITOR_PERMISSION = "articles.publish_article"


def may_alter(user, image: Image) -> bool:
    """Whether `user` may change or delete `image`: editors may alter any image; other
    members only those they sent themselves that nothing published or scheduled shows,
    so that no journalist can swap the photo of a colleague's live story."""
    if user.has_perm(EDITOR_PERMISSION):
        return True
    return image.uploaded_by_id == user.pk and not in_live_use(image)


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

    def has_change_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        # Refused, the image still shows read-only to members who may view images.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_alter(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Image | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_alter(request.user, obj))

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            # Decoded now, before the admin's transaction: on SQLite it takes the write
            # lock at BEGIN, and a large picture's seconds of decoding would hold every
            # other writer of the site waiting. The form field reuses the outcome.
            for name, field in self.form.base_fields.items():
                if isinstance(field, SafeImageFormField):
                    for upload in request.FILES.getlist(name):
                        # A refusal is shown under the field by the form.
                        with suppress(ValidationError):
                            check_upload(upload)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Image, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def construct_change_message(self, request: HttpRequest, form, formsets, add=False):
        """The journal's line names a replaced file, old and new, in words: swapping the
        photo of a story is an editorial act, not a field among others."""
        message = super().construct_change_message(request, form, formsets, add)
        if add or "file" not in form.changed_data:
            return message
        previous = form.initial.get("file")
        line = gettext("Fichier de l’image remplacé : « %(old)s » devient « %(new)s ».") % {
            "old": getattr(previous, "name", previous) or "—",
            "new": form.instance.file.name,
        }
        others = [str(form.fields[name].label) for name in form.changed_data if name != "file"]
        if others:
            line += " " + gettext("Autres champs modifiés : %s.") % ", ".join(others)
        return line

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
