"""ASCII URL slugs for French headlines, and their de-duplication."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

FALLBACK_SLUG = "article"

# Letters that Unicode decomposition does not reduce to ASCII (œ is a ligature, not an o
# with an accent), applied after lowercasing.
_TRANSLITERATIONS = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ß": "ss",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "ı": "i",
    }
)
# Elision apostrophes vanish so that "l'été" reads "lete", not "l-ete".
_APOSTROPHES = str.maketrans(dict.fromkeys("'\u2019\u2018\u02bc", None))
_NON_ALPHANUMERIC_RE = re.compile(r"[^a-z0-9]+")


def slugify_fr(text: str, max_length: int = 80) -> str:
    """Return a lowercase ASCII slug for `text`, at most `max_length` characters long.

    French letters are transliterated ("Élysée : l'été" gives "elysee-lete", "cœur" gives
    "coeur"), apostrophes are dropped, any other run of punctuation or spacing becomes one
    hyphen. A text without any letter or digit gives "article".
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    # NFKD splits accents off their letters and unfolds ligatures such as "ﬁ"; it comes
    # before lowercasing because some letters decompose to capitals ("ℌ", "𝑨" give "H", "A").
    text = unicodedata.normalize("NFKD", text).lower()
    text = text.translate(_TRANSLITERATIONS).translate(_APOSTROPHES)
    text = "".join(char for char in text if not unicodedata.combining(char))
    slug = _NON_ALPHANUMERIC_RE.sub("-", text).strip("-")
    return _truncate(slug or FALLBACK_SLUG, max_length)


def unique_slug(base: str, taken: Callable[[str], bool], max_length: int = 80) -> str:
    """Return `base`, or else the first of `base-2`, `base-3`… for which `taken` is False.

    Every candidate fits in `max_length`: `base` is shortened, on a hyphen when possible,
    to leave room for the suffix. `taken` is asked about one candidate at a time, in order.
    """
    base = _truncate(base.strip("-") or FALLBACK_SLUG, max_length)
    if not taken(base):
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        room = max_length - len(suffix)
        if room < 1:
            raise ValueError(f"max_length {max_length} leaves no room for the suffix {suffix}")
        candidate = _truncate(base, room) + suffix
        if not taken(candidate):
            return candidate
        number += 1


def _truncate(slug: str, max_length: int) -> str:
    """Cut `slug` to `max_length`, on a hyphen if there is one, never ending with a hyphen."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-":
        boundary = cut.rfind("-")
        # A single word longer than max_length has no boundary: cut through it.
        if boundary > 0:
            cut = cut[:boundary]
    return cut.rstrip("-")
