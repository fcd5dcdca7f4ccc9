"""Template tags of the comments: locally drawn avatars (no Gravatar, no request out)."""

from __future__ import annotations

import hashlib

from django import template
from django.utils.html import format_html

register = template.Library()

AVATAR_COLOURS = 8


@register.simple_tag
def avatar(name: str) -> str:
    """Initials on a colour chosen from the name. Never from the e-mail address: a hash
    of it (as Gravatar uses) would let anyone match a commenter across sites."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    initials = "".join(word[0] for word in words[:2]).upper() or "?"
    colour = int(hashlib.sha256(name.casefold().encode()).hexdigest(), 16) % AVATAR_COLOURS
    return format_html(
        '<span class="avatar avatar--{}" aria-hidden="true">{}</span>', colour, initials
    )


@register.simple_tag
def pending_comments() -> int:
    """How many comments wait for a moderator, for the desk's dashboard."""
    from ..moderation import pending_count

    return pending_count()
