"""The editors' desk: Django's admin in French, roles, previews."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeskConfig(AppConfig):
    name = "manchette.desk"
    verbose_name = "Rédaction"

    def ready(self) -> None:
        from django.contrib import admin

        from .roles import ensure_roles
        from .two_factor import DeskLoginForm

        admin.site.login_form = DeskLoginForm
        admin.site.site_header = "Rédaction"
        admin.site.site_title = "Rédaction"
        admin.site.index_title = "Tableau de bord"
        admin.site.site_url = "/"
        # Groups need every app's permissions, which Django creates app by app after
        # migrate: run once the last app with models has had its turn.
        post_migrate.connect(ensure_roles)
