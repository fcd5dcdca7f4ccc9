"""A damaged WordPress export is imported whole or refused in French, never half-imported."""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from manchette.articles.models import Article
from manchette.comments.models import Comment

pytestmark = pytest.mark.django_db

# Each example is a full import, hence the few.
MUTATIONS = settings(
    max_examples=50,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

WXR = Path(__file__).parent / "wxr"
VALID = (WXR / "wxr-1.0.xml").read_bytes()
# The full test site too: attachments, shortcodes, blocks, threads, for values to break.
SEEDS = [VALID, (WXR / "site.xml").read_bytes()]

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>"""
# Fragments that make XML or WordPress data go wrong in the ways real exports do.
SNIPPETS = [
    b"<", b">", b"&", b"&nbsp;", b"&lol;", b"&#0;", b"&#xD800;", b"]]>", b"<![CDATA[",
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xe9", b"</item>", b"<item>",
    b"</channel>", b"<wp:post_id>abc</wp:post_id>", b"<wp:post_id>-1</wp:post_id>",
    b"<wp:post_id>99999999999999999999999</wp:post_id>",
    b"<wp:post_date_gmt>2010-99-99 99:99:99</wp:post_date_gmt>",
    b"<wp:status>future</wp:status>", b"<wp:post_type>page</wp:post_type>",
    b"<wp:comment_parent>1</wp:comment_parent>", b"<wp:comment_id>1</wp:comment_id>",
    b'<!ENTITY x SYSTEM "file:///etc/passwd">', b"&x;", b"<!-- -->", b"<?pi x?>",
    b'<category domain="category" nicename="">', b"</category>", b'xmlns:wp="x"',
]  # fmt: skip
# Values an exporting plugin or a hand edit may leave in a well-formed file.
ODD_VALUES = [
    "", " ", "0", "-1", "abc", "99999999999999999999999", "1e9", "0000-00-00 00:00:00",
    "2010-02-30 25:61:61", "9999-12-31 23:59:59", "http://[", "http://", "javascript:alert(1)",
    "//", "/", "%", "%ZZ", "../../etc/passwd", "trash", "future", "inherit", "attachment",
    "nav_menu_item", "wp_block", "page", "private", "spam", "1", "é" * 300, "&nbsp;",
    "<p>", "[gallery ids=\"1,x\"]", "[caption]", "<!-- wp:image {\"id\":\"x\"} -->",
    "[caption id=\"x\" width=\"-5\"]<img src=\"javascript:x\">[/caption]", "[embed]http://[",
    "<!-- wp:block {\"ref\":99999999999999999999} /-->", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "[video src=\"http://[\"]", "<!-- wp:", "[", "]",
]  # fmt: skip
_LEAF_RE = re.compile(rb"<((?:wp|dc):[A-Za-z_]+|title|link|pubDate|guid)>([^<]*)</\1>")
_CDATA_RE = re.compile(rb"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
ELEMENT_NAMES = [
    b"item", b"wp:comment", b"wp:category", b"wp:tag", b"content:encoded", b"wp:post_id",
    b"title", b"channel", b"wp:wxr_version",
]  # fmt: skip


def _element(data: bytes, name: bytes) -> tuple[int, int] | None:
    start = data.find(b"<" + name + b">")
    end = data.find(b"</" + name + b">", start)
    if start < 0 or end < 0:
        return None
    return start, end + len(name) + 3


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """One damage: a byte changed, bytes cut or inserted, an element doubled or dropped,
    the file cut short, re-encoded, preceded by an entity bomb, or (most often, as these
    get furthest into the import) one value replaced in a file that stays well-formed."""
    kind = draw(
        st.sampled_from(
            ["flip", "delete", "insert", "truncate", "duplicate", "drop", "encoding", "bomb"]
            + ["value"] * 3
        )
    )
    event(kind)
    position = draw(st.integers(0, len(data)))
    if kind == "flip" and position < len(data):
        return data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1 :]
    if kind == "delete":
        return data[:position] + data[position + draw(st.integers(1, 200)) :]
    if kind == "insert":
        inserted = draw(st.one_of(st.sampled_from(SNIPPETS), st.binary(min_size=1, max_size=8)))
        return data[:position] + inserted + data[position:]
    if kind == "truncate":
        return data[:position]
    if kind in ("duplicate", "drop"):
        span = _element(data, draw(st.sampled_from(ELEMENT_NAMES)))
        if span is None:
            return data
        start, end = span
        middle = data[start:end] * 2 if kind == "duplicate" else b""
        return data[:start] + middle + data[end:]
    if kind == "encoding":
        text = data.decode("utf-8", errors="replace")
        codec = draw(st.sampled_from(["utf-16", "latin-1", "cp1252", "utf-32"]))
        declared = draw(st.sampled_from(["UTF-8", "ISO-8859-1", "UTF-16", "x-inconnu", codec]))
        text = text.replace('encoding="UTF-8"', f'encoding="{declared}"')
        return text.encode(codec, errors="replace")
    if kind == "value":
        leaves = [*_LEAF_RE.finditer(data), *_CDATA_RE.finditer(data)]
        if not leaves:
            return data
        leaf = draw(st.sampled_from(leaves))
        value = draw(st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=20)))
        # Characters XML cannot hold at all would only give a parse error: keep them out.
        value = "".join(char for char in value if char.isprintable() or char in "\t\n")
        in_cdata = leaf.re is _CDATA_RE
        value = value.replace("]]>", "") if in_cdata else escape(value)
        start, end = leaf.span(1 if in_cdata else 2)
        return data[:start] + value.encode("utf-8") + data[end:]
    if kind == "bomb":
        body = data[max(data.find(b"<rss"), 0) :].replace(b"<title>Le", b"<title>&d;Le")
        return BILLION_LAUGHS + body
    return data


def damaged(times: int = 3) -> st.SearchStrategy[bytes]:
    strategy = st.sampled_from(SEEDS)
    for _ in range(times):
        strategy = strategy.flatmap(
            lambda data: st.one_of(st.just(data), mutation(data))  # type: ignore[arg-type]
        )
    return strategy


def import_file(path: Path) -> None:
    call_command(
        "import_wordpress", str(path), "--workers", "0", stdout=io.StringIO(), stderr=io.StringIO()
    )


@MUTATIONS
@given(damaged())
@example(VALID)
@example(VALID[:1500])
@example(BILLION_LAUGHS + VALID[VALID.index(b"<rss") :].replace(b"Le Vieux", b"&d;"))
@example(VALID.replace(b"<wp:post_id>3</wp:post_id>", b"<wp:post_id>3</wp:post_id>" * 2))
@example(VALID.replace(b'encoding="UTF-8"', b'encoding="UTF-16"'))
# Found by hypothesis: expat's LookupError for an unknown encoding escaped the reader.
@example(VALID.replace(b'encoding="UTF-8"', b'encoding="x-inconnu"'))
# Found by hypothesis: urlsplit's ValueError for an unclosed IPv6 bracket in an address.
@example(VALID.replace(b"<link>http://vieux", b"<link>http://[vieux", 1))
@example(VALID.replace(b"<wp:base_site_url>http://", b"<wp:base_site_url>http://["))
@example(VALID.replace(b"<link>http://vieux-blog.example.org/blog/2010", b"<link>http://[x/2010"))
def test_a_damaged_export_is_imported_whole_or_refused_in_french(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("wxr") / "export.xml"
    path.write_bytes(data)
    before = (Article.objects.count(), Comment.objects.count())

    try:
        import_file(path)
    except CommandError as error:
        event("refused")  # see --hypothesis-show-statistics
        message = str(error)
        assert message.strip() and "Traceback" not in message
        # A file that cannot be read stops before anything is written.
        assert (Article.objects.count(), Comment.objects.count()) == before, message
        return

    event("imported")
    for article in Article.objects.filter(import_ref__startswith="wp:"):
        # An article arrives with its body rendered and its comments counted.
        assert bool(article.body.strip()) == bool(article.body_html.strip()), article.import_ref
        assert article.comment_count == article.comments.approved().count()
