"""What every search backend offers: writing an article's text, finding and scoring matches."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Expression, QuerySet

from ..models import SearchDocument
from ..query import ParsedQuery
from ..ranking import Match


@dataclass(frozen=True)
class IndexedText:
    """The plain text of one article, field by field, as the index should know it."""

    article_id: int
    title: str
    standfirst: str
    body: str
    topics: str
    authors: str


@dataclass(frozen=True)
class Matches:
    total: int | None  # every match, when asked for
    newest: list[Match]


class SearchBackend(ABC):
    def vector(self, text: IndexedText) -> Expression | None:
        """The value of SearchDocument.vector for this text, where the engine uses it."""
        return None

    def write(self, texts: Sequence[IndexedText]) -> None:  # noqa: B027
        """Store the text once the SearchDocument rows are written, where the engine
        keeps it elsewhere (SQLite's FTS5 table)."""

    def optimize(self) -> None:  # noqa: B027
        """Housekeeping after a full rebuild, so the first queries are as fast as later ones."""

    @abstractmethod
    def newest_matches(
        self,
        query: ParsedQuery,
        documents: QuerySet[SearchDocument],
        *,
        offset: int,
        limit: int,
        count: bool,
    ) -> Matches:
        """Matches of a non-empty query among `documents`, newest first, and with `count`
        how many there are in all."""

    @abstractmethod
    def relevance(self, query: ParsedQuery, article_ids: Sequence[int]) -> dict[int, float]:
        """The engine's relevance of each of these matches (higher is better)."""
