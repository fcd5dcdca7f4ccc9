"""Tests for the article body HTML sanitizer."""

import pytest

from manchette.lib.sanitize import sanitize_html

# --- Dangerous content is removed -----------------------------------------------------------


def test_it_removes_a_script_and_its_content() -> None:
    assert sanitize_html("<p>Texte<script>alert('x')</script></p>") == "<p>Texte</p>"


@pytest.mark.parametrize("tag", ["script", "style", "iframe", "object"])
def test_it_removes_embedding_elements_with_their_content(tag: str) -> None:
    assert sanitize_html(f"<p>avant<{tag}>caché</{tag}>après</p>") == "<p>avantaprès</p>"


def test_it_removes_an_embed_element() -> None:
    assert sanitize_html('<p>a<embed src="https://x.org/f.swf">b</p>') == "<p>ab</p>"


def test_it_removes_a_script_hidden_in_svg() -> None:
    assert sanitize_html("<svg><script>alert(1)</script></svg>") == ""


@pytest.mark.parametrize("handler", ["onclick", "onmouseover", "ONLOAD", "onerror"])
def test_it_removes_event_handlers(handler: str) -> None:
    assert sanitize_html(f'<p {handler}="alert(1)">Texte</p>') == "<p>Texte</p>"


def test_it_removes_an_event_handler_from_an_image() -> None:
    assert sanitize_html('<img src="/a.jpg" onerror="alert(1)">') == '<img src="/a.jpg">'


def test_it_removes_style_class_and_id_attributes() -> None:
    assert sanitize_html('<p style="color:red" class="x" id="y">Texte</p>') == "<p>Texte</p>"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;vascript&#58;alert(1)",
        "java&#x09;script:alert(1)",
        "java\nscript:alert(1)",
        " javascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "ftp://example.org/fichier",
    ],
)
def test_it_removes_a_link_with_a_forbidden_scheme(href: str) -> None:
    assert sanitize_html(f'<a href="{href}">lien</a>') == '<a rel="noopener noreferrer">lien</a>'


@pytest.mark.parametrize("src", ["javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo="])
def test_it_removes_an_image_source_with_a_forbidden_scheme(src: str) -> None:
    assert sanitize_html(f'<img src="{src}" alt="x">') == '<img alt="x">'


@pytest.mark.parametrize("tag", ["q", "blockquote"])
def test_it_removes_a_quotation_source_with_a_forbidden_scheme(tag: str) -> None:
    html = f'<{tag} cite="&#106;ava&#x0A;Script:alert(1)">x</{tag}>'
    assert sanitize_html(html) == f"<{tag}>x</{tag}>"


def test_it_removes_comments() -> None:
    assert sanitize_html("<p>a<!-- note interne -->b</p>") == "<p>ab</p>"


def test_it_keeps_the_text_of_disallowed_tags() -> None:
    assert sanitize_html("<div><font>Texte</font></div>") == "Texte"


def test_it_escapes_stray_angle_brackets() -> None:
    assert sanitize_html("<p>a < b</p>") == "<p>a &lt; b</p>"


# --- Allowed structure is kept --------------------------------------------------------------


def test_it_keeps_paragraphs_and_inline_formatting() -> None:
    html = (
        "<p><strong>a</strong> <b>b</b> <em>c</em> <i>d</i> <u>e</u> <s>f</s> H<sub>2</sub>O "
        "1<sup>er</sup> <mark>g</mark> <small>h</small> <code>i</code><br>j</p>"
    )
    assert sanitize_html(html) == html


def test_it_keeps_subheadings() -> None:
    html = "<h2>Un</h2><h3>Deux</h3><h4>Trois</h4>"
    assert sanitize_html(html) == html


def test_it_keeps_lists_with_a_start_number() -> None:
    html = '<ul><li>a</li></ul><ol start="3"><li>b</li></ol>'
    assert sanitize_html(html) == html


def test_it_keeps_quotations_with_their_source() -> None:
    html = (
        '<blockquote cite="https://example.org/discours"><p>Texte</p></blockquote>'
        '<p><q cite="/archives/1">Oui</q>, dit-il dans <cite>Le Monde</cite>.</p>'
    )
    assert sanitize_html(html) == html


def test_it_keeps_figures_with_images_and_captions() -> None:
    html = (
        '<figure><img src="/media/photo.jpg" alt="Le Palais" width="800" height="600"'
        ' loading="lazy"><figcaption>Le Palais de l’Élysée</figcaption></figure>'
    )
    assert sanitize_html(html) == html


def test_it_drops_an_unknown_image_loading_value() -> None:
    assert sanitize_html('<img src="/a.jpg" loading="soon">') == '<img src="/a.jpg">'


def test_it_keeps_tables() -> None:
    html = (
        "<table><caption>Résultats</caption><thead><tr>"
        '<th scope="col" colspan="2">Ville</th><th rowspan="2">Score</th></tr></thead>'
        '<tbody><tr><td colspan="2">Paris</td><td rowspan="1">12</td></tr></tbody></table>'
    )
    assert sanitize_html(html) == html


def test_it_keeps_preformatted_code() -> None:
    html = "<pre><code>if a &lt; b:\n    pass</code></pre>"
    assert sanitize_html(html) == html


def test_it_keeps_abbreviations_with_their_title() -> None:
    html = '<p><abbr title="Organisation des Nations unies">ONU</abbr></p>'
    assert sanitize_html(html) == html


def test_it_keeps_a_horizontal_rule_and_spans() -> None:
    assert sanitize_html("<hr><p><span>x</span></p>") == "<hr><p><span>x</span></p>"


def test_it_keeps_link_attributes_and_adds_rel() -> None:
    html = '<a href="https://example.org/" title="Source" hreflang="en">lien</a>'
    assert sanitize_html(html) == (
        '<a href="https://example.org/" title="Source" hreflang="en"'
        ' rel="noopener noreferrer">lien</a>'
    )


def test_it_replaces_a_rel_and_drops_a_target_supplied_by_the_author() -> None:
    html = '<a href="https://example.org/" rel="opener" target="_blank">lien</a>'
    assert sanitize_html(html) == (
        '<a href="https://example.org/" rel="noopener noreferrer">lien</a>'
    )


@pytest.mark.parametrize(
    "href", ["https://example.org/", "http://example.org/", "mailto:redac@example.org"]
)
def test_it_keeps_a_link_with_an_allowed_scheme(href: str) -> None:
    assert (
        sanitize_html(f'<a href="{href}">x</a>')
        == f'<a href="{href}" rel="noopener noreferrer">x</a>'
    )


@pytest.mark.parametrize("href", ["/politique/elysee-lete", "../autre", "#note-1", "?page=2"])
def test_it_keeps_a_relative_link(href: str) -> None:
    assert (
        sanitize_html(f'<a href="{href}">x</a>')
        == f'<a href="{href}" rel="noopener noreferrer">x</a>'
    )


def test_it_keeps_lang_on_any_allowed_element() -> None:
    html = (
        '<p lang="en">Hello <span lang="de">Hallo</span> <q lang="it">ciao</q></p>'
        '<blockquote lang="es"><p>hola</p></blockquote><h2 lang="la">Alea</h2>'
    )
    assert sanitize_html(html) == html


# --- Headings and edge cases -------------------------------------------------------------


def test_it_turns_an_h1_into_an_h2() -> None:
    assert sanitize_html("<h1>Titre</h1><p>Texte</p>") == "<h2>Titre</h2><p>Texte</p>"


def test_it_turns_an_h1_with_attributes_and_odd_case_into_an_h2() -> None:
    assert sanitize_html('<H1 class="x" lang="en">Title</H1 >') == '<h2 lang="en">Title</h2>'


def test_it_does_not_rename_text_that_merely_looks_like_an_h1() -> None:
    assert sanitize_html("<p>&lt;h1&gt; et <h10>x</h10></p>") == "<p>&lt;h1&gt; et x</p>"


@pytest.mark.parametrize("html", ["", "   ", "\n\t"])
def test_it_returns_an_empty_string_for_empty_input(html: str) -> None:
    assert sanitize_html(html) == ""


def test_it_is_stable_when_applied_twice() -> None:
    html = '<h1>T</h1><p onclick="x">a <a href="/x">b</a><script>c</script></p>'
    once = sanitize_html(html)
    assert sanitize_html(once) == once
