"""Names of what a page depends on ("tags"). A cached page lists its tags; a change bumps
the tags it touches, and every page listing one of them is rendered afresh.

- SITE: everything (layout, navigation, categories, topics, authors, static pages);
- ALL: any article appearing, changing or leaving (front page, search, site feeds,
  sitemaps);
- article(pk): one article's page and its comments;
- category / topic / author (by slug): membership of that listing and its feeds.
"""

from __future__ import annotations

from collections.abc import Iterable

SITE = "site"
ALL = "all"


def article(pk: int) -> str:
    return f"a:{pk}"


def category(slug: str) -> str:
    return f"c:{slug}"


def topic(slug: str) -> str:
    return f"t:{slug}"


def author(slug: str) -> str:
    return f"au:{slug}"


def of_article(article_obj) -> set[str]:
    """Every tag an article's change touches: its page and each listing it appears in.
    Reads tags and bylines through the prefetch cache when the caller filled it."""
    found = {ALL, article(article_obj.pk)}
    if article_obj.category_id:
        found.add(category(article_obj.category.slug))
    found.update(topic(t.slug) for t in article_obj.tags.all())
    found.update(author(b.author.slug) for b in article_obj.bylines.all())
    return found


def of_articles(pks: Iterable[int]) -> set[str]:
    from django.db.models import Prefetch

    from manchette.articles.models import Article, Byline

    bylines = Prefetch("bylines", queryset=Byline.objects.select_related("author"))
    articles = Article.objects.filter(pk__in=list(pks)).select_related("category")
    found: set[str] = set()
    for item in articles.prefetch_related("tags", bylines):
        found |= of_article(item)
    return found


def for_article_text(article_obj) -> set[str]:
    """What an article's own text and comments show: itself, and names (of authors,
    topics, categories) that only SITE-wide changes alter."""
    return {SITE, article(article_obj.pk)}


def for_article_page(article_obj) -> set[str]:
    """What an article page shows: itself, and related articles drawn from its category
    and its topics (see articles.queries.related_articles)."""
    found = {SITE, article(article_obj.pk), category(article_obj.category.slug)}
    found.update(topic(t.slug) for t in article_obj.tags.all())
    return found
