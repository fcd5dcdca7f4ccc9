"""Whatever the headline, its slug is a short, clean, ASCII address part, and never a taken one."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from manchette.lib.slugs import FALLBACK_SLUG, slugify_fr, unique_slug

FUZZ = settings(max_examples=300)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_LENGTHS = st.integers(min_value=1, max_value=120)
HEADLINES = st.one_of(
    st.text(),
    st.text(alphabet="aàâäeéèêëiîïoôöuùûüyÿcçœæAÀÉÈÊÇŒÆ '’-:!?,.«»0123456789 "),
)


@FUZZ
@given(HEADLINES, MAX_LENGTHS)
@example("", 80)
@example("---", 80)
@example("a" * 200, 80)
@example("a-" * 100, 3)
@example("\u0301\u0301", 1)
def test_a_slug_is_lowercase_ascii_words_joined_by_single_hyphens(text: str, max_length: int):
    slug = slugify_fr(text, max_length=max_length)

    assert SLUG.fullmatch(slug), slug
    assert len(slug) <= max_length
    assert slug == slugify_fr(text, max_length=max_length)


def _ascii_alnum(text: str) -> str:
    return "".join(char for char in text.lower() if char.isascii() and char.isalnum())


@FUZZ
@given(HEADLINES)
def test_every_ascii_letter_and_digit_of_the_headline_is_kept_in_order(text: str):
    slug = slugify_fr(text, max_length=10_000)

    kept = iter(slug)
    assert all(char in kept for char in _ascii_alnum(text)), (text, slug)


def _reads_as_ascii(char: str) -> bool:
    decomposed = unicodedata.normalize("NFKD", char)
    return any(part.isascii() and part.isalnum() for part in decomposed)


@FUZZ
@given(st.text(st.characters(categories=["Lu", "Ll", "Lt", "Nd", "Nl", "No"]), min_size=1))
@example("𝑨")  # found by hypothesis: decomposes to a capital "A", once lost
def test_a_headline_with_a_latin_letter_or_digit_never_gets_the_fallback_slug(text: str):
    # Other scripts have no ASCII spelling here: for them the fallback is the promise.
    assume(any(_reads_as_ascii(char) for char in text))

    assert slugify_fr(text, max_length=10_000) != FALLBACK_SLUG or "article" in text.lower()


@FUZZ
@given(HEADLINES, st.integers(min_value=10, max_value=120), st.integers(1, 15))
@example("a" * 120, 10, 12)
@example("un-titre-tres-long-qui-depasse", 12, 12)
def test_each_same_title_gets_a_slug_of_its_own(text: str, max_length: int, copies: int):
    base = slugify_fr(text, max_length=max_length)
    taken: set[str] = set()
    asked: list[str] = []

    def is_taken(candidate: str) -> bool:
        asked.append(candidate)
        return candidate in taken

    for _ in range(copies):
        slug = unique_slug(base, is_taken, max_length=max_length)
        assert slug not in taken
        assert SLUG.fullmatch(slug) and len(slug) <= max_length, slug
        taken.add(slug)

    assert len(taken) == copies
    assert all(len(candidate) <= max_length for candidate in asked)


@FUZZ
@given(st.text(), st.integers(min_value=10, max_value=120), st.sets(st.text(max_size=30)))
def test_unique_slug_never_answers_a_taken_slug_whatever_the_base(
    base: str, max_length: int, taken: set[str]
):
    slug = unique_slug(base, taken.__contains__, max_length=max_length)

    assert slug not in taken
    assert len(slug) <= max_length
