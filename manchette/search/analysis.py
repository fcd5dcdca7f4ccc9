"""French text analysis shared by the index and the queries: words to comparable terms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import snowballstemmer

# Articles and pronouns that French glues to the next word with an apostrophe
# ("l'Ukraine", "qu'il", "jusqu'à"): the word after the apostrophe is what counts.
ELISIONS = frozenset({"l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"})
APOSTROPHES = "'’‘ʼ`´"

# Snowball's French stop list (the one PostgreSQL's `french` configuration uses), plus
# the few common words it leaves out ("les", "ils"…). Compared after accent folding, so
# "à" and "a", "été" and "ete" are the same word here.
_STOP_WORDS_TEXT = """
au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants
étantes suis es est sommes êtes sont serai seras sera serons serez seront serais serait
serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois
soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes
ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais
aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie
aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent
les ils elles cette cet ceux celle celles lors dont où sans sous ni donc
jusqu lorsqu puisqu
"""

# A word is a run of letters and digits; "_" counts as a separator, as it does for
# SQLite's unicode61 tokenizer, so both cut text at the same places.
WORD = re.compile(r"[^\W_]+")
# A word directly followed by an apostrophe, to recognise elided articles.
WORD_AND_APOSTROPHE = re.compile(rf"([^\W_]+)([{APOSTROPHES}])?")

LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
# Terms longer than this are noise (hashes, URLs run together): indexed but truncated,
# so a monstrous token cannot bloat the index.
MAX_TERM_LENGTH = 40

_stemmer = snowballstemmer.stemmer("french")


def fold(word: str) -> str:
    """Lowercase without accents or ligatures: "Élysée" → "elysee", "Œuvre" → "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(LIGATURES)


STOP_WORDS = frozenset(fold(word) for word in _STOP_WORDS_TEXT.split())


@functools.lru_cache(maxsize=200_000)
def term(word: str) -> str | None:
    """The index term of one word, or None for a stop word.

    Accents are folded *before* stemming so that "electricite" typed without accents
    and "électricité" reach the stemmer as the same string and give the same stem.
    Snowball conflates the inflections that matter here on its own ("négociait",
    "négociations", "négocier" → "negoci"; "élections", "élection" → "elect"), so no
    extra normalisation is layered on top (see tests/test_analysis.py).
    """
    folded = fold(word)
    if folded in STOP_WORDS:
        return None
    return _stemmer.stemWord(folded)[:MAX_TERM_LENGTH]


class Token(NamedTuple):
    start: int
    end: int
    term: str | None  # None for stop words and elided articles


def tokens(text: str) -> Iterator[Token]:
    """Every word of `text` with its place in it, so snippets can mark the original."""
    for match in WORD_AND_APOSTROPHE.finditer(text):
        word, apostrophe = match.group(1), match.group(2)
        start, end = match.span(1)
        if apostrophe and fold(word) in ELISIONS:
            yield Token(start, end, None)
        else:
            yield Token(start, end, term(word))


def analyse(text: str) -> list[str]:
    """The terms of a text, in order, stop words and elisions left out."""
    return [token.term for token in tokens(text) if token.term]


def strip_elisions(text: str) -> str:
    """The text without elided articles ("l'Ukraine" → "Ukraine"), for engines that
    analyse text themselves (PostgreSQL) and would otherwise see "l" and "ukraine"
    or, with a typographic apostrophe, one unknown word."""
    return WORD_AND_APOSTROPHE.sub(_drop_elision, text)


def _drop_elision(match: re.Match[str]) -> str:
    word, apostrophe = match.group(1), match.group(2)
    if apostrophe and fold(word) in ELISIONS:
        return ""
    return match.group(0)
