"""Allow-list HTML sanitizer for article bodies, built on nh3."""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "q",
        "cite",
        "figure",
        "figcaption",
        "img",
        "code",
        "pre",
        "abbr",
        "mark",
        "small",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "caption",
        "span",
    }
)

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    # "lang" everywhere: a quotation or a title in another language must be marked as such.
    "*": frozenset({"lang"}),
    "a": frozenset({"href", "title", "hreflang"}),
    "ol": frozenset({"start"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "abbr": frozenset({"title"}),
    "th": frozenset({"colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
}
# Attributes with a closed set of meaningful values: anything else is dropped.
ALLOWED_ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "img": {"loading": frozenset({"lazy", "eager"})},
    "th": {"scope": frozenset({"row", "col", "rowgroup", "colgroup"})},
}

# Checked by nh3 after HTML entities are decoded and URL whitespace is removed, so
# "&#106;avascript:" or "java\tscript:" is as dead as "javascript:"; relative URLs pass.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# nh3 only vets href and src; other attributes holding a URL are checked here instead.
_OTHER_URL_ATTRIBUTES = frozenset({("blockquote", "cite"), ("q", "cite")})
_URL_SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop these anywhere in a URL, and C0 controls and spaces at its ends.
_URL_IGNORED_RE = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(code) for code in range(0x21))

# Removed together with their content: their text is code or fallback, never prose.
STRIPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed"})

LINK_REL = "noopener noreferrer"

# Only the tag name is rewritten, and nh3 parses and cleans the result afterwards, so this
# cannot let anything through: at worst it renames text that nh3 would then escape or drop.
_H1_TAG_RE = re.compile(r"<(/?)h1(?=[\s/>])", re.IGNORECASE)


def sanitize_html(html: str) -> str:
    """Return the article body `html` reduced to the allowed tags, attributes and URLs.

    Headings are demoted from <h1> to <h2>, since the headline is the page's only <h1>;
    links get rel="noopener noreferrer"; comments are dropped. Empty input gives "".
    """
    if not html or not html.strip():
        return ""
    html = _H1_TAG_RE.sub(r"<\1h2", html)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(STRIPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={
            tag: {name: set(values) for name, values in rules.items()}
            for tag, rules in ALLOWED_ATTRIBUTE_VALUES.items()
        },
        url_schemes=set(ALLOWED_URL_SCHEMES),
        attribute_filter=_filter_attribute,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if (tag, attribute) in _OTHER_URL_ATTRIBUTES and not _has_allowed_scheme(value):
        return None
    return value


def _has_allowed_scheme(url: str) -> bool:
    """Tell whether `url` is relative or uses an allowed scheme, as a browser would read it."""
    url = _URL_IGNORED_RE.sub("", url).strip(_URL_EDGES)
    match = _URL_SCHEME_RE.match(url)
    return match is None or match.group(1).lower() in ALLOWED_URL_SCHEMES
