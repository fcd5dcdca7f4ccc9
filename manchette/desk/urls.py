"""Every address under the desk's path: the desk's article pages (namespace "desk") and
the admin site, whose own screens desk/sites.py lists."""

from django.contrib import admin
from django.urls import include, path

from .preview import draft, preview
from .two_factor import setup

desk_urls = [
    path("apercu/<str:token>/", preview, name="preview"),
    path("brouillon/<int:pk>/", draft, name="draft"),
    path("double-authentification/", setup, name="two-factor"),
]
urlpatterns = [
    path("", include((desk_urls, "desk"))),
    path("", admin.site.urls),
]
