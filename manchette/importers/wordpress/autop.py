"""WordPress's wpautop in Python: paragraphs from the blank lines of classic-editor text.

WordPress stores a classic post as typed, with blank lines between paragraphs, and adds
the <p> and <br /> only when it shows the post. This follows wp-includes/formatting.php
closely, so that an imported body reads as it did on the old site.
"""

from __future__ import annotations

import re

_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_PRE_RE = re.compile(r"<pre[\s>].*?</pre>", re.I | re.S)
_TAG_RE = re.compile(r"<[^>]*>", re.S)
_BR_PAIR_RE = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.I)
_OPEN_BLOCK_RE = re.compile(r"(<" + _BLOCKS + r"[\s/>])", re.I)
_CLOSE_BLOCK_RE = re.compile(r"(</" + _BLOCKS + r">)", re.I)
_HR_RE = re.compile(r"(<hr\s*?/?>)", re.I)
_OPTION_RE = re.compile(r"\s*<option", re.I)
_MANY_NEWLINES_RE = re.compile(r"\n\n+")
_SPLIT_RE = re.compile(r"\n\s*\n")
_EMPTY_P_RE = re.compile(r"<p>\s*</p>")
_P_CLOSE_INLINE_RE = re.compile(r"<p>([^<]+)</(div|address|form)>", re.I)
_P_AROUND_BLOCK_RE = re.compile(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)\s*</p>", re.I)
_P_LI_RE = re.compile(r"<p>(<li.+?)</p>", re.I)
_P_BLOCKQUOTE_RE = re.compile(r"<p><blockquote([^>]*)>", re.I)
_P_BEFORE_BLOCK_RE = re.compile(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)", re.I)
_P_AFTER_BLOCK_RE = re.compile(r"(</?" + _BLOCKS + r"[^>]*>)\s*</p>", re.I)
_NEWLINE_TO_BR_RE = re.compile(r"(?<!<br />)\s*\n")
_BR_AFTER_BLOCK_RE = re.compile(r"(</?" + _BLOCKS + r"[^>]*>)\s*<br />", re.I)
_BR_BEFORE_BLOCK_RE = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", re.I)
_PLACEHOLDER = "\ue001"


def autop(text: str) -> str:
    """Wrap the blank-line-separated paragraphs of `text` in <p>, single line breaks in
    <br />, leaving block elements (headings, lists, figures, quotes…) alone."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"

    # <pre> keeps its own line breaks: set aside, put back at the end.
    pres: list[str] = []

    def keep_pre(match: re.Match[str]) -> str:
        pres.append(match.group(0))
        return f"<pre {_PLACEHOLDER}{len(pres) - 1}{_PLACEHOLDER}></pre>"

    text = _PRE_RE.sub(keep_pre, text)
    # A line break inside a tag is not a line of text.
    text = _TAG_RE.sub(lambda m: m.group(0).replace("\n", " "), text)
    text = _BR_PAIR_RE.sub("\n\n", text)
    text = _OPEN_BLOCK_RE.sub(r"\n\n\1", text)
    text = _CLOSE_BLOCK_RE.sub(r"\1\n\n", text)
    text = _HR_RE.sub(r"\1\n\n", text)
    text = _OPTION_RE.sub("<option", text)
    text = _MANY_NEWLINES_RE.sub("\n\n", text)

    paragraphs = [p for p in _SPLIT_RE.split(text) if p.strip()]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)

    text = _EMPTY_P_RE.sub("", text)
    text = _P_CLOSE_INLINE_RE.sub(r"<p>\1</p></\2>", text)
    text = _P_AROUND_BLOCK_RE.sub(r"\1", text)
    text = _P_LI_RE.sub(r"\1", text)
    text = _P_BLOCKQUOTE_RE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK_RE.sub(r"\1", text)
    text = _P_AFTER_BLOCK_RE.sub(r"\1", text)
    text = _NEWLINE_TO_BR_RE.sub("<br />\n", text)
    text = _BR_AFTER_BLOCK_RE.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK_RE.sub(r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)

    for index, pre in enumerate(pres):
        text = text.replace(f"<pre {_PLACEHOLDER}{index}{_PLACEHOLDER}></pre>", pre)
    return text.strip()
