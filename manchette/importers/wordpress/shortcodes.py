"""WordPress's markup that is not HTML: block-editor comments, shortcodes, embeds.

What each becomes, so that the editor's sanitizer (no classes, no iframes) keeps it:
- block comments (<!-- wp:paragraph -->…) are removed, their HTML kept; an embed block,
  a reusable block and a dynamic block are handled as below;
- [caption]…[/caption] → <figure><img><figcaption>…</figcaption></figure>;
- [gallery ids="…"] (or the post's attached images) → <figure><ul><li><img>…</ul></figure>;
- [embed]URL[/embed], [video]/[audio], an embed block and an address alone on its line
  (which WordPress turned into a player) → <p><a href="URL">URL</a></p>: iframes are not
  allowed, and a paragraph holding only a link is what a later embed feature can recognise;
- any other shortcode: its brackets are removed and what it encloses kept as text, and its
  name is listed in the report. Bracketed words that are not shortcodes ("[sic]",
  "[NDLR : …]") are left alone: a shortcode has attributes, a closing tag, a name with
  "_" or "-", or is one WordPress or its common plugins define.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .autop import autop

_BLOCK_COMMENT_RE = re.compile(r"<!--\s*/?wp:[\s\S]*?-->")
# A block's attributes are JSON in which WordPress escapes "--", so "-->" ends them.
_ATTRS = r"(\s+\{(?:(?!-->)[\s\S])*?\})?"
_EMBED_BLOCK_RE = re.compile(
    r"<!--\s*wp:((?:core-)?embed(?:/[\w-]+)?|video|audio)" + _ATTRS + r"\s*-->"
    r"([\s\S]*?)<!--\s*/wp:\1\s*-->"
)
_SELF_CLOSING_BLOCK_RE = re.compile(r"<!--\s*wp:([\w/-]+)" + _ATTRS + r"\s*/-->")
_FIGCAPTION_RE = re.compile(r"<figcaption[^>]*>([\s\S]*?)</figcaption>", re.I)
_URL_RE = re.compile(r"https?://[^\s<>\"']+")
_HTML_COMMENT_RE = re.compile(r"<!--[\s\S]*?-->")
_MADE = "\ue003"
_MADE_RE = re.compile(rf"(?:<p>)?{_MADE}(\d+){_MADE}(?:</p>)?")
_BARE_URL_LINE_RE = re.compile(r"^[ \t]*(https?://[^\s<>\"']+)[ \t]*$", re.M)
_SHORTCODE_RE = re.compile(r"\[(\[?)(/?)([A-Za-z][\w-]*)((?:\s[^\[\]]*?)?)(/?)\](\]?)")
_ATTR_RE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
_IMG_RE = re.compile(r"<img\s[^>]*>", re.I)
_LINKED_IMG_RE = re.compile(r"<a\s[^>]*>\s*<img\s[^>]*>\s*</a>", re.I)
_HREF_RE = re.compile(r"""href\s*=\s*(["'])(.*?)\1""", re.I | re.S)

# Shortcodes WordPress and its most common plugins define, recognised even bare ("[audio]").
KNOWN_SHORTCODES = frozenset(
    {
        "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist",
        "contact-form", "contact-form-7", "gravityform", "ninja_form", "wpforms",
        "pullquote", "quote", "button", "columns", "column", "row", "tabs", "tab",
        "accordion", "toggle", "slider", "soundcloud", "youtube", "vimeo", "dailymotion",
        "tweet", "twitter", "instagram", "googlemaps", "gmap", "map", "code", "sourcecode",
        "note", "box", "alert", "highlight", "dropcap", "divider", "spacer", "su_quote",
        "related", "related_posts", "ad", "ads", "adsense", "newsletter", "poll", "toc",
    }
)  # fmt: skip


@dataclass
class Attachment:
    """What a body needs to know of an attachment: its address in the export, its
    alternative text and caption."""

    id: int
    url: str
    alt: str = ""
    caption: str = ""
    parent: int = 0
    menu_order: int = 0
    is_image: bool = True


class Converter:
    """Turns one WordPress body into HTML; `unknown` gathers the shortcodes and blocks it
    could not translate, `found` the ones it did, by name."""

    def __init__(
        self,
        attachments: dict[int, Attachment],
        children: Callable[[int], Iterable[Attachment]],
        reusable_blocks: dict[int, str],
    ) -> None:
        self.attachments = attachments
        self.children = children
        self.reusable_blocks = reusable_blocks
        self.unknown: list[str] = []

    def convert(self, content: str, post_id: int = 0) -> str:
        """Return the body as HTML. Classic-editor text gets its paragraphs from
        wpautop; block-editor HTML already has them."""
        self.unknown = []
        self.post_id = post_id
        self._made: list[str] = []
        content = (content or "").replace("\r\n", "\n")
        has_blocks = "<!-- wp:" in content
        if has_blocks:
            content = self.blocks(content)
        content = self.shortcodes(content)
        content = _HTML_COMMENT_RE.sub("", content)  # <!--more-->, <!--nextpage-->
        content = _BARE_URL_LINE_RE.sub(lambda m: self._keep(link_paragraph(m.group(1))), content)
        if not has_blocks:
            content = autop(content)
        return _MADE_RE.sub(lambda m: self._made[int(m.group(1))], content)

    def _keep(self, html: str) -> str:
        """A paragraph of its own standing for `html`, put back after wpautop, which
        would otherwise break a figure's lines into paragraphs, as WordPress avoids by
        running shortcodes after it."""
        self._made.append(html)
        return f"\n\n{_MADE}{len(self._made) - 1}{_MADE}\n\n"

    # Block editor

    def blocks(self, content: str, depth: int = 0) -> str:
        content = _EMBED_BLOCK_RE.sub(self._embed_block, content)
        content = _SELF_CLOSING_BLOCK_RE.sub(
            lambda match: self._self_closing_block(match, depth), content
        )
        return _BLOCK_COMMENT_RE.sub("", content)

    def _embed_block(self, match: re.Match[str]) -> str:
        attributes = _json(match.group(2))
        inner = match.group(3)
        url = attributes.get("url") or attributes.get("src") or ""
        if not url:
            found = _URL_RE.search(_FIGCAPTION_RE.sub("", inner))
            url = found.group(0) if found else ""
        if not url:
            # A video or audio block holds its <video src>: the source is the link.
            src = re.search(r"""src\s*=\s*["']([^"']+)""", inner)
            url = html.unescape(src.group(1)) if src else ""
        if not url:
            return inner
        caption = _FIGCAPTION_RE.search(inner)
        return self._keep(link_paragraph(url, caption.group(1) if caption else ""))

    def _self_closing_block(self, match: re.Match[str], depth: int) -> str:
        name = match.group(1)
        attributes = _json(match.group(2))
        if name in {"block", "core/block"}:
            ref = attributes.get("ref")
            content = self.reusable_blocks.get(int(ref)) if str(ref).isdigit() else None
            if content is not None and depth < 3:
                return "\n" + self.blocks(content, depth + 1) + "\n"
            self.unknown.append(f"<!-- wp:block {ref} -->")
            return ""
        if name in {"more", "nextpage", "separator", "spacer"}:
            return "<hr />" if name == "separator" else ""
        # A dynamic block (latest posts, archives…) is drawn by WordPress at each view.
        self.unknown.append(f"<!-- wp:{name} -->")
        return ""

    # Shortcodes

    def shortcodes(self, content: str) -> str:
        if "[" not in content:
            return content
        # [[gallery]] is WordPress's way to write a shortcode's name as text.
        escaped: list[str] = []

        def keep_escaped(match: re.Match[str]) -> str:
            if match.group(1) and match.group(6):
                escaped.append(match.group(0)[1:-1])
                return f"\ue002{len(escaped) - 1}\ue002"
            return match.group(0)

        content = _SHORTCODE_RE.sub(keep_escaped, content)
        for name, handler in (
            ("caption", self._caption),
            ("wp_caption", self._caption),
            ("embed", self._embed),
            ("video", self._media),
            ("audio", self._media),
        ):
            content = _enclosing(name).sub(handler, content)
        content = _SHORTCODE_RE.sub(self._remaining, content)
        for index, text in enumerate(escaped):
            content = content.replace(f"\ue002{index}\ue002", text)
        return content

    def _caption(self, match: re.Match[str]) -> str:
        attributes = parse_attributes(match.group(1))
        inner = (match.group(2) or "").strip()
        picture = _LINKED_IMG_RE.search(inner) or _IMG_RE.search(inner)
        if picture is None:
            return inner
        image = picture.group(0)
        caption = (inner[: picture.start()] + inner[picture.end() :]).strip()
        caption = caption or attributes.get("caption", "")
        if image.lower().startswith("<a"):
            href = _HREF_RE.search(image)
            # "Link to media file" is the picture again: the link adds nothing.
            if href is None or "/wp-content/uploads/" in href.group(2):
                image = _IMG_RE.search(image).group(0)
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return self._keep(f"<figure>{image}{figcaption}</figure>")

    def _embed(self, match: re.Match[str]) -> str:
        url = html.unescape((match.group(2) or "").strip())
        if not url:
            url = parse_attributes(match.group(1)).get("src", "")
        return self._keep(link_paragraph(url)) if url else ""

    def _media(self, match: re.Match[str]) -> str:
        attributes = parse_attributes(match.group(1))
        url = next(
            (
                attributes[key]
                for key in ("src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "m4a", "wav")
                if attributes.get(key)
            ),
            "",
        )
        return self._keep(link_paragraph(url)) if url else ""

    def _gallery(self, attributes: dict[str, str]) -> str:
        ids = [int(part) for part in re.findall(r"\d+", attributes.get("ids", ""))]
        if not ids and attributes.get("include"):
            ids = [int(part) for part in re.findall(r"\d+", attributes["include"])]
        if ids:
            pictures = [self.attachments[i] for i in ids if i in self.attachments]
        else:
            parent = int(attributes["id"]) if attributes.get("id", "").isdigit() else 0
            excluded = {int(part) for part in re.findall(r"\d+", attributes.get("exclude", ""))}
            pictures = [
                a
                for a in self.children(parent or self.post_id)
                if a.is_image and a.id not in excluded
            ]
        items = []
        for picture in pictures:
            img = f'<img src="{html.escape(picture.url)}" alt="{html.escape(picture.alt)}" />'
            if picture.caption:
                items.append(f"<li><figure>{img}<figcaption>{picture.caption}</figcaption>")
                items[-1] += "</figure></li>"
            else:
                items.append(f"<li>{img}</li>")
        if not items:
            return ""
        return self._keep("<figure><ul>" + "".join(items) + "</ul></figure>")

    def _remaining(self, match: re.Match[str]) -> str:
        escaped, closing, name, rest, _self_closing, _ = match.groups()
        if escaped:
            return match.group(0)
        lowered = name.lower()
        if lowered == "gallery" and not closing:
            return self._gallery(parse_attributes(rest))
        if not self._is_shortcode(lowered, rest, closing, match.string):
            return match.group(0)
        if not closing:
            self.unknown.append(f"[{lowered}]")
        return ""

    @staticmethod
    def _is_shortcode(name: str, rest: str, closing: str, content: str) -> bool:
        return (
            name in KNOWN_SHORTCODES
            or "_" in name
            or "-" in name
            or bool(closing)
            or "=" in rest
            or f"[/{name}]" in content.lower()
        )


def _enclosing(name: str) -> re.Pattern[str]:
    return _ENCLOSING.setdefault(
        name,
        re.compile(
            r"\[" + name + r"(\s[^\]]*)?\](?:([\s\S]*?)\[/" + name + r"\])?",
            re.I,
        ),
    )


_ENCLOSING: dict[str, re.Pattern[str]] = {}


def parse_attributes(text: str | None) -> dict[str, str]:
    """A shortcode's attributes, read as WordPress's shortcode_parse_atts does."""
    attributes: dict[str, str] = {}
    for position, match in enumerate(_ATTR_RE.finditer(html.unescape(text or "").strip())):
        groups = match.groups()
        if groups[0]:
            attributes[groups[0].lower()] = groups[1]
        elif groups[2]:
            attributes[groups[2].lower()] = groups[3]
        elif groups[4]:
            attributes[groups[4].lower()] = groups[5]
        else:
            value = next((g for g in groups[6:] if g is not None), "")
            attributes[str(position)] = value
    return attributes


def link_paragraph(url: str, caption: str = "") -> str:
    """An embed as Manchette keeps it: a paragraph with only a link to the address (with
    its caption under it, in a figure, when there is one)."""
    url = html.unescape(url.strip())
    link = f'<a href="{html.escape(url)}">{html.escape(url)}</a>'
    if caption.strip():
        return f"<figure><p>{link}</p><figcaption>{caption.strip()}</figcaption></figure>"
    return f"<p>{link}</p>"


def _json(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
