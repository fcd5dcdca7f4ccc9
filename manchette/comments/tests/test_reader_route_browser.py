"""A reader's whole route in Chromium, with and without JavaScript, from a page served by
the page cache: post in one step, reply, ask for one's data, download and delete it,
unsubscribe from reply notices."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from playwright.sync_api import Page, expect

from manchette.articles.tests.builders import make_article
from manchette.comments import tokens
from manchette.comments.models import Comment
from manchette.comments.moderation import moderate
from manchette.pagecache import versions

from .builders import make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "lectrice.route@example.org"


@pytest.fixture(autouse=True)
def _as_in_production(settings):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    settings.COMMENTS_MIN_SECONDS = 0
    caches[versions.ALIAS].clear()


def write(page: Page, text: str) -> None:
    form = page.locator("#laisser-un-commentaire form")
    form.get_by_role("textbox", name="Commentaire", exact=True).fill(text)
    form.get_by_role("textbox", name="Nom", exact=True).fill("Lectrice en route")
    form.get_by_role("textbox", name="E-mail", exact=True).fill(EMAIL)
    form.get_by_role("checkbox", name="Me prévenir par e-mail des réponses").check()
    form.get_by_role("button", name="Publier le commentaire").click()


def link_in_last_mail() -> str:
    url = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    return url.removeprefix(settings.SITE_URL)


@pytest.mark.parametrize("scripts", [False, True], ids=["without JavaScript", "with JavaScript"])
def test_a_readers_whole_route(chromium, live_server, scripts):
    article = make_article(title="Un article à discuter")
    other = make_comment(article, name="Premier lecteur", text="À débattre.")
    url = live_server.url + article.get_absolute_url()
    reader = chromium.new_context(java_script_enabled=scripts)
    page = reader.new_page()
    page.goto(url)
    page.goto(url)  # the stored copy now

    write(page, "Mon premier avis.")
    status = page.locator(".comments__status")
    expect(status).to_contain_text("en attente de modération")
    mine = page.locator(".comment--pending", has_text="Mon premier avis.")
    expect(mine).to_contain_text("vous seul voyez ce commentaire")
    assert Comment.objects.get(text="Mon premier avis.").status == Comment.Status.PENDING
    if not scripts:
        # The link the reader was sent to shows nothing to anyone else.
        stranger = chromium.new_context(java_script_enabled=False).new_page()
        stranger.goto(page.url)
        expect(stranger.locator(".comments__status")).to_be_empty()
        assert "Mon premier avis." not in stranger.content()
        stranger.context.close()

    page.goto(url)
    page.get_by_role("link", name="Répondre à Premier lecteur").click()
    expect(page.get_by_text("Vous répondez à")).to_be_visible()
    write(page, "Ma réponse au premier lecteur.")
    expect(page.locator(".comments__status")).to_contain_text("en attente de modération")
    reply = Comment.objects.get(text="Ma réponse au premier lecteur.")
    assert reply.parent == other

    # Once the first comment is approved, this browser is a known commenter.
    moderate(Comment.objects.get(text="Mon premier avis."), Comment.Status.APPROVED)
    page.goto(url)
    write(page, "Mon deuxième avis, publié tout de suite.")
    expect(page.locator(".comments__status")).to_contain_text("Votre commentaire est publié")

    page.goto(url)
    page.get_by_role("link", name="Retrouver ou supprimer mes commentaires").click()
    page.get_by_label("Votre adresse e-mail").fill(EMAIL)
    page.get_by_role("button", name="Recevoir le lien").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")

    page.goto(live_server.url + link_in_last_mail())
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes commentaires")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger mes commentaires (JSON)").click()
    assert download.value.suggested_filename == "mes-commentaires.json"

    unsubscribe = tokens.unsubscribe_url(reply).removeprefix(settings.SITE_URL)
    page.goto(live_server.url + unsubscribe)
    page.get_by_role("button", name="Me désabonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Désabonnement confirmé")
    assert not Comment.objects.filter(email=EMAIL, notify_replies=True).exists()

    page.goto(live_server.url + link_in_last_mail())
    page.get_by_role("checkbox", name="Je confirme").check()
    page.get_by_role("button", name="Supprimer tous mes commentaires").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commentaires supprimés")
    assert not Comment.objects.filter(email=EMAIL).exists()
    reader.close()
