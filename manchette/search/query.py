"""What a reader asked for: the words of a query, parsed and analysed, and the filters."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet

from manchette.articles.models import Article, ArticleQuerySet, Category, published_q

from .analysis import analyse, strip_elisions
from .models import SearchDocument

# Longer queries are cut: nobody types more, and every clause costs the engine work.
MAX_QUERY_LENGTH = 500
MAX_PARTS = 20

# Typographic quotes count as quotes; the query is parsed on this translated copy only.
QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"'})
# A quoted phrase (unbalanced: to the end of the query, as PostgreSQL's websearch
# syntax reads it) or a bare word, each with an optional "-" that excludes it.
CLAUSE = re.compile(r'(?P<minus>-?)(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')


@dataclass(frozen=True)
class Part:
    """One clause: a word or a phrase. Several terms must follow each other."""

    text: str  # as typed, elisions removed: what PostgreSQL's own parser receives
    terms: tuple[str, ...]  # as the analyser sees it: what SQLite's index holds


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    required: tuple[Part, ...] = ()
    excluded: tuple[Part, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no words, only stop words or punctuation, or only
        exclusions (which cannot be searched on their own)."""
        return not self.required

    @property
    def highlight_terms(self) -> frozenset[str]:
        return frozenset(term for part in self.required for term in part.terms)


def clean(raw: str) -> str:
    """The query without control or invisible characters, cut to a sane length."""
    kept = []
    # Only the start matters; cleaning a megabyte of pasted text would be wasted work.
    for char in raw[: MAX_QUERY_LENGTH * 4]:
        category = unicodedata.category(char)
        if category == "Cf":  # soft hyphens, zero-width joiners: invisible, glue words
            continue
        kept.append(" " if category[0] in "CZ" else char)
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH].strip()


def parse(raw: str) -> ParsedQuery:
    text = clean(raw)
    required: dict[tuple[str, ...], Part] = {}
    excluded: dict[tuple[str, ...], Part] = {}
    for match in CLAUSE.finditer(text.translate(QUOTES)):
        words = match.group("phrase") if match.group("phrase") is not None else match["word"]
        terms = tuple(analyse(words))
        if not terms:
            continue
        target = excluded if match.group("minus") else required
        if len(required) + len(excluded) < MAX_PARTS:
            target.setdefault(terms, Part(" ".join(strip_elisions(words).split()), terms))
    return ParsedQuery(text, tuple(required.values()), tuple(excluded.values()))


@dataclass(frozen=True)
class Filters:
    category: str = ""  # a category slug
    article_type: str = ""  # an Article.Type value
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def __bool__(self) -> bool:
        return bool(self.category or self.article_type or self.date_from or self.date_to)


def _filtered(queryset: QuerySet, filters: Filters) -> QuerySet:
    """Articles or index entries narrowed by the reader's filters (same field names)."""
    if filters.category:
        # A subquery rather than a join keeps the engine's query a single-table lookup.
        queryset = queryset.filter(category__in=Category.objects.filter(slug=filters.category))
    if filters.article_type:
        queryset = queryset.filter(article_type=filters.article_type)
    # The local calendar day of publication, as in the article's address.
    if filters.date_from:
        queryset = queryset.filter(pub_date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(pub_date__lte=filters.date_to)
    return queryset


def published_articles(filters: Filters) -> ArticleQuerySet:
    """The latest articles for an empty query, within the filters."""
    return _filtered(Article.objects.published(), filters)


def published_documents(filters: Filters, now: datetime.datetime) -> QuerySet[SearchDocument]:
    """The index entries a search may return. Article.objects.published()'s rule, applied
    at query time to the index's copy of the publication fields: a scheduled article
    turns up at its hour with no re-indexing. Each article shown is then checked against
    the article itself (see results._results)."""
    return _filtered(SearchDocument.objects.filter(published_q(now)), filters)
