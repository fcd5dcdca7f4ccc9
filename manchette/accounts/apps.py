"""The accounts app: Manchette's own user model."""

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, pre_delete


class AccountsConfig(AppConfig):
    name = "manchette.accounts"
    verbose_name = "Comptes"

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from .models import User
        from .signals import group_deleted, groups_changed

        m2m_changed.connect(groups_changed, sender=User.groups.through)
        pre_delete.connect(group_deleted, sender=Group)
