"""Desk addresses that live beside the admin (included before it, so `r/` here takes the
place of the admin's own "view on site" shortcut)."""

from django.urls import path

from .preview import draft, preview, view_on_site
from .two_factor import setup

app_name = "desk"
urlpatterns = [
    path("apercu/<str:token>/", preview, name="preview"),
    path("brouillon/<int:pk>/", draft, name="draft"),
    path("r/<int:content_type_id>/<path:object_id>/", view_on_site, name="view-on-site"),
    path("double-authentification/", setup, name="two-factor"),
]
