"""The desk owns the admin: its site is the default one, it alone lists the screens at
its root, and it alone overrides the admin's templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import resolve, reverse

from manchette.desk.preview import view_on_site
from manchette.desk.sites import DeskSite
from manchette.desk.two_factor import DeskLoginForm

pytestmark = pytest.mark.django_db


def test_the_default_admin_site_is_the_desks():
    assert isinstance(admin.site, DeskSite)
    # No app patches the site's addresses: they come from the class alone.
    assert admin.site.get_urls.__func__ is DeskSite.get_urls


def test_the_login_page_is_the_desks(client):
    response = client.get(reverse("admin:login"))

    assert "<title>Connexion | Rédaction</title>" in response.content.decode()
    assert isinstance(response.context["form"], DeskLoginForm)


def test_the_desks_own_screens_keep_their_addresses_and_names():
    assert reverse("admin:import_text") == "/redaction/importer-un-texte/"
    assert reverse("desk:two-factor") == "/redaction/double-authentification/"
    shortcut = reverse("admin:view_on_site", args=[7, 12])
    assert shortcut == "/redaction/r/7/12/"
    # Django's own shortcut is gone, not just shadowed.
    assert resolve(shortcut).func.__wrapped__ is view_on_site


def test_only_the_desk_overrides_the_admins_templates():
    overriding = [
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("manchette.")
        and (Path(config.path) / "templates" / "admin").exists()
    ]

    assert overriding == ["desk"]
