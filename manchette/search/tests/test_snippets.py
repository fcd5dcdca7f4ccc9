"""Snippets and highlighted titles: the right passage, every form of a word, safe HTML."""

from __future__ import annotations

from manchette.search.query import parse
from manchette.search.snippets import SNIPPET_CHARACTERS, highlight, snippet


def terms(query: str) -> frozenset[str]:
    return parse(query).highlight_terms


def test_every_form_of_a_word_is_marked_accents_case_and_ligatures_aside():
    text = "L’ÉLECTRICITÉ, l’électricité et Electricite ; le cœur et le coeur ; heureuse."

    marked = highlight(text, terms("electricite coeur heureux"))

    assert marked == (
        "L’<mark>ÉLECTRICITÉ</mark>, l’<mark>électricité</mark> et <mark>Electricite</mark>"
        " ; le <mark>cœur</mark> et le <mark>coeur</mark> ; <mark>heureuse</mark>."
    )


def test_only_whole_words_whose_stem_matches_are_marked():
    marked = highlight("Les élections, l’électorat, électrique, sélection.", terms("élection"))

    assert marked == "Les <mark>élections</mark>, l’électorat, électrique, sélection."


def test_the_snippet_is_the_passage_with_the_most_query_terms():
    text = (
        "Le budget est voté. " * 20
        + "Le budget de la santé et les retraites sont au menu. "
        + "Rien d’autre. " * 20
    )

    result = snippet(text, terms("budget retraites"))

    assert "<mark>budget</mark> de la santé et les <mark>retraites</mark>" in result
    assert result.startswith("… ") and result.endswith(" …")
    assert len(result.replace("<mark>", "").replace("</mark>", "")) < SNIPPET_CHARACTERS + 10


def test_a_short_text_is_shown_whole_with_its_punctuation():
    assert snippet("Les retraites.", terms("retraite")) == "Les <mark>retraites</mark>."


def test_no_match_gives_no_snippet():
    assert snippet("Rien à voir.", terms("retraite")) == ""


def test_text_and_query_are_escaped():
    result = snippet('<b onclick="x">retraites</b> & "taux"', terms("<b> retraites"))

    assert result == (
        "&lt;<mark>b</mark> onclick=&quot;x&quot;&gt;<mark>retraites</mark>"
        "&lt;/<mark>b</mark>&gt; &amp; &quot;taux&quot;"
    )
