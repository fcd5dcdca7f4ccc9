"""Addresses are compared exactly, after one normalisation (models.email_key), so that a
look-alike address never reaches another commenter's comments, on any database."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail

from manchette.articles.tests.builders import make_article
from manchette.comments import tokens
from manchette.comments.models import Comment, email_key

from .builders import make_comment

pytestmark = pytest.mark.django_db

REQUEST_URL = "/commentaires/mes-donnees/"
VICTIM = "sophie@gmail.com"
# Each one matches the victim's address under PostgreSQL's UPPER() (what `iexact` did),
# and Django's EmailField takes it, yet it names another mailbox, at another domain.
LOOK_ALIKES = ["ſophie@gmail.com", "sophie@gmaıl.com", "SOPHIE@GMAıL.COM"]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Jeanne@Example.ORG", "jeanne@example.org"),
        ("  jeanne@example.org ", "jeanne@example.org"),
        ("élise@Exämple.fr", "élise@xn--exmple-cua.fr"),
        ("jeanne@gmaıl.com", "jeanne@xn--gmal-nza.com"),
        ("\u212aate@example.org", "\u212aate@example.org"),  # Kelvin sign kept as typed
    ],
)
def test_an_address_has_one_key(typed, key):
    assert email_key(typed) == key


def test_look_alike_addresses_have_keys_of_their_own():
    assert {email_key(address) for address in LOOK_ALIKES}.isdisjoint({email_key(VICTIM)})


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_a_look_alike_address_is_sent_no_link(client, look_alike):
    make_comment(make_article(), email=VICTIM, text="Le commentaire de Sophie.")

    response = client.post(REQUEST_URL, {"email": look_alike})

    assert "Demande envoyée" in response.content.decode()  # a valid address, as any
    assert mail.outbox == []


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_a_look_alike_link_shows_and_deletes_nothing_of_another(client, look_alike):
    make_comment(make_article(), email=VICTIM, text="Le commentaire de Sophie.")
    path = tokens.my_data_url(look_alike).removeprefix(settings.SITE_URL)

    assert "Le commentaire de Sophie." not in client.get(path).content.decode()
    client.post(path, {"action": "delete", "confirm": "1"})

    assert Comment.objects.filter(text="Le commentaire de Sophie.").exists()


def test_the_same_address_in_another_case_still_finds_its_comments(client):
    make_comment(make_article(), email="Sophie@Gmail.com", text="Le commentaire de Sophie.")

    client.post(REQUEST_URL, {"email": "SOPHIE@gmail.COM"})

    (message,) = mail.outbox
    assert message.to == ["SOPHIE@gmail.COM"]


def test_comments_stored_in_bulk_get_their_keys():
    article = make_article()
    (comment,) = Comment.objects.bulk_create(
        [Comment(article=article, name="Import", email="Import@Example.ORG", text="Importé.")]
    )
    comment.email = "Autre@Example.ORG"
    Comment.objects.bulk_update([comment], ["email"])

    assert Comment.objects.get().email_key == "autre@example.org"
    assert Comment.objects.by_email("autre@example.org").count() == 1
