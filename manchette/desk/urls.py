"""Desk addresses that live beside the admin."""

from django.urls import path

from .preview import preview

app_name = "desk"
urlpatterns = [path("apercu/<str:token>/", preview, name="preview")]
