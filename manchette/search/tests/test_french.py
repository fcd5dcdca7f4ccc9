"""French searching on each backend: accents, inflections, elisions, stop words."""

from __future__ import annotations

import pytest

from manchette.articles.tests.builders import add_authors, add_tags, make_article

from .conftest import titles


@pytest.fixture
def newsroom(backend):
    make_article(
        title="La facture d’électricité s’envole",
        standfirst="Les ménages paieront plus cher cet hiver.",
        body="<p>Le tarif réglementé augmente.</p>",
    )
    make_article(
        title="Un conseil des ministres à l’Élysée",
        body="<p>Le président a réuni son gouvernement.</p>",
    )
    make_article(
        title="Municipales : le calendrier",
        standfirst="Une élection anticipée dans trois communes.",
    )
    make_article(
        title="Le patronat à la table",
        body="<p>Les <strong>négociations</strong> salariales reprennent lundi.</p>",
    )
    make_article(title="Kyiv sous les bombes", body="<p>L’Ukraine demande des défenses.</p>")
    make_article(title="Sans rapport", body="<p>Un match de football au stade.</p>")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("electricite", "La facture d’électricité s’envole"),
        ("ÉLECTRICITÉ", "La facture d’électricité s’envole"),
        ("Elysee", "Un conseil des ministres à l’Élysée"),
        ("élections", "Municipales : le calendrier"),
        ("negociait", "Le patronat à la table"),
        ("négociait", "Le patronat à la table"),
        ("l'Ukraine", "Kyiv sous les bombes"),
        ("l’Ukraine", "Kyiv sous les bombes"),
        ("d'Ukraine", "Kyiv sous les bombes"),
        ("ukraine", "Kyiv sous les bombes"),
    ],
)
def test_french_forms_find_the_article(newsroom, query, expected):
    assert titles(query) == [expected]


def test_stop_words_in_a_query_are_ignored(newsroom):
    assert titles("le tarif de la facture") == ["La facture d’électricité s’envole"]


def test_every_word_must_match(newsroom):
    assert titles("électricité football") == []


def test_topics_and_author_names_are_searched(backend):
    article = make_article(title="Sécheresse dans le Sud")
    add_tags(article, "Climat")
    add_authors(article, "Amélie Rousseau")
    make_article(title="Autre chose")

    assert titles("climat") == ["Sécheresse dans le Sud"]
    assert titles("amelie rousseau") == ["Sécheresse dans le Sud"]


def test_only_the_text_of_the_body_is_searched_not_its_markup(backend):
    make_article(title="Lien", body='<p>Voir <a href="https://example.org/strong">ici</a>.</p>')

    assert titles("example") == []
    assert titles("strong") == []
    assert titles("ici") == ["Lien"]


def test_words_split_by_inline_markup_stay_whole(backend):
    make_article(title="Emphase", body="<p>Une <em>ré</em>forme annoncée.</p>")

    assert titles("réforme") == ["Emphase"]
