"""The desk's admin site: Django's admin in French, with the desk's login and its own
screens at the site's root."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .preview import view_on_site
from .two_factor import DeskLoginForm

# Screens that belong to the whole desk rather than to one model's pages, so they sit at
# the site's root (/redaction/importer-un-texte/). Named by dotted path: the views stay
# with the app whose work they do, and are imported only when the addresses are built,
# once every app's admin module is loaded.
ROOT_VIEWS = [
    ("importer-un-texte/", "manchette.importers.admin.import_text", "import_text"),
]


class DeskSite(admin.AdminSite):
    """The default admin site (desk/apps.py's DeskAdminConfig sets it)."""

    site_header = _("Rédaction")
    site_title = _("Rédaction")
    index_title = _("Tableau de bord")
    site_url = "/"
    login_form = DeskLoginForm

    def get_urls(self) -> list[URLPattern | URLResolver]:
        own = [
            path(route, self.admin_view(import_string(view)), name=name)
            for route, view, name in ROOT_VIEWS
        ]
        # The "Voir sur le site" shortcut checks what the user may open (desk/preview.py)
        # where Django's sends any staff member to any object's address from its ids.
        shortcut = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(view_on_site, cacheable=True),
            name="view_on_site",
        )
        django_urls = [
            url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"
        ]
        return [*own, shortcut, *django_urls]
