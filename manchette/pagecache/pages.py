"""Marking a view's pages as public: cacheable for anonymous readers, with the tags
they depend on. Only views marked here are ever cached."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from . import tags
from .http import mark_public


def public_page(*fixed: str, **from_kwargs: Callable[[str], str]):
    """`public_page(tags.SITE, category=tags.category)`: the page depends on SITE and on
    the tag made from its `category` URL argument; the view may add more through
    `depends_on`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            request.page_tags = {tags.SITE, *fixed}
            request.page_tags.update(make(kwargs[name]) for name, make in from_kwargs.items())
            response = view(request, *args, **kwargs)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # Editors may see drafts and desk links: never for a shared cache.
                keep_private(request)
            if response.status_code == 200 and request.page_tags is not None:
                mark_public(response, request.page_tags)
                response.page_tags = frozenset(request.page_tags)
            elif request.page_tags is None:
                add_never_cache_headers(response)
            return response

        return wrapped

    return decorator


def depends_on(request: HttpRequest, page_tags: set[str]) -> None:
    if getattr(request, "page_tags", None) is not None:
        request.page_tags |= page_tags


def keep_private(request: HttpRequest) -> None:
    """This answer is for this reader only (a comment they just posted, a preview)."""
    request.page_tags = None
