"""Queries the article page needs, each in a fixed number of SQL statements."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Article, Byline


def article_page_queryset() -> QuerySet[Article]:
    from manchette.images.models import prefetch_renditions

    return Article.objects.select_related("category", "lead_image").prefetch_related(
        prefetch_renditions("lead_image__renditions"),
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        "tags",
        "sources",
        "corrections",
    )


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """Articles sharing the most topics, then the same category, newest first."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    return list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(Q(tags__in=tag_ids) | Q(category_id=article.category_id))
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared", "-published_at")
        .distinct()
        .for_listing()[:limit]
    )
