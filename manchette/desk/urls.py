"""Desk addresses that live beside the admin."""

from django.urls import path

from .preview import preview
from .two_factor import setup

app_name = "desk"
urlpatterns = [
    path("apercu/<str:token>/", preview, name="preview"),
    path("double-authentification/", setup, name="two-factor"),
]
