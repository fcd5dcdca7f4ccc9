"""The journal of the newsroom in the desk: Django's admin log, read-only, for editors
and administrators (articles/publishing.py and comments/moderation.py write its
editorial lines). A scheduled publication's line, dated in the future, shows once its
time has come."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@admin.register(LogEntry)
class JournalAdmin(admin.ModelAdmin):
    list_display = ["action_time", "user", "content_type", "object_repr", "what"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    @admin.display(description=_("ce qui a été fait"))
    def what(self, entry: LogEntry) -> str:
        return entry.get_change_message() or entry.get_action_flag_display()

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(action_time__lte=timezone.now())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
