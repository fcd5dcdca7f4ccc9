"""Whatever HTML is pasted into a body, nothing executable or styled comes out of the sanitizer."""

from __future__ import annotations

import html
import re

import html5lib
from hypothesis import example, given, settings
from hypothesis import strategies as st

from manchette.lib.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    LINK_REL,
    sanitize_html,
)

FUZZ = settings(max_examples=300)

# --- A grammar of hostile HTML ------------------------------------------------------------

TAGS = [
    "script", "style", "iframe", "object", "embed", "svg", "math", "img", "a", "p", "div",
    "template", "noscript", "form", "button", "input", "textarea", "title", "xmp",
    "noembed", "plaintext", "base", "meta", "link", "frame", "frameset", "h1", "table",
    "td", "blockquote", "q", "span", "mglyph", "malignmark", "foreignObject", "desc",
    "annotation-xml", "select", "option", "SCRIPT", "ScRiPt", "Img", "A",
]  # fmt: skip

# "javascript:" as browsers still read it, spelled every way an attacker would.
SCHEME_WORDS = ["javascript", "vbscript", "data", "livescript", "jav&#x09;ascript"]


@st.composite
def hostile_scheme(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(SCHEME_WORDS))
    chars = []
    for char in word:
        char = char.upper() if draw(st.booleans()) else char
        spelling = draw(
            st.sampled_from(
                [
                    char,
                    char,
                    f"&#{ord(char)};",
                    f"&#x{ord(char):x};",
                    f"&#X{ord(char):X};",
                    f"&#0000{ord(char)}",  # without the semicolon, as browsers accept
                    f"&#x{ord(char):x}",
                ]
            )
        )
        noise = draw(st.sampled_from(["", "", "", "\t", "\n", "\r", "&Tab;", "&NewLine;"]))
        chars.append(spelling + noise)
    colon = draw(st.sampled_from([":", "&colon;", "&#58;", "&#x3a;", "&#x3A"]))
    lead = draw(st.sampled_from(["", " ", "\x01", "\x00", "&#32;", "\u00a0", "\x0c"]))
    payload = draw(
        st.sampled_from(["alert(1)", "text/html,<script>alert(1)</script>", "msgbox(1)", ""])
    )
    return lead + "".join(chars) + colon + payload


URL = st.one_of(
    hostile_scheme(),
    st.sampled_from(["https://example.org/", "/relatif", "mailto:a@b.fr", "#ancre", "", "?x=1"]),
    st.text(max_size=20),
)

ATTRIBUTE_NAMES = [
    "onclick", "onerror", "onload", "ONMOUSEOVER", "onfocus", "style", "STYLE", "href",
    "src", "xlink:href", "formaction", "action", "srcdoc", "cite", "lang", "title", "alt",
    "background", "poster", "srcset", "data", "codebase", "dynsrc", "lowsrc", "class", "id",
    "rel", "target", "width", "loading", "scope", "start", "is", "xmlns",
]  # fmt: skip


@st.composite
def attribute(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(ATTRIBUTE_NAMES))
    value = draw(
        st.one_of(URL, st.sampled_from(["alert(1)", "color:red;background:url(javascript:x)"]))
    )
    quote = draw(st.sampled_from(['"', "'", ""]))
    if not quote:
        value = value.replace(" ", "").replace(">", "")
    separator = draw(st.sampled_from([" ", "/", "\t", "\n", " \x0c"]))
    return f"{separator}{name}={quote}{value}{quote}"


LEAVES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "<!-- <script>alert(1)</script> -->",
            "<![CDATA[<script>alert(1)</script>]]>",
            "<!--",
            "-->",
            "<!",
            "</",
            "<",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<?xml version='1.0'?>",
            "<!DOCTYPE html>",
            "alert(1)",
            "</script>",
            "</style>",
            "</textarea>",
            "</title>",
            "\x00",
        ]
    ),
)


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        attributes = "".join(draw(st.lists(attribute(), max_size=3)))
        inner = "".join(draw(st.lists(children, max_size=3)))
        # Unclosed, self-closed and mis-closed tags: the sanitizer's parser must agree
        # with a browser's on where each element ends.
        close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", f"</{tag} >", "/>"]))
        if close == "/>":
            return f"<{tag}{attributes}/>{inner}"
        return f"<{tag}{attributes}>{inner}{close}"

    return build()


HOSTILE_HTML = st.recursive(LEAVES, element, max_leaves=12).map(str)

# --- What the output must never hold ------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "xlink:href", "srcdoc"}
# What a browser strips before reading a URL's scheme: controls and spaces at the ends,
# tabs and newlines anywhere.
_URL_EDGES = "".join(chr(code) for code in range(0x21)) + "\u00a0"
_URL_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def _elements(fragment: str):
    """The elements of `fragment` as an HTML5 browser builds them inside a <div>."""
    tree = html5lib.parseFragment(fragment, container="div", namespaceHTMLElements=False)
    return tree.iter()


def assert_harmless(output: str) -> None:
    for node in _elements(output):
        if not isinstance(node.tag, str):  # comments: there should be none at all
            raise AssertionError(f"comment kept in {output!r}")
        if node.tag == "DOCUMENT_FRAGMENT":
            continue
        assert node.tag in ALLOWED_TAGS, output
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(node.tag, frozenset())
        for name, value in node.attrib.items():
            name = name if isinstance(name, str) else name[1]
            assert not name.lower().startswith("on"), output
            assert name.lower() != "style", output
            assert name in allowed or (node.tag == "a" and name == "rel"), output
            if name in URL_ATTRIBUTES:
                # html5lib has already decoded the entities, as a browser does.
                url = _URL_INSIDE.sub("", html.unescape(value)).strip(_URL_EDGES).lower()
                scheme = _SCHEME.match(url)
                assert scheme is None or scheme.group(1) in ALLOWED_URL_SCHEMES, (url, output)
        if node.tag == "a" and node.get("href") is not None:
            assert node.get("rel") == LINK_REL, output


@FUZZ
@given(HOSTILE_HTML)
@example('<a href="&#106;avascript:alert(1)">x</a>')
@example('<a href="java\tscript:alert(1)">x</a>')
@example('<blockquote cite="&#x6A;avascript:alert(1)">x</blockquote>')
@example("<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>")
@example("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")
@example("<noscript><p title='</noscript><img src=x onerror=alert(1)>'>")
@example("<template><script>alert(1)</script></template>")
@example("<p>a<!--><script>alert(1)</script>--></p>")
def test_nothing_executable_or_styled_survives(dirty: str) -> None:
    assert_harmless(sanitize_html(dirty))


@FUZZ
@given(st.one_of(HOSTILE_HTML, st.text()))
@example("<h1>Titre</h1>")
@example('<a href="https://example.org/">lien</a>')
def test_sanitizing_twice_changes_nothing(dirty: str) -> None:
    clean = sanitize_html(dirty)

    assert sanitize_html(clean) == clean


@FUZZ
@given(st.text())
@example("\x00")
@example("\ud7ff\ufffe\uffff")
@example("<" * 1000)
def test_any_text_is_sanitized_without_error(text: str) -> None:
    output = sanitize_html(text)

    assert isinstance(output, str)
    assert_harmless(output)
