"""Whatever a reader types in the search box, the page answers and the engine never sees syntax."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from manchette.articles.tests.builders import make_article
from manchette.search.backends.sqlite import match_expression
from manchette.search.query import MAX_PARTS, MAX_QUERY_LENGTH, Filters, clean, parse
from manchette.search.results import search

# The database fixture lives for the whole test,
# not one example: harmless here, since the examples only read.
FUZZ = settings(max_examples=300)
ENGINE = settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# What readers type, and what engines treat as syntax, mixed with arbitrary text.
SYNTAX = [
    '"', "«", "»", "“", "”", "„", "-", "*", "^", ":", "(", ")", "{", "}", "[", "]", "'", "’",
    "\\", "%", "_", ";", "&", "|", "!", "<", ">", "<->", "AND", "OR", "NOT", "NEAR", "NEAR/2",
    "\x00", "\x1f", "\x7f", "\u200b", "\u00ad", "\ufeff", "\u202f", "\t", "\n", " ",
    "l'", "qu’", "budget", "retraite", "Élysée", "ﬁnance", "²", "¼", "日本", "🙂",
]  # fmt: skip
QUERIES = st.one_of(
    st.text(),
    st.lists(st.sampled_from(SYNTAX), max_size=30).map("".join),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=4)), max_size=30).map(" ".join),
)


@FUZZ
@given(QUERIES)
@example("x" * 10_000)
@example('"' * 501)
@example("-" + "-a " * 300)
def test_any_query_is_cleaned_and_parsed_without_error(raw: str):
    cleaned = clean(raw)
    query = parse(raw)

    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert clean(cleaned) == cleaned
    assert not any(
        unicodedata.category(char)[0] == "C" or (char.isspace() and char != " ") for char in cleaned
    ), cleaned
    assert query.text == cleaned
    assert len(query.required) + len(query.excluded) <= MAX_PARTS


@FUZZ
@given(QUERIES)
def test_no_term_can_carry_engine_syntax(raw: str):
    query = parse(raw)

    for part in (*query.required, *query.excluded):
        assert part.terms
        for term in part.terms:
            # The SQLite backend quotes each phrase; a quote or a space inside a term
            # is the only way out of those quotes.
            assert term and '"' not in term and not any(char.isspace() for char in term)
        assert "\x00" not in part.text
    if not query.is_empty:
        expression = match_expression(query)
        # Every phrase is quoted, the quotes balanced: no operator of the reader's.
        assert expression.count('"') % 2 == 0


@pytest.fixture
def some_articles(backend):
    make_article(title="Le budget de la retraite", body="<p>Un budget voté à l’Élysée.</p>")
    make_article(title="Autre sujet")


@ENGINE
@given(QUERIES)
@example('budget NEAR(" retraite')
@example("-budget")
def test_the_engine_answers_any_query(some_articles, raw: str):
    total, results = search(parse(raw), Filters(), offset=0, limit=10)

    assert total >= len(results)


@ENGINE
@given(
    QUERIES,
    st.one_of(st.none(), st.sampled_from(["1", "2", "-1", "0", "abc", "9" * 30]), st.text()),
)
@example("budget", "9" * 400)
def test_the_search_page_answers_any_query(client, some_articles, raw: str, page: str | None):
    params = {"q": raw} if page is None else {"q": raw, "page": page}

    response = client.get("/recherche/", params)

    assert response.status_code == 200
