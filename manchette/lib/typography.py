"""French typographic spacing applied to the text nodes of an HTML fragment on output."""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from html.entities import html5 as _HTML5_ENTITIES

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? : » and after «
NBSP = "\u00a0"  # no-break space: day–month, number–h, number–% and number–€

# Stands for a whole inline <code>/<kbd>/<samp> element inside a run of text, so that the
# text around it keeps its context ("tapez <code>ls</code> !") without ever being edited.
_OPAQUE = "\ufffc"
# Stands for an entity we cannot map to one character; it is neither a letter nor a space,
# so no rule fires next to it, and it may sit inside a URL token.
_UNKNOWN_ENTITY = "\ue000"

# Their content is raw text for the HTML parser: a "<" in there does not start a tag.
_RAW_TEXT_ELEMENTS = frozenset({"script", "style", "textarea"})
_PROTECTED_ELEMENTS = frozenset({"code", "pre", "kbd", "samp"}) | _RAW_TEXT_ELEMENTS
_INLINE_PROTECTED_ELEMENTS = frozenset({"code", "kbd", "samp"})
# Tags that do not interrupt a sentence; any other tag (p, li, br, img, td…) ends the run of
# text, so context never leaks from one paragraph or cell into the next.
_INLINE_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    }
)

_MARKUP_RE = re.compile(
    r"""
      <!--.*?(?:-->|\Z)                     # comment (an unterminated one runs to the end)
    | <!\[CDATA\[.*?(?:\]\]>|\Z)
    | <[!?][^>]*>?                          # doctype, processing instruction
    | </?[A-Za-z][^\s/><]*+                 # start or end tag name, never given back…
      (?:[^>"'<]|"[^"]*"|'[^']*')*+>        # …then attributes, where quoted values may hold ">"
    """,
    re.DOTALL | re.VERBOSE,
)
_TAG_NAME_RE = re.compile(r"<(/?)([A-Za-z][^\s/><]*)")

# An entity is one indivisible unit: its closing ";" must never be mistaken for punctuation.
_UNIT_RE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});|.",
    re.DOTALL,
)

# URLs and e-mail addresses are left alone; each alternative may only start at the
# beginning of a token, which keeps the scan linear on long unbroken strings.
_URL_CHARS = rf"""[^\s<>"«»{_OPAQUE}]"""
_URL_RE = re.compile(
    rf"""
      (?<![\w+.\-])[a-z][a-z0-9+.\-]*://{_URL_CHARS}*
    | (?<![\w.\-])(?:www\.|mailto:){_URL_CHARS}*
    | (?<![\w.\-])(?:[a-z0-9\-]+\.)+[a-z]{{2,}}/{_URL_CHARS}*
    | (?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+
    """,
    re.IGNORECASE | re.VERBOSE,
)
# An entity written out as text ("&amp;" in a title about HTML, or left by an import): shown
# as typed, so its ";" is no punctuation either. Named ones count only when HTML knows them,
# so that "R&D;" still gets its space.
_WRITTEN_ENTITY_RE = re.compile(
    r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|([A-Za-z][A-Za-z0-9]{0,31};))"
)
# Sentence punctuation glued to the end of a URL belongs to the sentence, as linkifiers do.
_URL_TRAILING = ".,;:!?)]}'\u2019\u201d"

_PUNCTUATION_RE = re.compile(r"[!?]+|[;:]")
# What may directly precede ; ! ? for a missing space to be inserted.
_CLOSERS = frozenset(")]}»\"'\u2019\u201d")
# ; ! ? glued to what follows ("a;b", "page.php?id=3", "Yahoo!Mail") is not prose.
_GLUED_AFTER_RE = re.compile(r"[\w/=&#@]")

_MONTHS = (
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
)
_DAY_MONTH_RE = re.compile(
    rf"(?<!\w)(?:1er|1\u1d49\u02b3|\d{{1,2}})(\s+)(?:{_MONTHS})(?!\w)", re.IGNORECASE
)
# "18 h", "18 h 05", "18 h05" but not "3 habitants".
_TIME_RE = re.compile(r"(?<!\w)\d{1,2}(\s+)h(?:(\s+)(?=\d{2}(?!\w))|(?![^\W\d_]))")
_NUMBER_UNIT_RE = re.compile(r"(?<=\d)(\s+)(?=[%€])")


# Results computed ahead (by the WordPress importer's worker processes), used once each.
_precomputed: ContextVar[dict[str, str] | None] = ContextVar("precomputed", default=None)


@contextmanager
def precomputed(results: dict[str, str]) -> Iterator[None]:
    """While inside, french_typography() returns these results for their exact inputs
    instead of computing them again: they are its own output, made in other processes."""
    token = _precomputed.set(results)
    try:
        yield
    finally:
        _precomputed.reset(token)


def french_typography(html: str) -> str:
    """Return the fragment with French typographic spaces, changing only its text nodes.

    Existing spaces before ; ! ? : » and after « become a narrow no-break space (U+202F);
    one is inserted when missing before ; ! ? (after a word, a closing bracket or quote)
    and inside guillemets, but never before a colon. A no-break space (U+00A0) replaces
    the space between a day and a month, a number and "h", and a number and % or €.
    Tags, comments, code-like elements, URLs and e-mail addresses are left untouched.
    Applying it twice gives the same result as applying it once.
    """
    if not html:
        return html
    ready = _precomputed.get()
    if ready is not None and (found := ready.pop(html, None)) is not None:
        return found
    output: list[str | _Unit] = []
    runs: list[list[_Unit]] = [[]]
    pos = 0
    while pos < len(html):
        match = _MARKUP_RE.search(html, pos)
        text_end = match.start() if match else len(html)
        if text_end > pos:
            units = _split_units(html[pos:text_end])
            output.extend(units)
            runs[-1].extend(units)
        if match is None:
            break
        pos = match.end()
        name, closing = _tag_name(match.group())
        if name is None:
            output.append(match.group())  # comments and declarations are transparent
        elif name in _PROTECTED_ELEMENTS and not closing:
            pos = _protected_element_end(html, match)
            chunk = html[match.start() : pos]
            if name in _INLINE_PROTECTED_ELEMENTS:
                opaque = _Unit(chunk, _OPAQUE)
                output.append(opaque)
                runs[-1].append(opaque)
            else:
                output.append(chunk)
                runs.append([])
        else:
            output.append(match.group())
            if name not in _INLINE_ELEMENTS:
                runs.append([])
    for run in runs:
        if run:
            _apply_rules(run)
    return "".join(piece if isinstance(piece, str) else piece.render() for piece in output)


@dataclass
class _Unit:
    """One character of text, or one whole entity, with the edits decided for it."""

    source: str
    char: str
    before: str = ""
    after: str = ""
    replacement: str | None = None

    def render(self) -> str:
        body = self.source if self.replacement is None else self.replacement
        return f"{self.before}{body}{self.after}"


def _split_units(text: str) -> list[_Unit]:
    units = []
    for match in _UNIT_RE.finditer(text):
        source = match.group()
        if len(source) == 1:
            units.append(_Unit(source, source))
        else:
            decoded = html_lib.unescape(source)
            units.append(_Unit(source, decoded if len(decoded) == 1 else _UNKNOWN_ENTITY))
    return units


def _tag_name(token: str) -> tuple[str | None, bool]:
    match = _TAG_NAME_RE.match(token)
    if match is None:
        return None, False
    return match.group(2).lower(), bool(match.group(1))


def _protected_element_end(html: str, opening: re.Match[str]) -> int:
    """Index just past the end tag closing the protected element opened by `opening`.

    Nesting is tracked (<pre><code>…</code>…</pre>); an unclosed element protects
    everything up to the end of the fragment, which is the safe side to err on.
    """
    depth: Counter[str] = Counter()
    match: re.Match[str] | None = opening
    while match is not None:
        name, closing = _tag_name(match.group())
        pos = match.end()
        if name in _PROTECTED_ELEMENTS:
            if closing:
                if depth[name] > 0:
                    depth[name] -= 1
            elif name in _RAW_TEXT_ELEMENTS:
                end_tag = re.compile(rf"</{name}(?:[\s/][^>]*)?>", re.IGNORECASE)
                found = end_tag.search(html, pos)
                if found is None:
                    return len(html)
                pos = found.end()
            else:
                depth[name] += 1
            if sum(depth.values()) == 0:
                return pos
        match = _MARKUP_RE.search(html, pos)
    return len(html)


def _apply_rules(run: list[_Unit]) -> None:
    text = "".join(unit.char for unit in run)
    editor = _RunEditor(run, text)
    _space_high_punctuation(editor)
    _space_guillemets(editor)
    for pattern in (_DAY_MONTH_RE, _TIME_RE, _NUMBER_UNIT_RE):
        for match in pattern.finditer(text):
            if editor.is_protected(match.start(), match.end()):
                continue
            for group in range(1, pattern.groups + 1):
                if match.start(group) >= 0:
                    editor.replace_spaces(match.start(group), match.end(group), NBSP)


def _space_high_punctuation(editor: _RunEditor) -> None:
    text = editor.text
    for match in _PUNCTUATION_RE.finditer(text):
        start, end = match.span()
        if editor.is_protected(start, end):
            continue
        space_start = editor.space_run_before(start)
        if space_start < start:
            if space_start > 0:  # a lone space opening a paragraph is not ours to touch
                editor.replace_spaces(space_start, start, NNBSP)
            continue
        if match.group() == ":":
            continue  # 18:05, 3:1, http:// — a colon only ever gets its existing space fixed
        previous = text[start - 1] if start > 0 else ""
        following = text[end] if end < len(text) else ""
        if (previous.isalnum() or previous == "_" or previous in _CLOSERS) and not (
            following and _GLUED_AFTER_RE.match(following)
        ):
            editor.insert_before(start, NNBSP)


def _space_guillemets(editor: _RunEditor) -> None:
    text = editor.text
    for index, char in enumerate(text):
        if char == "«" and not editor.is_protected(index, index + 1):
            space_end = editor.space_run_after(index + 1)
            if space_end > index + 1:
                if space_end < len(text):
                    editor.replace_spaces(index + 1, space_end, NNBSP)
            elif index + 1 < len(text) and text[index + 1] != "»":
                editor.insert_after(index, NNBSP)
        elif char == "»" and not editor.is_protected(index, index + 1):
            space_start = editor.space_run_before(index)
            if space_start < index:
                if space_start > 0:
                    editor.replace_spaces(space_start, index, NNBSP)
            elif index > 0 and text[index - 1] != "«":
                editor.insert_before(index, NNBSP)


class _RunEditor:
    """Records edits on a run of text units; the first rule to claim a space wins."""

    def __init__(self, run: list[_Unit], text: str) -> None:
        self.run = run
        self.text = text
        self.protected = _protected_mask(text)
        self.claimed: set[int] = set()

    def is_protected(self, start: int, end: int) -> bool:
        return any(self.protected[start:end])

    def space_run_before(self, index: int) -> int:
        while index > 0 and self.text[index - 1].isspace():
            index -= 1
        return index

    def space_run_after(self, index: int) -> int:
        while index < len(self.text) and self.text[index].isspace():
            index += 1
        return index

    def replace_spaces(self, start: int, end: int, space: str) -> None:
        """Collapse the spaces in [start, end) into one `space`, kept next to `end`."""
        if any(index in self.claimed for index in range(start, end)):
            return
        self.claimed.update(range(start, end))
        for index in range(start, end - 1):
            self.run[index].replacement = ""
        last = self.run[end - 1]
        # Keep the source (maybe an entity such as &#8239;) when it already is that space.
        last.replacement = None if last.char == space else space

    def insert_before(self, index: int, space: str) -> None:
        if index > 0 and self.run[index - 1].after:
            return
        self.run[index].before = space

    def insert_after(self, index: int, space: str) -> None:
        if index + 1 < len(self.run) and self.run[index + 1].before:
            return
        self.run[index].after = space


def _protected_mask(text: str) -> list[bool]:
    """Which characters of `text` no rule may touch: URLs, e-mail addresses, and
    entities written out as text."""
    mask = [False] * len(text)
    for match in _URL_RE.finditer(text):
        token = match.group()
        while token and token[-1] in _URL_TRAILING:
            # Keep a closing parenthesis that balances one in the URL (Wikipedia links).
            if token[-1] == ")" and token.count("(") >= token.count(")"):
                break
            token = token[:-1]
        start = match.start()
        mask[start : start + len(token)] = [True] * len(token)
    for match in _WRITTEN_ENTITY_RE.finditer(text):
        if match.group(1) is None or match.group(1) in _HTML5_ENTITIES:
            mask[match.start() : match.end()] = [True] * len(match.group())
    return mask
