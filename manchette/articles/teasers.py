"""Teasers (an article's card in a listing) kept as fragments, one per article and
shape, shared by the front page, category, topic, author and related lists: a listing
then costs its own query and cache reads, not a teaser's template and its images.

A teaser shows only its article (title, standfirst, image, category, comment count) and
names that SITE-wide changes alter, and any change of the article also changes every
listing it is on: so the page keeps the listing's own tags, and each teaser's tags
(SITE, its article) only decide whether the kept copy is still good."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.template.loader import render_to_string

from manchette.pagecache import tags
from manchette.pagecache.fragments import fragments

from .models import Article, listing_prefetches


def attach(request: HttpRequest, items: Iterable[Article], *, lead: Article | None = None) -> None:
    """Set `item.teaser` (HTML) on each article; `lead`, if among them, gets the large
    shape. The articles need only their category: images and bylines are fetched, for
    all of them at once, when a teaser has to be rendered."""
    items = list(items)
    fetched = False

    def renderer(item: Article, is_lead: bool):
        def render() -> tuple[str, set[str]]:
            nonlocal fetched
            if not fetched:
                prefetch_related_objects(items, *listing_prefetches())
                fetched = True
            context = {"item": item, "is_lead": is_lead}
            html = render_to_string("articles/includes/teaser.html", context, request)
            return html, tags.for_article_text(item)

        return render

    def slot(item: Article) -> tuple[int, str]:
        return item.pk, "lead" if item is lead else "card"

    parts = {}
    for item in items:
        pk, shape = slot(item)
        parts[pk, shape] = (f"teaser:{shape}:{pk}", renderer(item, shape == "lead"))
    html = fragments(request, parts, add_to_page=False)
    for item in items:
        item.teaser = html[slot(item)]


def page_of(request: HttpRequest, articles: QuerySet[Article]) -> Page:
    """The page of a listing the reader asked for (?page=), its teasers attached."""
    page = Paginator(articles.for_teasers(), settings.ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    attach(request, page.object_list)
    return page
