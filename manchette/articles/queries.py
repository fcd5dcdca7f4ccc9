"""Queries the article page needs, each in a fixed number of SQL statements."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from .models import Article, Byline

RELATED_CANDIDATES = 30


def article_page_queryset() -> QuerySet[Article]:
    """The article a page is about: what deciding who may see it, and where, needs.
    What its text shows comes with fill_article_page, only when that text is rendered."""
    return Article.objects.select_related("category")


def fill_article_page(article: Article) -> None:
    """Fetch, once, what the article's text shows: lead image renditions, bylines,
    topics, sources and corrections (a lookup already fetched is not fetched again)."""
    from manchette.images.models import prefetch_renditions

    prefetch_related_objects(
        [article],
        prefetch_renditions("lead_image__renditions"),
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        "tags",
        "sources",
        "corrections",
    )


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """Articles sharing the most topics, then the same category, newest first: chosen
    among the newest few of each (RELATED_CANDIDATES), so a topic or a category with a
    hundred thousand articles costs no more than a small one."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    others = Article.objects.published().exclude(pk=article.pk).order_by("-published_at")
    # From the topics' own rows, not by walking every article for one that has them.
    tagged = Article.tags.through.objects.filter(tag_id__in=tag_ids).values("article_id")
    by_topic = others.filter(pk__in=tagged).values("pk")[:RELATED_CANDIDATES]
    by_category = others.filter(category_id=article.category_id).values("pk")[:RELATED_CANDIDATES]
    return list(
        Article.objects.filter(Q(pk__in=by_topic) | Q(pk__in=by_category))
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared", "-published_at")
        .for_teasers()[:limit]
    )
