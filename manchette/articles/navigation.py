"""Site-wide navigation (categories, policy pages), cached so no page queries it."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

CACHE_KEY = "articles:navigation:v3"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Navigation:
    categories: list[Link]
    pages: list[Link]
    principles: Link | None
    corrections: Link | None
    about: Link | None
    # In menu order: the front page shows a section for each.
    category_ids: list[int]


def navigation() -> Navigation:
    nav = cache.get(CACHE_KEY)
    if nav is None:
        nav = _build()
        cache.set(CACHE_KEY, nav, None)
    return nav


def forget_navigation() -> None:
    cache.delete(CACHE_KEY)


def _build() -> Navigation:
    from .models import Category, Page

    pages = list(Page.objects.all())
    categories = list(Category.objects.all())
    by_role = {page.role: Link(page.title, page.get_absolute_url()) for page in pages if page.role}
    return Navigation(
        categories=[Link(c.name, c.get_absolute_url()) for c in categories],
        pages=[Link(page.title, page.get_absolute_url()) for page in pages],
        principles=by_role.get(Page.Role.PRINCIPLES),
        corrections=by_role.get(Page.Role.CORRECTIONS),
        about=by_role.get(Page.Role.ABOUT),
        category_ids=[c.pk for c in categories],
    )
