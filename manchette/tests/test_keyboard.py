"""The demo newsroom with the keyboard alone (issue 8): the skip link, a visible focus on
everything Tab reaches, the menu on a phone, the share bar, the comment form and the
reply links, and where the focus goes after each action."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page, expect

from .conftest import DemoSite

pytestmark = pytest.mark.browser

POSTED = itertools.count(1)
# A page has far fewer stops than this; the walk stops when Tab comes back round.
MOST_TAB_STOPS = 400

# What a sighted keyboard user sees of the focused element, once its transitions have
# run: an outline or a ring, and the element itself under the centre of one of its
# boxes (a link may wrap onto two lines), not hidden under a sticky bar or off-screen.
FOCUS_SEEN = """async () => {
    const element = document.activeElement;
    await Promise.all(document.getAnimations().map(animation => animation.finished));
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const hits = [...element.getClientRects()].map(box => document.elementFromPoint(
        Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1),
        Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1),
    ));
    return {
        name: element.tagName.toLowerCase() + " " +
            (element.getAttribute("aria-label") || element.textContent || element.name || "")
                .trim().replace(/\\s+/g, " ").slice(0, 60),
        indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none",
        inView: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight
            && rect.left < innerWidth,
        uncovered: hits.some(hit => hit && (element.contains(hit) || hit.contains(element))),
    };
}"""


def open_page(new_context, site: DemoSite, path: str, width: int = 1280) -> Page:
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(site.url + site.paths.get(path, path))
    return page


def tab_to(page: Page, locator, most: int = MOST_TAB_STOPS) -> None:
    """Tab until `locator` has the focus, as a keyboard user would reach it."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {locator}")


def test_the_skip_link_comes_first_shows_itself_and_leads_to_the_content(demo_site, new_context):
    page = open_page(new_context, demo_site, "article")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/", "article"])
def test_every_stop_of_the_tab_order_shows_its_focus(demo_site, new_context, path, width):
    page = open_page(new_context, demo_site, path, width)
    seen: list[dict] = []
    for _ in range(MOST_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        stop = page.evaluate(FOCUS_SEEN)
        if seen and stop == seen[0]:
            break
        seen.append(stop)
    assert len(seen) > 20
    hidden = [stop["name"] for stop in seen if not stop["indicator"]]
    off_screen = [stop["name"] for stop in seen if not (stop["inView"] and stop["uncovered"])]
    assert not hidden, f"no visible focus on: {hidden}"
    assert not off_screen, f"focused but out of sight: {off_screen}"


@pytest.mark.parametrize("path", ["/", "article", "/recherche/?q=budget"])
def test_pages_fit_a_320_px_screen_without_sideways_scrolling(demo_site, new_context, path):
    """WCAG 1.4.10 (reflow): 320 CSS pixels is a 1280 px window zoomed to 400 %."""
    page = open_page(new_context, demo_site, path, width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_on_a_phone_the_menu_shows_every_category_and_tab_walks_it(demo_site, new_context):
    """The menu wraps rather than scrolling sideways: each item is in sight when it
    takes the focus, and Enter opens its category."""
    page = open_page(new_context, demo_site, "/", width=375)
    links = page.locator(".site-nav").get_by_role("link")
    assert links.count() >= 5
    tab_to(page, links.first)
    for index in range(links.count()):
        link = links.nth(index)
        expect(link).to_be_focused()
        expect(link).to_be_in_viewport(ratio=1)
        if index < links.count() - 1:
            page.keyboard.press("Tab")
    href = links.last.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_site.url + href)
    expect(
        page.locator(".site-nav").get_by_role("link", name=links.last.inner_text())
    ).to_have_attribute("aria-current", "page")


def test_the_share_bar_works_from_the_keyboard(demo_site, new_context):
    context = new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_site.url)
    page = context.new_page()
    page.goto(demo_site.url + demo_site.paths["article"])
    share = page.get_by_role("navigation", name="Partager l’article").first
    tab_to(page, share.get_by_role("link", name="Partager sur Facebook (nouvelle fenêtre)"))
    for network in ("X", "LinkedIn", "WhatsApp", "Bluesky", "Mastodon", "Pinterest"):
        page.keyboard.press("Tab")
        expect(
            share.get_by_role("link", name=f"Partager sur {network} (nouvelle fenêtre)")
        ).to_be_focused()
    copy = share.get_by_role("link", name="Copier le lien de l’article")
    tab_to(page, copy, most=5)
    page.keyboard.press("Enter")
    expect(share.get_by_role("status")).to_have_text("Lien copié dans le presse-papiers.")
    assert page.evaluate("navigator.clipboard.readText()") == copy.get_attribute("href")
    expect(copy).to_be_focused()


def test_a_comment_written_and_sent_with_the_keyboard_moves_the_focus_to_the_notice(
    demo_site, new_context
):
    page = open_page(new_context, demo_site, "article")
    form = page.locator("#laisser-un-commentaire form")
    text = form.get_by_role("textbox", name="Commentaire", exact=True)
    tab_to(page, text)
    page.keyboard.type(f"Écrit sans souris, envoyé au clavier ({next(POSTED)}).")
    page.keyboard.press("Tab")
    expect(form.get_by_role("textbox", name="Nom", exact=True)).to_be_focused()
    page.keyboard.type("Lectrice au clavier")
    page.keyboard.press("Tab")
    page.keyboard.type("clavier@example.org")
    tab_to(page, form.get_by_role("button", name="Publier le commentaire"), most=6)
    page.keyboard.press("Enter")
    status = page.locator(".comments__status")
    expect(status).to_be_focused()
    expect(status).to_contain_text("commentaire")
    expect(status).to_be_in_viewport()


def test_form_errors_take_the_focus_to_the_first_field_to_fix(demo_site, new_context):
    page = open_page(new_context, demo_site, "article")
    form = page.locator("#laisser-un-commentaire form")
    tab_to(page, form.get_by_role("button", name="Publier le commentaire"))
    page.keyboard.press("Enter")
    text = form.get_by_role("textbox", name="Commentaire", exact=True)
    expect(text).to_be_focused()
    expect(text).to_have_attribute("aria-invalid", "true")
    error = page.locator("#" + text.get_attribute("aria-describedby"))
    expect(error).to_be_visible()
    expect(text).to_have_accessible_description(error.inner_text())


def test_a_reply_opened_and_cancelled_with_the_keyboard(demo_site, new_context):
    page = open_page(new_context, demo_site, "article")
    reply = page.locator(".comment__reply").get_by_role("link").first
    name = reply.get_attribute("data-reply-name")
    tab_to(page, reply)
    page.keyboard.press("Enter")
    form = page.locator("#laisser-un-commentaire form")
    expect(form.get_by_role("textbox", name="Commentaire", exact=True)).to_be_focused()
    expect(page.locator(".comment-form__replying")).to_contain_text(f"Vous répondez à {name}")
    # The form now sits under the comment answered, not at the foot of the page.
    comment = page.locator(f"#commentaire-{reply.get_attribute('data-reply-to')}")
    expect(comment.locator("#laisser-un-commentaire")).to_have_count(1)
    cancel = page.get_by_role("link", name="Annuler la réponse")
    page.keyboard.press("Shift+Tab")
    expect(cancel).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".comment-form__replying")).to_be_hidden()
    expect(reply).to_be_focused()
