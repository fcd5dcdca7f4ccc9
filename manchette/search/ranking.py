"""How results are ordered: the engine's relevance, a freshness boost, and a bound on the work.

Relevance is the engine's own: bm25 on SQLite, ts_rank_cd on PostgreSQL, both weighting a
match in the title most, then the standfirst, topics and authors, then the body. It is
multiplied by a freshness boost that fades with age:

    score = relevance × (1 + FRESHNESS_BOOST / (1 + age_in_days / FRESHNESS_DAYS))

A story published today counts double, one a month old ×1.5, one a year old ×1.08: of
two similar matches the newer comes first, yet a much better old match still beats a
passing mention in today's news.

The engines return the RANKED_MATCHES newest matches and the total; those are ranked by
score, and any older matches follow, newest first. A query of specific words matches
fewer articles than that and is ranked whole. A very common word (in a fifth of a
100,000-article archive) would otherwise cost a relevance computation per match on
every page, which PostgreSQL cannot do within a page's time budget; for such words the
newest thousand matches are also the ones a news reader is after, and a date range or
one more word reaches further back.
"""

from __future__ import annotations

from dataclasses import dataclass

RANKED_MATCHES = 1000
FRESHNESS_BOOST = 1.0
FRESHNESS_DAYS = 30.0
# Weight of a match per field, as PostgreSQL's A, B and C classes weigh them by default
# (1.0, 0.4, 0.2): title 5, standfirst, topics and authors 2, body 1.
FIELD_WEIGHTS = {"title": 5.0, "standfirst": 2.0, "body": 1.0, "topics": 2.0, "authors": 2.0}


@dataclass(frozen=True)
class Match:
    article_id: int
    published: float  # POSIX timestamp


@dataclass(frozen=True)
class Ranked:
    article_id: int
    score: float  # 0 for the matches after the ranked ones


def freshness(published: float, now: float) -> float:
    age_in_days = max(0.0, (now - published) / 86400)
    return 1 + FRESHNESS_BOOST / (1 + age_in_days / FRESHNESS_DAYS)


def rank(matches: list[Match], relevance: dict[int, float], now: float) -> list[Ranked]:
    """Best score first; equal scores newest first (the matches come newest first)."""
    scored = [
        Ranked(
            match.article_id, relevance.get(match.article_id, 0.0) * freshness(match.published, now)
        )
        for match in matches
    ]
    return sorted(scored, key=lambda ranked: ranked.score, reverse=True)
