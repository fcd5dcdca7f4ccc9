"""Tests for French headline slugs and their de-duplication."""

import pytest

from manchette.lib.slugs import slugify_fr, unique_slug

# --- slugify_fr ---------------------------------------------------------------------------


def test_it_strips_accents_and_drops_an_elision_apostrophe() -> None:
    assert slugify_fr("Élysée : l'été") == "elysee-lete"


def test_it_transliterates_the_oe_ligature_and_a_typographic_apostrophe() -> None:
    assert slugify_fr("Le cœur de l’Œuvre") == "le-coeur-de-loeuvre"


def test_it_transliterates_the_ae_ligature() -> None:
    assert slugify_fr("Curriculum vitæ et Æsope") == "curriculum-vitae-et-aesope"


def test_it_transliterates_the_sharp_s() -> None:
    assert slugify_fr("Straße") == "strasse"


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018", "\u02bc"])
def test_it_drops_every_kind_of_apostrophe_without_a_hyphen(apostrophe: str) -> None:
    assert slugify_fr(f"aujourd{apostrophe}hui") == "aujourdhui"


def test_it_lowercases() -> None:
    assert slugify_fr("LA UNE DU JOUR") == "la-une-du-jour"


def test_it_keeps_digits() -> None:
    assert slugify_fr("Les 35 heures en 2025") == "les-35-heures-en-2025"


def test_it_turns_punctuation_into_a_hyphen() -> None:
    assert (
        slugify_fr("Budget 2025/2026 : «\u202foui\u202f» ou non ?") == "budget-2025-2026-oui-ou-non"
    )


def test_it_collapses_hyphens() -> None:
    assert slugify_fr("Paris -- Marseille — Lyon") == "paris-marseille-lyon"


def test_it_trims_hyphens_at_both_ends() -> None:
    assert slugify_fr("« Pourquoi ? »") == "pourquoi"


def test_it_unfolds_typographic_ligatures() -> None:
    assert slugify_fr("Le ﬁlm") == "le-film"


def test_it_replaces_letters_it_cannot_transliterate_with_a_hyphen() -> None:
    assert slugify_fr("Tokyo 東京 2020") == "tokyo-2020"


@pytest.mark.parametrize("text", ["", "!!!", "  ", "« » — ’", "東京"])
def test_it_falls_back_to_article_without_letters_or_digits(text: str) -> None:
    assert slugify_fr(text) == "article"


def test_it_leaves_a_slug_that_fits_untouched() -> None:
    assert slugify_fr("un deux trois", max_length=13) == "un-deux-trois"


def test_it_cuts_a_long_slug_on_a_hyphen() -> None:
    assert slugify_fr("un deux trois quatre", max_length=12) == "un-deux"


def test_it_cuts_right_before_a_hyphen_without_a_trailing_hyphen() -> None:
    assert slugify_fr("un deux trois quatre", max_length=13) == "un-deux-trois"


def test_it_cuts_through_a_single_word_longer_than_the_limit() -> None:
    assert slugify_fr("anticonstitutionnellement", max_length=10) == "anticonsti"


def test_it_uses_80_characters_by_default() -> None:
    slug = slugify_fr("mot " * 40)
    assert len(slug) <= 80
    assert slug.endswith("mot")


def test_it_rejects_a_max_length_below_one() -> None:
    with pytest.raises(ValueError):
        slugify_fr("titre", max_length=0)


# --- unique_slug --------------------------------------------------------------------------


def test_it_returns_the_base_when_it_is_free() -> None:
    assert unique_slug("elysee-lete", lambda slug: False) == "elysee-lete"


def test_it_appends_2_when_the_base_is_taken() -> None:
    assert unique_slug("elysee-lete", {"elysee-lete"}.__contains__) == "elysee-lete-2"


def test_it_appends_the_first_free_number() -> None:
    taken = {"elysee-lete", "elysee-lete-2", "elysee-lete-3"}
    assert unique_slug("elysee-lete", taken.__contains__) == "elysee-lete-4"


def test_it_asks_about_candidates_in_order() -> None:
    asked: list[str] = []

    def taken(slug: str) -> bool:
        asked.append(slug)
        return len(asked) < 3

    unique_slug("titre", taken)
    assert asked == ["titre", "titre-2", "titre-3"]


def test_it_shortens_the_base_to_keep_the_suffix_within_max_length() -> None:
    base = "un-deux-trois"
    assert unique_slug(base, {base}.__contains__, max_length=13) == "un-deux-2"


def test_it_cuts_a_single_word_base_to_make_room_for_the_suffix() -> None:
    base = "anticonsti"
    assert unique_slug(base, {base}.__contains__, max_length=10) == "anticons-2"


def test_it_keeps_a_long_suffix_within_max_length() -> None:
    base = "a" * 80
    taken = {base} | {f"{'a' * (80 - len(str(n)) - 1)}-{n}" for n in range(2, 10)}
    slug = unique_slug(base, taken.__contains__)
    assert slug == f"{'a' * 77}-10"
    assert len(slug) == 80


def test_it_shortens_a_base_longer_than_max_length() -> None:
    assert unique_slug("un-deux-trois-quatre", lambda slug: False, max_length=12) == "un-deux"


def test_it_falls_back_to_article_for_an_empty_base() -> None:
    assert unique_slug("", {"article"}.__contains__) == "article-2"
