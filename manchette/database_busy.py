"""A 503 "réessayez" page, not a 500, when a long write holds the database's lock."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Seconds a reader is asked to wait: about one busy timeout, the time a write gets.
RETRY_AFTER = 5

# psycopg's SQLSTATE for "canceling statement due to lock timeout" (lock_timeout).
_POSTGRES_LOCK_NOT_AVAILABLE = "55P03"

# A view's own context for the busy page (set by `keeps_typed_text`), e.g. the form the
# reader sent, so that the page can give it back as typed.
BusyContext = Callable[[HttpRequest], dict]


def is_database_busy(error: BaseException) -> bool:
    """Whether `error` says another transaction held a lock past the wait allowed: SQLite's
    "database is locked" after its busy timeout, PostgreSQL's lock_timeout."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) == _POSTGRES_LOCK_NOT_AVAILABLE:
        return True
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


def keeps_typed_text(context: BusyContext) -> Callable:
    """Decorate a view whose busy page should carry more: `context(request)` (the
    reader's form as typed, say) is given to the 503 template."""

    def decorate(view: Callable) -> Callable:
        view.database_busy_context = context
        return view

    return decorate


def busy_message() -> str:
    return _(
        "Le site est très occupé, réessayez dans quelques secondes ; "
        "rien de ce que vous avez écrit n’est perdu."
    )


class DatabaseBusyMiddleware:
    """Turns a view's "database is locked" into a 503 with Retry-After: the write the
    reader asked for did not happen, and sending it again in a moment will work."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        if "application/json" in request.headers.get("Accept", ""):
            # comments.js shows `message` and leaves the reader's text in the form.
            response = JsonResponse({"ok": False, "message": busy_message()}, status=503)
        else:
            context = {"message": busy_message()}
            match = request.resolver_match
            view_context = getattr(match.func, "database_busy_context", None) if match else None
            if view_context is not None and request.method == "POST":
                try:
                    context.update(view_context(request))
                except Exception:
                    # The plain busy page still beats a 500.
                    logger.exception("Could not give back the form of %s", request.path)
            response = render(request, "503_busy.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        # Never kept by a browser or a CDN: the next try must reach the site.
        response["Cache-Control"] = "no-store"
        return response
