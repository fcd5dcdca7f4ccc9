"""Highlighted excerpts: the passage of a text that best matches a query, marked up safely."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold, term

SNIPPET_CHARACTERS = 220
CHARACTERS_BEFORE_FIRST_MATCH = 50
MAX_MATCHES_WEIGHED = 200
ELLIPSIS = "…"
# Where the stems of two forms of a word may part: "heureux" / "heureuse" share "heureu".
# A word is a candidate when it starts like a query term; the analyser then decides.
PREFIX_LENGTH = 4


class Match(NamedTuple):
    start: int
    end: int
    term: str


# Ligatures fold to two letters, and a text may hold either form.
LIGATURES = {"oe": "œ", "ae": "æ", "ss": "ß"}


@functools.cache
def _letter_variants() -> dict[str, str]:
    """Each ASCII letter with every Latin letter that folds to it ("e": "eéèêë…"), and
    the ligature it may begin, in case a prefix stops in the middle of one."""
    variants: dict[str, list[str]] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        if char.isalpha() and len(folded := fold(char)) == 1 and folded.isascii():
            variants.setdefault(folded, [folded]).append(char)
    for pair, ligature in LIGATURES.items():
        variants[pair[0]].append(ligature)
    return {letter: "".join(chars) for letter, chars in variants.items()}


def _letter(char: str) -> str:
    variants = _letter_variants()
    return f"[{re.escape(variants[char])}]" if char in variants else re.escape(char)


def _prefix_pattern(prefix: str) -> str:
    pattern, position = "", 0
    while position < len(prefix):
        pair = prefix[position : position + 2]
        if pair in LIGATURES:
            pattern += f"(?:{_letter(pair[0])}{_letter(pair[1])}|{LIGATURES[pair]})"
            position += 2
        else:
            pattern += _letter(prefix[position])
            position += 1
    return pattern


@functools.lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern for whole words that start like one of the terms, so that a long text is
    scanned by the regex engine and only the few candidates go through the stemmer."""
    prefixes = sorted({t[:PREFIX_LENGTH] for t in terms if t}, key=len, reverse=True)
    if not prefixes:
        return None
    alternatives = "|".join(_prefix_pattern(prefix) for prefix in prefixes)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def matches(text: str, terms: frozenset[str]) -> list[Match]:
    """Where the words of `text` whose term is one of `terms` are."""
    pattern = _candidates(terms)
    if pattern is None:
        return []
    found = []
    for candidate in pattern.finditer(text):
        word_term = term(candidate.group())
        if word_term in terms:
            found.append(Match(candidate.start(), candidate.end(), word_term))
    return found


def _marked(text: str, start: int, end: int, found: list[Match]) -> str:
    """text[start:end], every piece escaped, each match inside wrapped in <mark>."""
    parts = []
    position = start
    for match in found:
        if match.start < start or match.end > end:
            continue
        parts.append(escape(text[position : match.start]))
        parts.append(f"<mark>{escape(text[match.start : match.end])}</mark>")
        position = match.end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def highlight(text: str, terms: frozenset[str]) -> SafeString:
    """A short text (a title) whole, its matching words marked."""
    return mark_safe(_marked(text, 0, len(text), matches(text, terms)))


def snippet(text: str, terms: frozenset[str]) -> SafeString:
    """About SNIPPET_CHARACTERS of `text` around the passage holding the most distinct
    query terms (then the most matches), marked; empty when nothing in it matches."""
    found = matches(text, terms)
    if not found:
        return mark_safe("")
    weighed = found[:MAX_MATCHES_WEIGHED]
    best, best_key = weighed[0], (0, 0)
    reach = SNIPPET_CHARACTERS - CHARACTERS_BEFORE_FIRST_MATCH
    for position, first in enumerate(weighed):
        inside = [m for m in weighed[position:] if m.end <= first.start + reach]
        key = (len({m.term for m in inside}), len(inside))
        if key > best_key:
            best, best_key = first, key
    start = max(0, best.start - CHARACTERS_BEFORE_FIRST_MATCH)
    if start > 0:  # begin on a whole word
        space = text.find(" ", start, best.start)
        start = space + 1 if space != -1 else best.start
    end = start + SNIPPET_CHARACTERS
    if end >= len(text):
        end = len(text)
    else:  # end on a whole word
        space = text.rfind(" ", best.end, end)
        end = space if space != -1 else max(end, best.end)
    html = _marked(text, start, end, found).strip()
    before = ELLIPSIS + " " if start > 0 else ""
    after = " " + ELLIPSIS if end < len(text) else ""
    return mark_safe(before + html + after)
