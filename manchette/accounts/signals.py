"""Keeps desk access in step with roles, however the groups change (desk, shell, restore)."""

from __future__ import annotations

from django.contrib.auth import get_user_model


def groups_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not reverse:  # user.groups.add(...), .remove(...), .set(...), .clear()
        if action.startswith("post_"):
            instance.update_desk_access()
        return
    # group.user_set...: a clear does not name the users afterwards, so note them before.
    if action == "pre_clear":
        instance._users_before_clear = set(instance.user_set.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop("_users_before_clear", set())
    if action.startswith("post_"):
        for user in get_user_model().objects.filter(pk__in=pk_set):
            user.update_desk_access()


def group_deleted(sender, instance, **kwargs) -> None:
    """Deleting a role takes desk access from those it was the only role of: the
    cascade would remove them from it without a word (no m2m signal)."""
    instance.user_set.clear()
