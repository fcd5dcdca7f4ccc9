"""Signed cookies telling which comments this browser posted: to show a reader their own
comment while it waits, and to recognise a commenter already approved."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .models import Comment

# The comment just posted, shown to this browser only (section.py), for an hour.
POSTED_COOKIE = "comment_posted"
POSTED_SALT = "manchette.comments.posted"
POSTED_MAX_AGE = 3600
# The last comments posted from this browser: one of them approved, with the address of a
# new comment, makes it a known commenter (posting.is_known_commenter).
HISTORY_COOKIE = "comments_history"
HISTORY_SALT = "manchette.comments.history"
HISTORY_MAX_AGE = 365 * 24 * 3600
HISTORY_LENGTH = 5


def just_posted(request: HttpRequest) -> int | None:
    value = request.get_signed_cookie(
        POSTED_COOKIE, default=None, salt=POSTED_SALT, max_age=POSTED_MAX_AGE
    )
    return int(value) if value and value.isdigit() else None


def posted_here(request: HttpRequest) -> list[int]:
    value = request.get_signed_cookie(
        HISTORY_COOKIE, default="", salt=HISTORY_SALT, max_age=HISTORY_MAX_AGE
    )
    return [int(pk) for pk in value.split(",") if pk.isdigit()]


def remember_post(request: HttpRequest, response: HttpResponse, comment: Comment) -> None:
    """Set both cookies on the answer to the post, an answer no cache keeps (the page
    cache stores no answer that sets a cookie, and a POST is never stored)."""
    history = [comment.pk, *(pk for pk in posted_here(request) if pk != comment.pk)]
    _set(response, POSTED_COOKIE, str(comment.pk), POSTED_SALT, POSTED_MAX_AGE)
    _set(
        response,
        HISTORY_COOKIE,
        ",".join(map(str, history[:HISTORY_LENGTH])),
        HISTORY_SALT,
        HISTORY_MAX_AGE,
    )


def _set(response: HttpResponse, name: str, value: str, salt: str, max_age: int) -> None:
    # Lax: a form posted from another site carries neither cookie.
    response.set_signed_cookie(
        name,
        value,
        salt=salt,
        max_age=max_age,
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
