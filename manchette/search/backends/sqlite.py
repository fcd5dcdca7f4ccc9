"""SQLite backend: an FTS5 table fed with terms from our own French analyser."""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.db import connection
from django.db.models import QuerySet

from ..analysis import analyse
from ..models import SearchDocument
from ..query import ParsedQuery, Part
from ..ranking import FIELD_WEIGHTS, Match
from .base import IndexedText, Matches, SearchBackend

COLUMNS = list(FIELD_WEIGHTS)  # the FTS5 table's columns, in order
# bm25() takes one weight per column; it is negative, lower is better.
BM25 = "bm25(search_fts, {})".format(", ".join(str(w) for w in FIELD_WEIGHTS.values()))
UNIX_EPOCH_JULIAN_DAY = 2440587.5


def _phrase(part: Part) -> str:
    # Terms are letters and digits only, but a quote must never reach the FTS5 parser.
    return '"{}"'.format(" ".join(part.terms).replace('"', '""'))


def match_expression(query: ParsedQuery) -> str:
    """An FTS5 query built only from quoted terms, so no operator a reader types
    (AND, OR, NOT, NEAR, *, ^, :, parentheses) can reach FTS5's own syntax."""
    expression = "(" + " AND ".join(_phrase(part) for part in query.required) + ")"
    return expression + "".join(f" NOT {_phrase(part)}" for part in query.excluded)


class SQLiteBackend(SearchBackend):
    def write(self, texts: Sequence[IndexedText]) -> None:
        rows = [
            (text.article_id, *(" ".join(analyse(getattr(text, name))) for name in COLUMNS))
            for text in texts
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid IN (SELECT value FROM json_each(%s))",
                [json.dumps([row[0] for row in rows])],
            )
            cursor.executemany(
                f"INSERT INTO search_fts(rowid, {', '.join(COLUMNS)}) "
                f"VALUES (%s, {', '.join(['%s'] * len(COLUMNS))})",
                rows,
            )

    def optimize(self) -> None:
        # Merges the segments written batch by batch into one b-tree per term.
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    def newest_matches(
        self,
        query: ParsedQuery,
        documents: QuerySet[SearchDocument],
        *,
        offset: int,
        limit: int,
        count: bool,
    ) -> Matches:
        # The publication rule and the reader's filters come from the ORM, as a derived
        # table that SQLite flattens into one covering-index lookup per match. CROSS
        # JOIN keeps that order: starting from the documents and probing FTS5 once per
        # document is many times slower.
        selected, params = (
            documents.order_by().values("article_id", "published_at").query.sql_with_params()
        )
        total = ", COUNT(*) OVER ()" if count else ""
        published = f"(julianday(d.published_at) - {UNIX_EPOCH_JULIAN_DAY}) * 86400"
        sql = f"""
            SELECT d.article_id, {published}{total}
            FROM search_fts CROSS JOIN ({selected}) AS d ON d.article_id = search_fts.rowid
            WHERE search_fts MATCH %s
            ORDER BY d.published_at DESC, d.article_id DESC
            LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, match_expression(query), limit, offset])
            rows = cursor.fetchall()
        newest = [Match(row[0], row[1]) for row in rows]
        if not count:
            return Matches(None, newest)
        if rows or not offset:
            return Matches(rows[0][2] if rows else 0, newest)
        return Matches(self._count(query, selected, params), newest)

    def _count(self, query: ParsedQuery, selected: str, params: tuple) -> int:
        """The total alone, for an offset past the last match (no row to carry it)."""
        sql = f"""
            SELECT COUNT(*)
            FROM search_fts CROSS JOIN ({selected}) AS d ON d.article_id = search_fts.rowid
            WHERE search_fts MATCH %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, match_expression(query)])
            return cursor.fetchone()[0]

    def relevance(self, query: ParsedQuery, article_ids: Sequence[int]) -> dict[int, float]:
        if not article_ids:
            return {}
        # bm25() is only computed for the rows kept. The unary + stops SQLite from
        # handing the list to FTS5, which would run the whole query once per rowid.
        sql = f"""
            SELECT rowid, -{BM25} FROM search_fts
            WHERE search_fts MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [match_expression(query), json.dumps(list(article_ids))])
            return dict(cursor.fetchall())
