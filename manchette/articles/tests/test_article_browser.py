"""The reference article page in a real browser: every element visible, no other host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from manchette.articles.models import Article, Correction, Page

from .builders import add_authors, add_sources, add_tags, make_article, make_lead_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article_url(live_server) -> str:
    Page.objects.create(
        title="Nos principes éditoriaux", slug="principes", role=Page.Role.PRINCIPLES
    )
    Page.objects.create(
        title="Politique de corrections", slug="corrections", role=Page.Role.CORRECTIONS
    )
    article = make_article(
        title="Le conseil vote : « un budget historique »",
        standfirst="Un chapô qui résume.",
        body="<p>Premier paragraphe.</p><h2>Ce qui change</h2><p>Deuxième.</p>"
        "<blockquote><p>Une citation.</p></blockquote>",
        article_type=Article.Type.ANALYSIS,
        lead_image=make_lead_image(),
    )
    add_authors(article, "Claire Martin")
    add_tags(article, "Budget")
    add_sources(article, 2)
    Correction.objects.create(article=article, text="Un montant a été corrigé.")
    related = make_article(title="Un article voisin", hours_ago=5, lead_image=make_lead_image())
    add_tags(related, "Budget")
    return live_server.url + article.get_absolute_url()


def test_every_element_of_the_reference_page_is_visible_and_nothing_leaves_the_site(
    chromium, live_server, article_url
):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    response = page.goto(article_url)
    page.wait_for_load_state("load")

    assert response.status == 200
    figure = page.locator("article .article__figure")
    assert figure.locator("img").is_visible()
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert "La place du village." in figure.locator("figcaption").inner_text()
    assert "Photo : Rédaction" in figure.locator("figcaption").inner_text()
    assert page.get_by_role("link", name="Politique").first.is_visible()
    assert page.locator(".type-label", has_text="Analyse").is_visible()
    heading = page.get_by_role("heading", level=1)
    assert heading.count() == 1 and "budget historique" in heading.inner_text()
    assert page.get_by_text("Un chapô qui résume.").is_visible()
    assert page.locator(".byline").get_by_role("link", name="Claire Martin").is_visible()
    assert page.locator(".byline").get_by_text("Publié le").is_visible()
    share = page.get_by_role("navigation", name="Partager l’article").first
    for network in ("Facebook", "X", "LinkedIn", "WhatsApp", "Bluesky", "Mastodon", "Pinterest"):
        assert share.get_by_role(
            "link", name=f"Partager sur {network} (nouvelle fenêtre)"
        ).is_visible()
    assert share.get_by_role("link", name="Envoyer par e-mail").is_visible()
    assert share.get_by_role("link", name="Copier le lien de l’article").is_visible()
    assert page.get_by_role("heading", level=2, name="Ce qui change").is_visible()
    assert page.locator(".sources li").first.is_visible()
    assert page.locator(".sources").get_by_role("link", name="Rapport n° 1").is_visible()
    assert page.locator(".corrections").get_by_text("Un montant a été corrigé.").is_visible()
    assert (
        page.locator(".policies").get_by_role("link", name="Nos principes éditoriaux").is_visible()
    )
    assert page.locator(".article-tags").get_by_role("link", name="Budget").is_visible()
    assert page.locator(".related").get_by_role("link", name="Un article voisin").is_visible()
    assert page.locator("#commentaires").is_visible()

    own_host = urlsplit(live_server.url).netloc
    assert requested, "the browser recorded no request at all"
    assert {urlsplit(url).netloc for url in requested} == {own_host}, requested


def test_the_copy_button_copies_the_address(chromium, live_server, article_url):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(article_url)

    page.get_by_role("link", name="Copier le lien de l’article").first.click()

    # expect() waits: the message appears once the clipboard promise settles.
    expect(page.get_by_text("Lien copié dans le presse-papiers.").first).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == article_url.split("#")[0]
    assert page.url == article_url  # the link did not navigate away
    context.close()


def test_the_page_reads_without_javascript(chromium, live_server, article_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(article_url)

    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("heading", level=2, name="Ce qui change").is_visible()
    assert page.locator(".share-bar__native").first.is_hidden()
    context.close()
