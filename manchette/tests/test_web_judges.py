"""The web's own judges on every public page type of the demo newsroom, served as `make
run` serves it (issue 8): axe-core in Debian's Chromium, in both colour schemes and at a
phone's and a desktop's width, and the Nu Html Checker (vnu) on every document.

A failure names the page, the rule and the element. `scripts/ensure-judges` installs
axe-core and vnu.jar (tools/judges/, from npm) before the browser tests run."""

from __future__ import annotations

import itertools
import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import BrowserContext, Page, Response, Route, expect

from .conftest import DemoSite
from .fresh_process import ROOT

pytestmark = pytest.mark.browser

JUDGES = ROOT / "tools" / "judges" / "node_modules"
AXE = JUDGES / "axe-core" / "axe.min.js"
VNU = JUDGES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
COMMENT_FORM = "#laisser-un-commentaire form"
POSTED = itertools.count(1)


# --- The pages, and how a reader reaches each state ---------------------------------------


def publish_button(page: Page):
    return page.locator(COMMENT_FORM).get_by_role("button", name="Publier le commentaire")


def publish_and_leave(page: Page) -> Response:
    """Without the page's script the form posts as any form does: a new document."""
    with page.expect_navigation() as navigation:
        publish_button(page).click()
    return navigation.value


def errors_shown_by_script(page: Page) -> None:
    publish_button(page).click()
    expect(page.locator(COMMENT_FORM).locator(".form__errors")).to_be_visible()


def reply_opened_by_script(page: Page) -> None:
    page.locator(".comment__reply a").first.click()
    expect(page.locator(".comment-form__replying")).to_be_visible()


def comment_posted_by_script(page: Page) -> None:
    form = page.locator(COMMENT_FORM)
    # A text of its own each time: the site refuses a comment posted twice.
    form.get_by_role("textbox", name="Commentaire", exact=True).fill(
        f"Merci pour ce suivi précis, chiffres à l’appui ({next(POSTED)})."
    )
    form.get_by_role("textbox", name="Nom", exact=True).fill("Lectrice attentive")
    form.get_by_role("textbox", name="E-mail", exact=True).fill("lectrice@example.org")
    publish_button(page).click()
    expect(page.locator(".comments__status .comment-notice")).to_be_visible()


def comment_posted_without_script(page: Page) -> Response:
    """The browser's Origin stands in for the token a cached page cannot carry: the
    comment is taken in one step."""
    form = page.locator(COMMENT_FORM)
    form.get_by_role("textbox", name="Commentaire", exact=True).fill(
        f"Écrit sans script, chiffres à l’appui ({next(POSTED)})."
    )
    form.get_by_role("textbox", name="Nom", exact=True).fill("Lecteur sans script")
    form.get_by_role("textbox", name="E-mail", exact=True).fill("sans-script@example.org")
    answer = publish_and_leave(page)
    expect(page.locator(".comments__status .comment-notice")).to_be_visible()
    return answer


def form_to_confirm_without_origin(page: Page) -> Response:
    """Chromium always sends Origin: the post is made again without it, as an older
    browser sends it. Neither Origin nor token: the site asks the reader to confirm, on
    a 403 page that keeps what was typed."""

    def post_without_origin(route: Route) -> None:
        request = route.request
        headers = {"Content-Type": request.headers["content-type"]}
        route.fulfill(
            response=page.request.post(request.url, data=request.post_data, headers=headers)
        )

    page.route("**/commentaires/poster/**", post_without_origin)
    answer = publish_and_leave(page)
    assert answer.status == 403
    return answer


def errors_shown_without_script(page: Page) -> Response:
    answer = publish_and_leave(page)
    assert answer.status == 400
    return answer


@dataclass(frozen=True)
class State:
    """A page as a reader finds it: where it is, whether the site's scripts run, and
    what the reader did there (which may lead to another document)."""

    name: str
    path: str
    scripts: bool = True
    act: Callable[[Page], Response | None] | None = None
    # For a page no request can bring on: the document the site would send, at `path`.
    stand_in: Callable[[Route], None] | None = None


def server_error(route: Route) -> None:
    """Django's handler500 renders 500.html with no context: this very document."""
    route.fulfill(
        status=500,
        content_type="text/html; charset=utf-8",
        body=render_to_string("500.html"),
    )


STATES = [
    State("front page", "/"),
    State("category", "{category}"),
    State("topic", "{topic}"),
    State("author", "{author}"),
    State("article with comments", "{article}"),
    State("article, reply form opened by the script", "{article}", act=reply_opened_by_script),
    State("article, reply form without script", "{reply}", scripts=False),
    State("article, form errors shown by the script", "{article}", act=errors_shown_by_script),
    State("article, comment posted", "{article}", act=comment_posted_by_script),
    State(
        "article, comment posted without script",
        "{article}",
        scripts=False,
        act=comment_posted_without_script,
    ),
    State(
        "comment form to confirm (403), browser without Origin",
        "{article}",
        scripts=False,
        act=form_to_confirm_without_origin,
    ),
    State(
        "comment form errors, without script",
        "{article}",
        scripts=False,
        act=errors_shown_without_script,
    ),
    State("search with results", "/recherche/?q=budget"),
    State("search without results", "/recherche/?q=zygomorphe"),
    State("static page", "{page}"),
    State("page not found (404)", "/cette-page-n-existe-pas/"),
    State("server error (500)", "/erreur-du-serveur/", stand_in=server_error),
    State("my comments: asking for the link", "/commentaires/mes-donnees/"),
    State("my comments: the page of the link", "{my_data}"),
]


@dataclass
class Visit:
    page: Page
    source: str  # the document as the server sent it


def visit(context: BrowserContext, site: DemoSite, state: State) -> Visit:
    if not state.scripts:
        # The site's own scripts only: the judges are evaluated, not loaded.
        context.route("**/*.js", lambda route: route.abort())
    if state.stand_in:
        context.route(site.url + state.path, state.stand_in)
    page = context.new_page()
    answer = page.goto(site.url + state.path.format(**site.paths))
    assert answer is not None
    if state.act:
        answer = state.act(page) or answer
    return Visit(page, answer.text())


# --- axe-core ------------------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict]:
    # Evaluated rather than added as a <script>: the site's CSP refuses inline scripts.
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    return results["violations"]


def describe(violation: dict) -> str:
    elements = "\n".join(
        f"      {' '.join(node['target'])}: {node['html'][:200]}" for node in violation["nodes"][:5]
    )
    return f"  {violation['id']} ({violation['impact']}): {violation['help']}\n{elements}"


@pytest.mark.parametrize("state", STATES, ids=[state.name for state in STATES])
def test_axe_finds_no_violation_at_both_widths_in_both_schemes(demo_site, new_context, state):
    failures = []
    for width in WIDTHS:
        for scheme in SCHEMES:
            context = new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
            violations = axe_violations(visit(context, demo_site, state).page)
            if violations:
                found = "\n".join(describe(violation) for violation in violations)
                failures.append(f"{state.name}, {width} px, {scheme}:\n{found}")
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


# --- The Nu Html Checker -------------------------------------------------------------------


def vnu_errors(documents: dict[str, str], folder: Path) -> list[str]:
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"{number:02d}.html"
        path.write_text(html)
        files[path.name] = name
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *files],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stdout)["messages"]
    return [
        f"{files.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))}, "
        f"line {message.get('lastLine')}: "
        f"{message['message']}\n      {message.get('extract', '').strip()}"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]


def test_the_nu_html_checker_finds_no_error_in_any_document(demo_site, new_context, tmp_path):
    """What the server sends, and, where the page's script changed it, the document as
    the script left it."""
    documents = {}
    for state in STATES:
        seen = visit(new_context(viewport={"width": 1280, "height": 800}), demo_site, state)
        documents[f"{state.name} (as sent)"] = seen.source
        if state.scripts and state.act:
            documents[f"{state.name} (after the script)"] = seen.page.content()
    errors = vnu_errors(documents, tmp_path)
    assert len(documents) > len(STATES)
    assert not errors, "Nu Html Checker errors:\n" + "\n".join(errors)


def test_the_page_is_french_and_a_quotation_in_english_says_so(demo_site, new_context):
    """Screen readers switch voice on `lang`: the page's own, and a passage's (WCAG 3.1.1
    and 3.1.2); axe checks that each value is a valid language tag."""
    page = new_context().new_page()
    page.goto(demo_site.url + demo_site.paths["quoted_in_english"])
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    quotation = page.locator("article blockquote[lang='en']")
    expect(quotation).to_have_count(1)
    expect(quotation).to_contain_text("This is the first time")


# WCAG 1.4.12: a reader's own style sheet may space text out this far, and no text may be
# cut off for it. What was cut before on purpose stays out of the count: the elements for
# screen readers only, the bots' trap, and the teasers' standfirsts clamped to three
# lines on wide screens (the article holds the whole text, a screen reader reads it all).
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
CLIPPED = """() => [...document.querySelectorAll("body *")].filter(element => {
    if (element.closest(".visually-hidden, .comment-form__trap, [hidden]")) return false;
    const style = getComputedStyle(element);
    const clips = [style.overflowX, style.overflowY].some(v => v === "hidden" || v === "clip");
    return clips && element.textContent.trim() && (
        element.scrollHeight > element.clientHeight + 1
        || element.scrollWidth > element.clientWidth + 1);
}).map(element => element.outerHTML.slice(0, 160))"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/", "{article}", "{category}", "/recherche/?q=budget"])
def test_wider_text_spacing_cuts_no_text_off(demo_site, new_context, path, width):
    # A reader's style sheet is not the site's: the site's CSP does not apply to it.
    context = new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(demo_site.url + path.format(**demo_site.paths))
    cut_by_design = page.evaluate(CLIPPED)
    page.add_style_tag(content=TEXT_SPACING)
    cut = [element for element in page.evaluate(CLIPPED) if element not in cut_by_design]
    assert not cut, "text cut off once spaced out:\n" + "\n".join(cut)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
