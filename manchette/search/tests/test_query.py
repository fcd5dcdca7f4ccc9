"""Reading a query: phrases, exclusions, and whatever else a reader may type."""

from __future__ import annotations

from manchette.search.query import MAX_QUERY_LENGTH, clean, parse


def terms(parts) -> list[tuple[str, ...]]:
    return [part.terms for part in parts]


def test_words_are_required_and_phrases_keep_their_order():
    query = parse('réforme "prix de l’énergie" retraites')

    assert terms(query.required) == [("reform",), ("prix", "energ"), ("retrait",)]
    assert query.required[1].text == "prix de énergie"


def test_a_minus_excludes_a_word_or_a_phrase():
    query = parse('budget -football -"coupe du monde"')

    assert terms(query.required) == [("budget",)]
    assert terms(query.excluded) == [("football",), ("coup", "mond")]


def test_french_quotes_make_a_phrase():
    assert terms(parse("«\u202fÉlysée palais\u202f»").required) == [("elyse", "palais")]


def test_an_unbalanced_quote_runs_to_the_end():
    assert terms(parse('taxe "carbone aux frontières').required) == [
        ("tax",),
        ("carbon", "frontier"),
    ]


def test_a_query_of_only_exclusions_or_stop_words_is_empty():
    assert parse("-football").is_empty
    assert parse("le la les").is_empty
    assert parse("!!! ??? ...").is_empty
    assert not parse("budget").is_empty


def test_control_characters_go_and_long_queries_are_cut():
    assert clean("bud\x00get\x07 \u200bannuel\n\tvote") == "bud get annuel vote"
    assert len(clean("mot " * 5000)) <= MAX_QUERY_LENGTH


def test_hyphenated_words_are_a_phrase():
    assert terms(parse("franco-allemand").required) == [("franco", "allemand")]
