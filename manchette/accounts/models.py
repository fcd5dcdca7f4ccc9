"""Manchette's user model, custom from the first migration so it can grow."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
