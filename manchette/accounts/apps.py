"""The accounts app: Manchette's own user model."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "manchette.accounts"
    verbose_name = "Comptes"
