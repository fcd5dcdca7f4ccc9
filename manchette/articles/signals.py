"""Keeps cached navigation in step with the categories and pages it lists."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Category, Page
from .navigation import forget_navigation


@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Page)
def refresh_navigation(**kwargs) -> None:
    forget_navigation()
