"""PostgreSQL backend: `french` with unaccent, a stored tsvector and a GIN index."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, Expression, F, QuerySet, TextField, Value, Window

from ..analysis import strip_elisions
from ..models import SearchDocument
from ..query import ParsedQuery, Part
from ..ranking import Match
from .base import IndexedText, Matches, SearchBackend

CONFIG = "manchette_french"  # made by migration 0003: french, accents removed first
# PostgreSQL weighs its classes A, B, C, D; see ranking.FIELD_WEIGHTS for SQLite's.
WEIGHTS = {"title": "A", "standfirst": "B", "topics": "B", "authors": "B", "body": "C"}


def _text(value: str) -> Value:
    # PostgreSQL analyses the text itself; elided articles go first (see analysis), and
    # NUL, which a text value cannot hold.
    return Value(strip_elisions(value).replace("\x00", ""), output_field=TextField())


def _clause(part: Part) -> SearchQuery:
    # phraseto_tsquery: terms in order, stop words keeping their place, and no operator
    # syntax at all, so nothing a reader types is read as tsquery syntax.
    return SearchQuery(part.text, search_type="phrase", config=CONFIG)


def _required(query: ParsedQuery) -> SearchQuery:
    return functools.reduce(operator.and_, [_clause(part) for part in query.required])


class PostgresBackend(SearchBackend):
    def vector(self, text: IndexedText) -> Expression:
        return functools.reduce(
            operator.add,
            [
                SearchVector(_text(getattr(text, name)), weight=weight, config=CONFIG)
                for name, weight in WEIGHTS.items()
            ],
        )

    def optimize(self) -> None:
        # Merge the entries a bulk write left in the GIN index's pending list, which
        # every query would read through, and give the planner fresh statistics.
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('search_document_vector'::regclass)")
            cursor.execute("ANALYZE search_searchdocument")

    def _matching(
        self, query: ParsedQuery, documents: QuerySet[SearchDocument]
    ) -> QuerySet[SearchDocument]:
        matching = documents.filter(vector=_required(query))
        for part in query.excluded:
            # An anti-join on the GIN index: a NOT inside the tsquery would make
            # PostgreSQL re-read the vector of every match to check it.
            excluded = SearchDocument.objects.filter(vector=_clause(part)).values("pk")
            matching = matching.exclude(pk__in=excluded)
        return matching

    def newest_matches(
        self,
        query: ParsedQuery,
        documents: QuerySet[SearchDocument],
        *,
        offset: int,
        limit: int,
        count: bool,
    ) -> Matches:
        matching = self._matching(query, documents)
        rows = matching.order_by("-published_at", "-pk")
        if count:
            rows = rows.annotate(total=Window(Count("pk")))
            values = rows.values_list("pk", "published_at", "total")
        else:
            values = rows.values_list("pk", "published_at")
        page = list(values[offset : offset + limit])
        newest = [Match(row[0], row[1].timestamp()) for row in page]
        if not count:
            return Matches(None, newest)
        if page or not offset:
            return Matches(page[0][2] if page else 0, newest)
        return Matches(matching.count(), newest)

    def relevance(self, query: ParsedQuery, article_ids: Sequence[int]) -> dict[int, float]:
        rank = SearchRank(F("vector"), _required(query), cover_density=True, normalization=Value(1))
        scored = SearchDocument.objects.filter(pk__in=article_ids).annotate(rank=rank)
        return dict(scored.values_list("pk", "rank"))
