"""Manchette's user model, custom from the first migration so it can grow."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"

    def update_desk_access(self) -> None:
        """Desk access follows from the role: a member with a role (a group) or a
        superuser may log in to the desk, nobody else. No separate box to forget
        (accounts/signals.py calls this whenever the groups change)."""
        staff = self.is_superuser or self.groups.exists()
        if staff != self.is_staff:
            self.is_staff = staff
            type(self).objects.filter(pk=self.pk).update(is_staff=staff)
