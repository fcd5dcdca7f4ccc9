"""The newsroom's roles, as Django groups with their permissions."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission

AUTHOR = "Auteur"
EDITOR = "Éditeur"
MODERATOR = "Modérateur"
ADMINISTRATOR = "Administrateur"

# (app_label, codename) pairs.
_CONTENT = [
    ("articles", f"{action}_{model}")
    for model in ("article", "category", "tag", "author", "page", "byline", "source", "correction")
    for action in ("add", "change", "delete", "view")
] + [("images", f"{action}_image") for action in ("add", "change", "delete", "view")]

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    # Authors write their own drafts and submit them; the desk admin limits them to
    # their own articles and to the draft and review states.
    AUTHOR: [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "view_category"),
        ("articles", "view_tag"),
        ("articles", "view_author"),
        ("articles", "add_source"),
        ("articles", "change_source"),
        ("articles", "delete_source"),
        ("articles", "view_source"),
        ("articles", "add_byline"),
        ("articles", "change_byline"),
        ("articles", "delete_byline"),
        ("articles", "view_byline"),
        ("images", "add_image"),
        ("images", "change_image"),
        ("images", "view_image"),
    ],
    # Editors moderate too, as in most newsrooms; deleting for good is the moderators'.
    EDITOR: [
        *_CONTENT,
        ("articles", "publish_article"),
        ("comments", "view_comment"),
        ("comments", "change_comment"),
        ("admin", "view_logentry"),  # the newsroom's journal (articles/publishing.py)
    ],
    # Moderators read articles (to judge comments in context) but never edit them.
    MODERATOR: [
        ("articles", "view_article"),
        ("comments", "view_comment"),
        ("comments", "change_comment"),
        ("comments", "delete_comment"),
    ],
    ADMINISTRATOR: [
        *_CONTENT,
        ("articles", "publish_article"),
        *[("comments", f"{action}_comment") for action in ("view", "change", "delete")],
        ("accounts", "add_user"),
        ("accounts", "change_user"),
        ("accounts", "view_user"),
        ("auth", "view_group"),
        ("auth", "change_group"),
        ("admin", "view_logentry"),
    ],
}


def ensure_roles(app_config=None, **kwargs) -> None:
    """Create or complete the groups after every migrate; never removes what an
    administrator added by hand."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not None and app_config is not with_models[-1]:
        return
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
