"""The editors' desk: Django's admin in French, roles, previews."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class DeskConfig(AppConfig):
    name = "manchette.desk"
    verbose_name = "Rédaction"
    # This module holds two configurations: this one is the desk app's.
    default = True

    def ready(self) -> None:
        from .roles import ensure_roles

        # Groups need every app's permissions, which Django creates app by app after
        # migrate: run once the last app with models has had its turn.
        post_migrate.connect(ensure_roles)


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin app (INSTALLED_APPS lists it in place of "django.contrib.admin"),
    whose default site, `admin.site`, is the desk's."""

    default = False
    default_site = "manchette.desk.sites.DeskSite"
