"""Phrases, exclusions, filters, ranking and snippets, on each backend."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from manchette.articles.models import Article, Category
from manchette.articles.tests.builders import make_article
from manchette.search.query import Filters, parse
from manchette.search.results import search

from .conftest import titles


def test_a_quoted_phrase_needs_its_words_in_a_row(backend):
    make_article(title="Le prix de l’énergie flambe")
    make_article(title="L’énergie a un prix", body="<p>Rien à voir.</p>")

    assert sorted(titles("prix énergie")) == ["Le prix de l’énergie flambe", "L’énergie a un prix"]
    assert titles('"prix de l’énergie"') == ["Le prix de l’énergie flambe"]
    assert titles("«\u202fprix de l’énergie\u202f»") == ["Le prix de l’énergie flambe"]


def test_a_minus_excludes_a_word(backend):
    make_article(title="Budget du sport", body="<p>Le football amateur.</p>")
    make_article(title="Budget de la culture")

    assert titles("budget -football") == ["Budget de la culture"]
    assert titles('budget -"football amateur"') == ["Budget de la culture"]


def test_filters_narrow_by_category_type_and_dates(backend):
    culture = Category.objects.create(name="Culture", slug="culture")
    make_article(title="Réforme en politique", hours_ago=24 * 10)
    make_article(title="Réforme en culture", category=culture, hours_ago=24 * 3)
    make_article(title="Réforme analysée", article_type=Article.Type.ANALYSIS, hours_ago=1)
    today = timezone.localdate()

    assert titles("réforme", category="culture") == ["Réforme en culture"]
    assert titles("réforme", article_type="analysis") == ["Réforme analysée"]
    assert titles("réforme", date_from=today - datetime.timedelta(days=5)) == [
        "Réforme analysée",
        "Réforme en culture",
    ]
    assert titles(
        "réforme",
        date_from=today - datetime.timedelta(days=11),
        date_to=today - datetime.timedelta(days=9),
    ) == ["Réforme en politique"]


def test_a_match_in_the_title_ranks_above_one_in_the_body(backend):
    make_article(title="Chronique du jour", body="<p>On parle aussi de sécheresse.</p>")
    make_article(title="La sécheresse s’aggrave", hours_ago=48)

    assert titles("sécheresse") == ["La sécheresse s’aggrave", "Chronique du jour"]


def test_of_two_equal_matches_the_newer_comes_first(backend):
    make_article(title="Inflation : les chiffres", hours_ago=24 * 90)
    make_article(title="Inflation : les chiffres", hours_ago=2, slug="inflation-bis")
    make_article(title="Inflation : les chiffres", hours_ago=24 * 20, slug="inflation-ter")

    _, results = search(parse("inflation"), Filters(), offset=0, limit=10)

    ages = [timezone.now() - result.article.published_at for result in results]
    assert ages == sorted(ages)
    assert results[0].score > results[1].score > results[2].score


def test_snippets_mark_the_matches_in_context(backend):
    body = "<p>" + "Un mot sans intérêt. " * 30 + "Les <b>négociations</b> reprennent.</p>"
    make_article(title="Négociations salariales", standfirst="", body=body)

    _, (result,) = search(parse("négociait"), Filters(), offset=0, limit=10)

    assert result.title == "<mark>Négociations</mark> salariales"
    assert "<mark>négociations</mark> reprennent." in result.snippet
    assert result.snippet.startswith("… ")


def test_snippets_escape_article_text_and_marks_are_the_only_markup(backend):
    make_article(
        title="<img src=x onerror=boom(1)> Alerte",
        standfirst='Le chapô "cite" <script>alert(2)</script> une alerte.',
    )

    _, (result,) = search(parse("alerte <script>"), Filters(), offset=0, limit=10)

    assert result.title == "&lt;img src=x onerror=boom(1)&gt; <mark>Alerte</mark>"
    assert "<script" not in result.snippet
    assert "&lt;<mark>script</mark>&gt;" in result.snippet
    assert "<mark>alerte</mark>" in result.snippet


@pytest.mark.parametrize("hours_ago", [-1, -48])
def test_a_scheduled_article_waits_for_its_time(backend, hours_ago):
    make_article(title="Annonce programmée", status=Article.Status.SCHEDULED, hours_ago=hours_ago)

    assert titles("annonce") == []


def test_matches_beyond_the_ranked_window_follow_newest_first(backend, monkeypatch):
    monkeypatch.setattr("manchette.search.results.RANKED_MATCHES", 3)
    for hours in range(1, 7):
        make_article(title=f"Retraites {hours}", body="<p>Texte.</p>", hours_ago=hours * 24)
    # Among the three newest, the best match comes first despite its age.
    make_article(title="Retraites, retraites et retraites", hours_ago=2 * 24 + 1, slug="r")

    pages = [search(parse("retraites"), Filters(), offset=o, limit=2) for o in (0, 2, 4, 6)]

    assert {total for total, _ in pages} == {7}
    found = [result.article.title for _, results in pages for result in results]
    assert found[:3] == ["Retraites, retraites et retraites", "Retraites 1", "Retraites 2"]
    assert found[3:] == ["Retraites 3", "Retraites 4", "Retraites 5", "Retraites 6"]
