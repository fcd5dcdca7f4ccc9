"""Keeps the search index in step with the articles: what is indexed, written in bulk."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Prefetch

from manchette.articles.models import Article, ArticleQuerySet, Byline

from .backends import IndexedText, get_backend
from .models import SearchDocument

# Published and scheduled articles are indexed; whether one may be shown yet is decided
# at query time by Article.objects.published(), so a scheduled article needs no
# re-indexing at its hour. Drafts, articles in review and archived ones are left out.
PUBLICATION_FIELDS = ["status", "published_at", "pub_date", "category_id", "article_type"]

# Bodies are sanitized by nh3 on every save (no comments, scripts or stray "<"), so a
# pattern is enough to take the tags out; inline tags join, block tags separate words.
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
INLINE_TAGS = frozenset({"a", "b", "em", "i", "s", "strong", "sub", "sup", "u", "span", "code"})


def plain_text(body: str) -> str:
    """The words of an HTML body, without markup or entities."""
    text = TAG.sub(lambda m: "" if m.group(2).lower() in INLINE_TAGS else " ", body)
    return " ".join(html.unescape(text).split())


def indexed_text(article: Article) -> IndexedText:
    """Needs the article's tags and bylines (with authors) prefetched, as _loaded()
    does, or costs two queries."""
    return IndexedText(
        article_id=article.pk,
        title=article.title,
        standfirst=article.standfirst,
        body=plain_text(article.body),
        topics=" · ".join(tag.name for tag in article.tags.all()),
        authors=", ".join(byline.author.name for byline in article.bylines.all()),
    )


def _indexable() -> ArticleQuerySet:
    # Without a publication time it is public to no one (and nothing to sort by).
    return Article.objects.filter(status__in=Article.LIVE_STATUSES, published_at__isnull=False)


def _loaded(article_ids: Iterable[int]) -> list[Article]:
    """The indexable articles among these, with what indexing reads, in three queries."""
    return list(
        _indexable()
        .filter(pk__in=article_ids)
        .only("pk", "title", "standfirst", "body", *PUBLICATION_FIELDS)
        .prefetch_related(
            Prefetch("tags"),
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        )
    )


def _write(articles: list[Article]) -> None:
    if not articles:
        return
    backend = get_backend()
    texts = [indexed_text(article) for article in articles]
    documents = [
        SearchDocument(
            article_id=article.pk,
            **{name: getattr(article, name) for name in PUBLICATION_FIELDS},
            vector=backend.vector(text),
        )
        for article, text in zip(articles, texts, strict=True)
    ]
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=[name.removesuffix("_id") for name in PUBLICATION_FIELDS]
        + ["vector", "indexed_at"],
    )
    backend.write(texts)


def index_articles(article_ids: Iterable[int]) -> int:
    """Bring these articles' entries up to date: (re)write the published and scheduled
    ones, drop the others. Returns how many are now indexed."""
    wanted = set(article_ids)
    if not wanted:
        return 0
    with transaction.atomic():
        articles = _loaded(wanted)
        _write(articles)
        stale = wanted - {article.pk for article in articles}
        if stale:
            SearchDocument.objects.filter(pk__in=stale).delete()
    return len(articles)


def rebuild_index(
    *, batch_size: int = 500, progress: Callable[[int, int], None] | None = None
) -> int:
    """Index every published and scheduled article afresh, in one transaction so
    readers keep the old index until the new one is complete. Returns the count."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        ids = list(_indexable().order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            _write(_loaded(batch))
            done += len(batch)
            if progress:
                progress(done, len(ids))
        get_backend().optimize()
    return len(ids)
