"""The addresses that show each tag: what a CDN must purge and what the static edge
must forget when the tag changes."""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from . import tags

SITE_WIDE = (
    "articles:home",
    "search:results",
    "syndication:feed",
    "syndication:feed-atom",
    "syndication:sitemap-index",
    "syndication:sitemap-news",
    "comments:feed",
)


def for_tags(page_tags: Iterable[str], *, with_pages: bool = True) -> list[str]:
    """Paths (with `?page=N` of listings when `with_pages`) of every page depending on
    one of these tags. SITE stands for every page: callers purge everything for it."""
    from manchette.articles.models import Article
    from manchette.syndication.sitemaps import SITEMAPS

    page_tags = set(page_tags)
    found: list[str] = []
    article_ids = {int(t[2:]) for t in page_tags if t.startswith("a:")}
    listings = {
        "c": ("articles:category", "syndication:category-feed", "category"),
        "t": ("articles:tag", "syndication:tag-feed", "tags"),
        "au": ("articles:author", "syndication:author-feed", "authors"),
    }
    related = Q(pk__in=[])
    for tag in sorted(page_tags):
        prefix, _, slug = tag.partition(":")
        if prefix not in listings:
            continue
        page_name, feed_name, lookup = listings[prefix]
        kwarg = "category" if prefix == "c" else "slug"
        page = reverse(page_name, kwargs={kwarg: slug})
        found.append(page)
        if with_pages:
            count = Article.objects.published().filter(**{f"{lookup}__slug": slug}).count()
            found += _more_pages(page, count)
        found.append(reverse(feed_name, kwargs={kwarg: slug}))
        found.append(reverse(feed_name + "-atom", kwargs={kwarg: slug}))
        if prefix in {"c", "t"}:
            # Article pages show related articles drawn from their category and topics.
            related |= Q(**{f"{lookup}__slug": slug})
    if tags.ALL in page_tags or tags.SITE in page_tags:
        found += [reverse(name) for name in SITE_WIDE]
        found += [reverse("syndication:sitemap", kwargs={"section": s}) for s in SITEMAPS]
    articles = Article.objects.filter(Q(pk__in=article_ids) | related).published()
    articles = articles.select_related("category").distinct().order_by("-published_at")
    for item in articles.only("pk", "slug", "pub_date", "category__slug"):
        found.append(item.get_absolute_url())
    for pk in sorted(article_ids):
        found.append(reverse("comments:article-feed", kwargs={"article_id": pk}))
    return list(dict.fromkeys(found))


def _more_pages(path: str, count: int) -> list[str]:
    pages = math.ceil(count / settings.ARTICLES_PER_PAGE)
    return [f"{path}?page={n}" for n in range(2, pages + 1)]


def absolute(paths: Iterable[str]) -> list[str]:
    return [settings.SITE_URL + path for path in paths]
