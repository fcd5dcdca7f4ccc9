"""A reader posts a comment in Chromium, a moderator approves it in the desk, and the
comment shows on the article without the reader's e-mail anywhere."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from manchette.articles.tests.builders import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "lectrice.discrete@example.org"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.COMMENTS_MIN_SECONDS = 0


def test_a_comment_goes_from_the_reader_through_moderation_to_the_page(chromium, live_server):
    article = make_article(title="Un article à commenter")
    get_user_model().objects.create_superuser("moderatrice", "mod@example.org", "mot-de-passe-1")
    url = live_server.url + article.get_absolute_url()

    reader = chromium.new_context()
    page = reader.new_page()
    page.goto(url)
    page.get_by_role("textbox", name="Commentaire", exact=True).fill(
        "Une remarque pertinente, avec des accents : é è à ç."
    )
    page.get_by_role("textbox", name="Nom", exact=True).fill("Lectrice Discrète")
    page.get_by_role("textbox", name="E-mail", exact=True).fill(EMAIL)
    page.get_by_role("button", name="Publier le commentaire").click()

    notice = page.locator(".comments__status")
    notice.get_by_text("en attente de modération").wait_for()
    expect(page.locator(".comment--pending").get_by_text("Une remarque pertinente")).to_be_visible()

    desk = chromium.new_context().new_page()
    desk.goto(live_server.url + "/redaction/comments/comment/")
    desk.get_by_label("Nom d’utilisateur").fill("moderatrice")
    desk.get_by_label("Mot de passe").fill("mot-de-passe-1")
    desk.get_by_role("button", name="Connexion").click()
    row = desk.locator("#result_list tbody tr", has_text="Une remarque pertinente")
    row.locator("input[name=_selected_action]").check()
    desk.locator("select[name=action]").select_option("approve")
    desk.locator("button[name=index]").click()
    desk.get_by_text("approuvé").first.wait_for()

    page.goto(url)
    comment = page.locator(".comment", has_text="Une remarque pertinente")
    assert comment.is_visible()
    assert comment.locator(".comment__author", has_text="Lectrice Discrète").is_visible()
    assert page.get_by_role("heading", name="1 commentaire").is_visible()
    assert EMAIL not in page.content()
    assert EMAIL not in page.evaluate("document.documentElement.outerHTML")
    reader.close()


def test_a_reader_can_reply_in_place_and_errors_show_next_to_the_fields(chromium, live_server):
    from manchette.comments.tests.builders import make_comment

    article = make_article(title="Un débat")
    make_comment(article, name="Premier Lecteur", text="Ouvrons le débat.")
    page = chromium.new_page()
    page.goto(live_server.url + article.get_absolute_url())

    page.get_by_role("link", name="Répondre à Premier Lecteur").click()
    expect(page.get_by_text("Vous répondez à")).to_be_visible()
    assert page.get_by_role("textbox", name="Commentaire", exact=True).evaluate(
        "el => el === document.activeElement"
    )
    page.get_by_role("button", name="Publier le commentaire").click()

    page.get_by_text("Écrivez votre commentaire.").wait_for()
    expect(page.get_by_text("Indiquez votre nom.")).to_be_visible()
    assert (
        page.get_by_role("textbox", name="Commentaire", exact=True).get_attribute("aria-invalid")
        == "true"
    )
