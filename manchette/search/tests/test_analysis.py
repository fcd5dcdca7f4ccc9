"""The French analyser: the same terms for a word however it is typed or inflected."""

from __future__ import annotations

import pytest

from manchette.search.analysis import analyse, fold, strip_elisions, term


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("electricite", "électricité"),
        ("Elysee", "Élysée"),
        ("ELYSEE", "l’Élysée"),
        ("élections", "élection"),
        ("elections", "Élection"),
        ("négociait", "négociations"),
        ("negocier", "négociateurs"),
        ("l'Ukraine", "Ukraine"),
        ("oeuvre", "Œuvre"),
        ("aeroport", "aéroport"),
    ],
)
def test_typed_and_written_forms_give_the_same_terms(typed, written):
    assert analyse(typed) == analyse(written)


def test_snowball_alone_conflates_negociait_and_negociations():
    # The decision recorded in analysis.term(): no extra normalisation is needed.
    assert term("négociait") == term("négociations") == term("négocier") == "negoci"
    assert term("élections") == term("élection") == "elect"


def test_accents_ligatures_and_case_fold_away():
    assert fold("Électricité") == "electricite"
    assert fold("Œuvre") == "oeuvre"
    assert fold("ex æquo") == "ex aequo"


@pytest.mark.parametrize(
    "text",
    [
        "l'Ukraine", "l’Ukraine", "d'Ukraine", "qu'Ukraine", "jusqu'Ukraine",
        "lorsqu’Ukraine", "puisqu'Ukraine", "j'Ukraine", "n'Ukraine", "s'Ukraine",
        "c'Ukraine", "m'Ukraine", "t'Ukraine",
    ],
)  # fmt: skip
def test_every_elision_is_removed(text):
    assert analyse(text) == ["ukrain"]


def test_stop_words_are_ignored():
    assert analyse("le président de la République et les élus") == ["president", "republ", "elus"]


def test_only_stop_words_and_punctuation_give_nothing():
    assert analyse("le la les de du, et ! … « » — ?") == []


def test_apostrophes_inside_other_words_are_kept():
    assert analyse("aujourd'hui") == ["aujourd", "hui"]


def test_strip_elisions_leaves_the_rest_of_the_text_alone():
    assert (
        strip_elisions("L’Ukraine et l'Élysée, aujourd'hui.") == "Ukraine et Élysée, aujourd'hui."
    )
