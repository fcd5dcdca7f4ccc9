"""Search results: the engine's hits as articles with highlighted snippets, page by page."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from django.db.models import Count
from django.utils import timezone
from django.utils.safestring import SafeString

from manchette.articles.models import Article, Tag

from .backends import get_backend
from .indexing import index_articles, plain_text
from .query import Filters, ParsedQuery, published_documents
from .ranking import RANKED_MATCHES, Ranked, rank
from .snippets import highlight, snippet

# A hint past this page is not believed (nobody reads that far; giant offsets are
# refused by the database): the paginator then shows the last real page.
MAX_PAGE_HINT = 1000
TOPICS_SHOWN = 12
TOPICS_RECENT_DAYS = 30


@dataclass(frozen=True)
class Result:
    article: Article
    title: SafeString  # escaped, matches marked
    snippet: SafeString  # escaped, matches marked; empty when only title or labels match
    score: float


def search(
    query: ParsedQuery, filters: Filters, *, offset: int, limit: int
) -> tuple[int, list[Result]]:
    """One page of results, and the number of matches. See ranking for the order."""
    if query.is_empty:
        return 0, []
    backend = get_backend()
    now = timezone.now()
    documents = published_documents(filters, now)
    window = backend.newest_matches(query, documents, offset=0, limit=RANKED_MATCHES, count=True)
    total = window.total or 0
    page: list[Ranked] = []
    if offset < len(window.newest):
        ids = [match.article_id for match in window.newest]
        ranked = rank(window.newest, backend.relevance(query, ids), now.timestamp())
        page = ranked[offset : offset + limit]
    wanted = limit - len(page)
    if wanted and total > RANKED_MATCHES and offset + len(page) >= RANKED_MATCHES:
        older = backend.newest_matches(
            query, documents, offset=max(offset, RANKED_MATCHES), limit=wanted, count=False
        )
        page += [Ranked(match.article_id, 0.0) for match in older.newest]
    return total, _results(query, page)


def _results(query: ParsedQuery, page: list[Ranked]) -> list[Result]:
    """The articles of a page, with their snippets. The article's own publication rule
    (Article.is_public, the one published() applies) has the last word: an index entry
    left behind by a change that skipped save() (a queryset update) is not shown, and
    is corrected on the spot."""
    ids = [ranked.article_id for ranked in page]
    # By primary key: a published() filter here made SQLite scan the status index.
    loaded = Article.objects.for_listing().in_bulk(ids)
    articles = {pk: article for pk, article in loaded.items() if article.is_public}
    if stale := set(ids) - set(articles):
        index_articles(stale)
    terms = query.highlight_terms
    results = []
    for ranked in page:
        if article := articles.get(ranked.article_id):
            text = f"{article.standfirst}\n{plain_text(article.body)}"
            results.append(
                Result(article, highlight(article.title, terms), snippet(text, terms), ranked.score)
            )
    return results


class SearchResults(Sequence[Result]):
    """A search seen as a list, for Django's Paginator. The count comes with the page
    asked for, so a page runs one search (two when asked for a page past the end)."""

    def __init__(self, query: ParsedQuery, filters: Filters, *, per_page: int, page: object):
        self.query, self.filters, self.per_page = query, filters, per_page
        self._first_offset = (page_hint(page) - 1) * per_page
        self._fetched: tuple[int, int, list[Result]] | None = None  # offset, total, rows

    def _fetch(self, offset: int) -> tuple[int, int, list[Result]]:
        if self._fetched is None or self._fetched[0] != offset:
            total, rows = search(self.query, self.filters, offset=offset, limit=self.per_page)
            self._fetched = (offset, total, rows)
        return self._fetched

    def count(self) -> int:
        offset = self._fetched[0] if self._fetched else self._first_offset
        return self._fetch(offset)[1]

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Result: ...
    @overload
    def __getitem__(self, index: slice) -> list[Result]: ...
    def __getitem__(self, index: int | slice) -> Result | list[Result]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        _, _, rows = self._fetch(start)
        return rows[: (index.stop or start + self.per_page) - start]


def page_hint(value: object) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE_HINT)


def current_topics() -> list[Tag]:
    """The topics of the most articles published lately, for an empty search."""
    since = timezone.now() - datetime.timedelta(days=TOPICS_RECENT_DAYS)
    recent = Article.objects.published().filter(published_at__gte=since)
    return list(
        Tag.objects.filter(articles__in=recent)
        .annotate(recent_count=Count("articles"))
        .order_by("-recent_count", "name")[:TOPICS_SHOWN]
    )
