"""Fixtures of the search tests: each test runs once per backend, on the database in use.

The suite runs on SQLite, and again in CI on PostgreSQL (DATABASE_URL, REQUIRE_POSTGRES);
each run takes the cases of its own engine and skips the other's.
"""

from __future__ import annotations

import pytest
from django.db import connection

from manchette.search.query import Filters, parse
from manchette.search.results import search


@pytest.fixture(
    params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def backend(request, db) -> str:
    if connection.vendor != request.param:
        pytest.skip(f"{request.param} only; this run uses {connection.vendor}")
    return request.param


def titles(query: str, **filters) -> list[str]:
    """What a reader finds, best first, through the real search function."""
    _, results = search(parse(query), Filters(**filters), offset=0, limit=100)
    return [result.article.title for result in results]
