"""No query string, however odd, breaks the search page or reaches the engine's syntax."""

from __future__ import annotations

import pytest

from manchette.articles.tests.builders import make_article

from .conftest import titles

HOSTILE = [
    "AND", "OR", "NOT", "NEAR", "a AND b", "budget OR", "NOT budget", "budget NOT",
    "NEAR(budget retraite, 2)", "budget NEAR/3 retraite", '"', '""', '"""', '"budget',
    'budget"', 'bud"get', "'", "l'", "’", "*", "budget*", "*budget", "^budget", "budget^2",
    ":", "title:budget", "body : budget", "-", "--", "-budget", "- budget", "(", ")",
    "(budget", "budget)", "((()))", "{budget}", "[budget]", "budget & retraite",
    "budget | retraite", "!budget", "budget <-> retraite", "budget <2> retraite",
    "budget:*", "'budget':A", "\\", "budget\\", "%", "_", "%_%", ";", "'; DROP TABLE x; --",
    "\x00", "bud\x00get", "\x01\x02\x1f\x7f", "\t\n\r", "\u200b\u200d\ufeff",
    "le la les de", "...", "!!! ??? ,,,", "« »", "— – -", "é", "ß", "ﬁnance", "²",
    "日本語", "مرحبا", "🙂 budget 🙂", "x" * 10_000, "budget " * 2000, "\"a\" " * 300,
    "-a " * 300, " ".join(f"mot{i}" for i in range(300)),
    '"' + " ".join(f"mot{i}" for i in range(300)) + '"',
    " ".join(f"-mot{i}" for i in range(300)) + " budget",
]  # fmt: skip


@pytest.fixture
def some_articles(backend):
    make_article(title="Le budget de la retraite", body="<p>Un budget voté.</p>")
    make_article(title="Autre sujet")


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_the_page_answers_any_query(client, some_articles, query):
    response = client.get("/recherche/", {"q": query, "page": "2"})

    assert response.status_code == 200


def test_bytes_that_are_not_utf8_are_read_as_replacement_characters(client, some_articles):
    response = client.get("/recherche/?q=%ED%A0%80%FF%00budget&du=%FF")

    assert response.status_code == 200


def test_the_search_function_answers_every_hostile_query(some_articles):
    for query in HOSTILE:
        titles(query)  # raises on any engine error


@pytest.mark.parametrize("query", ["budget AND", "budget OR retraite", "NOT budget", "budget*"])
def test_operators_are_plain_words(some_articles, query):
    # "budget OR retraite" means both words: "or" and "and" are words like others.
    assert titles(query) in ([], ["Le budget de la retraite"])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("du", "2026-13-45"), ("du", "hier"), ("au", "\x00"), ("au", "9" * 400),
        ("rubrique", "n-existe-pas"), ("rubrique", "\x00"), ("genre", "<b>"),
        ("page", "-1"), ("page", "abc"), ("page", "9" * 400), ("page", "1e9"),
    ],
)  # fmt: skip
def test_malformed_filters_are_ignored(client, some_articles, name, value):
    response = client.get("/recherche/", {"q": "budget", name: value})

    assert response.status_code == 200
    assert response.context["total"] == 1
