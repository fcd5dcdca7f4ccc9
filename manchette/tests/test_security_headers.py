"""The security headers every answer carries, and a browser's word that neither the
public pages nor the desk break the Content-Security-Policy."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from manchette.articles.models import Page
from manchette.articles.tests.builders import add_authors, make_article, make_lead_image
from manchette.comments.tests.builders import make_comment


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["article", "/", "/recherche/?q=budget", "/flux/", "/sitemap.xml", "/redaction/login/", "404"],
)
def test_every_answer_carries_the_security_headers(client, address):
    article = make_article(title="Le budget est voté")
    url = {"article": article.get_absolute_url(), "404": "/nulle-part/"}.get(address, address)

    response = client.get(url)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'sha256-" in policy  # no 'unsafe-inline'
    assert "style-src 'self' 'sha256-" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_static_files_carry_them_too(client, settings):
    response = client.get(settings.STATIC_URL + "css/site.css")

    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]


def watch_policy(page) -> list[str]:
    """Every message Chromium gives when the policy blocks something."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_pages_break_no_rule_of_the_policy(chromium, live_server):
    Page.objects.create(title="Nos principes", slug="principes", role=Page.Role.PRINCIPLES)
    article = make_article(title="Le budget est voté", lead_image=make_lead_image())
    add_authors(article, "Claire Martin")
    make_comment(article, text="Un avis.")
    page = chromium.new_page()
    refused = watch_policy(page)

    for url in (
        article.get_absolute_url(),
        "/",
        article.category.get_absolute_url(),
        "/recherche/?q=budget",
        "/page/principes/",
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
    # The comment form's script runs: it fetches its token when the reader starts.
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("textbox", name="Commentaire", exact=True).fill("Un second avis.")
    expect(page.locator("input[name=csrfmiddlewaretoken]")).not_to_have_value("")

    assert refused == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_desk_works_under_the_same_policy(chromium, live_server):
    get_user_model().objects.create_superuser("redactrice", "red@example.org", "mot-de-passe-1")
    article = make_article(title="Le budget est voté")
    make_comment(article, text="Un avis.")
    page = chromium.new_page()
    refused = watch_policy(page)

    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.get_by_label("Nom d’utilisateur").fill("redactrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-1")
    page.get_by_role("button", name="Connexion").click()
    # The prose editor (a module script with an import map) is up and edits the text.
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type(" Une phrase ajoutée.")
    expect(editor).to_contain_text("Une phrase ajoutée.")
    for name in ("admin:articles_article_changelist", "admin:comments_comment_changelist"):
        page.goto(live_server.url + reverse(name))
        page.wait_for_load_state("load")
    # The moderation queue's tabs, laid out by the desk's own stylesheet.
    tabs = page.locator(".comment-queue-tabs ul")
    expect(tabs).to_be_visible()
    assert tabs.evaluate("el => getComputedStyle(el).display") == "flex"

    assert refused == []
