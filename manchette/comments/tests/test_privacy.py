"""A commenter sees, downloads and deletes their comments, and stops reply notices."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.core import mail, signing
from django.test import Client

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.comments import privacy, tokens
from manchette.comments.models import Comment
from manchette.comments.tests.builders import alice_comment as make_comment

pytestmark = pytest.mark.django_db

REQUEST_URL = "/commentaires/mes-donnees/"


@pytest.fixture
def article() -> Article:
    return make_article(title="La réforme des retraites")


def manage_path(email: str) -> str:
    return tokens.my_data_url(email).removeprefix(settings.SITE_URL)


def unsubscribe_path(comment: Comment) -> str:
    return tokens.unsubscribe_url(comment).removeprefix(settings.SITE_URL)


def link_from_outbox() -> str:
    (message,) = mail.outbox
    url = re.search(r"https?://\S+", message.body).group(0)
    return url.removeprefix(settings.SITE_URL)


def assert_private(response) -> None:
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# Asking for the link


def test_the_request_page_is_a_french_form_neither_indexed_nor_cached(client):
    response = client.get(REQUEST_URL)

    assert response.status_code == 200
    assert "Votre adresse e-mail" in response.content.decode()
    assert "Recevoir le lien" in response.content.decode()
    assert_private(response)


def test_a_known_address_receives_a_link_valid_24_hours(client, article):
    make_comment(article)

    response = client.post(REQUEST_URL, {"email": "alice@example.org"})

    assert response.status_code == 200
    assert "Demande envoyée" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == f"Vos commentaires sur {settings.SITE_NAME}"
    assert "valable 24 heures" in message.body
    assert link_from_outbox().startswith("/commentaires/mes-donnees/")


def test_the_address_is_matched_whatever_its_case(client, article):
    make_comment(article, email="Alice@Example.org")

    client.post(REQUEST_URL, {"email": " ALICE@example.ORG "})

    assert len(mail.outbox) == 1


def test_the_confirmation_page_is_identical_for_an_unknown_address(client, article):
    make_comment(article)

    known = client.post(REQUEST_URL, {"email": "alice@example.org"})
    unknown = client.post(REQUEST_URL, {"email": "personne@example.org"})

    assert unknown.status_code == known.status_code == 200
    assert unknown.content == known.content
    assert len(mail.outbox) == 1


def test_the_confirmation_page_does_not_repeat_the_address(client, article):
    make_comment(article)

    response = client.post(REQUEST_URL, {"email": "alice@example.org"})

    assert "alice@example.org" not in response.content.decode()
    assert_private(response)


def test_an_invalid_address_gets_a_french_error_and_keeps_the_value(client):
    response = client.post(REQUEST_URL, {"email": "alice-at-example"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "field--error" in page
    assert "Cette adresse e-mail n’est pas valide" in page
    assert 'value="alice-at-example"' in page
    assert not mail.outbox


def test_requests_are_limited_per_ip_with_a_french_message(client, article):
    make_comment(article)
    for _ in range(privacy.LINK_RATE_PER_IP):
        assert client.post(REQUEST_URL, {"email": "x@example.org"}).status_code == 200

    response = client.post(REQUEST_URL, {"email": "alice@example.org"})

    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert not mail.outbox
    other_ip = client.post(REQUEST_URL, {"email": "alice@example.org"}, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


def test_links_to_one_address_are_limited_silently(client, article):
    make_comment(article)
    pages = [
        client.post(REQUEST_URL, {"email": "alice@example.org"}, REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(privacy.LINK_RATE_PER_EMAIL + 1)
    ]

    assert len(mail.outbox) == privacy.LINK_RATE_PER_EMAIL
    assert {page.content for page in pages} == {pages[0].content}


def test_asking_without_a_csrf_token_is_refused_with_the_french_page(article):
    make_comment(article)

    response = Client(enforce_csrf_checks=True).post(REQUEST_URL, {"email": "alice@example.org"})

    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()
    assert not mail.outbox


# The page behind the link


def test_the_link_received_lists_the_commenters_comments(client, article):
    make_comment(article, text="Premier avis sur la réforme.")
    other = make_article(title="Le budget voté")
    make_comment(other, text="En attente.", status=Comment.Status.PENDING)
    make_comment(article, email="bruno@example.org", text="Avis de Bruno.")
    client.post(REQUEST_URL, {"email": "alice@example.org"})

    response = client.get(link_from_outbox())

    assert response.status_code == 200
    page = response.content.decode()
    assert "alice@example.org" in page
    assert "Premier avis sur la réforme." in page
    assert "Publié" in page
    assert "En attente de modération" in page
    assert f'href="{article.get_absolute_url()}#commentaire-' in page
    assert "Avis de Bruno" not in page
    assert "Télécharger mes commentaires (JSON)" in page
    assert "Supprimer tous mes commentaires" in page
    assert "Je confirme" in page


def test_the_manage_page_is_neither_indexed_nor_cached(client, article):
    make_comment(article)

    response = client.get(manage_path("alice@example.org"))

    assert_private(response)
    assert response["Referrer-Policy"] == "same-origin"


def test_an_unpublished_article_is_named_but_not_linked(client):
    draft = make_article(title="Brouillon secret", status=Article.Status.DRAFT)
    make_comment(draft, status=Comment.Status.PENDING)

    page = client.get(manage_path("alice@example.org")).content.decode()

    assert "Brouillon secret" in page
    assert "/redaction/" not in page


def test_a_long_comment_is_shown_as_an_excerpt(client, article):
    make_comment(article, text="mot " * 200 + "FIN")

    page = client.get(manage_path("alice@example.org")).content.decode()

    assert "mot mot" in page
    assert "FIN" not in page


def test_an_expired_link_says_so_in_french_and_offers_a_new_one(client, article, monkeypatch):
    make_comment(article)
    path = manage_path("alice@example.org")
    monkeypatch.setattr(tokens, "MY_DATA_MAX_AGE", -1)

    response = client.get(path)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Lien expiré" in page
    assert f'href="{REQUEST_URL}"' in page
    assert "alice@example.org" not in page
    assert_private(response)


def test_a_forged_link_gets_the_same_french_page(client, article):
    make_comment(article)
    forged = signing.dumps("alice@example.org", salt="autre-chose", compress=True)

    response = client.get(f"{REQUEST_URL}{forged}/")

    assert response.status_code == 400
    assert "Lien expiré" in response.content.decode()


def test_an_expired_link_cannot_delete(client, article, monkeypatch):
    make_comment(article)
    path = manage_path("alice@example.org")
    monkeypatch.setattr(tokens, "MY_DATA_MAX_AGE", -1)

    response = client.post(path, {"action": "delete", "confirm": "1"})

    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_the_export_is_a_json_download_of_all_the_commenters_data(client, article):
    reply_to = make_comment(article, name="Bruno", email="bruno@example.org")
    make_comment(
        article,
        parent=reply_to,
        website="https://alice.example",
        text="Ligne 1\nLigne 2",
        ip="203.0.113.7",
        user_agent="Firefox",
        notify_replies=True,
    )
    make_comment(article, email="ALICE@example.org", status=Comment.Status.SPAM, text="Pub")

    response = client.post(manage_path("alice@example.org"), {"action": "export"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mes-commentaires.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    spam, reply = data["comments"]
    assert reply["article"] == {
        "title": "La réforme des retraites",
        "url": settings.SITE_URL + article.get_absolute_url(),
    }
    assert reply["url"].endswith(f"{article.get_absolute_url()}#commentaire-{reply['id']}")
    assert reply["in_reply_to"] == reply_to.pk
    assert reply["name"] == "Alice Martin"
    assert reply["email"] == "alice@example.org"
    assert reply["website"] == "https://alice.example"
    assert reply["text"] == "Ligne 1\nLigne 2"
    assert reply["status"] == "approved"
    assert reply["status_label"] == "Publié"
    assert reply["ip"] == "203.0.113.7"
    assert reply["user_agent"] == "Firefox"
    assert reply["created_at"].startswith(str(Comment.objects.get(pk=reply["id"]).created_at.year))
    assert spam["status_label"] == "Non publié"
    assert spam["url"] == ""
    assert spam["ip"] is None
    assert "bruno@example.org" not in response.content.decode()


def test_deleting_needs_the_confirmation_box(client, article):
    make_comment(article)

    response = client.post(manage_path("alice@example.org"), {"action": "delete"})

    assert response.status_code == 400
    assert "Cochez « Je confirme »" in response.content.decode()
    assert Comment.objects.count() == 1


def test_an_unknown_action_changes_nothing(client, article):
    make_comment(article)

    response = client.post(manage_path("alice@example.org"), {"action": "tout-casser"})

    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_deleting_removes_all_the_comments_and_fixes_the_counts(client, article):
    other = make_article(title="Le budget voté")
    make_comment(article)
    make_comment(other, email="Alice@Example.org")
    make_comment(other, status=Comment.Status.PENDING)
    make_comment(article, name="Bruno", email="bruno@example.org")
    Article.objects.update(comment_count=99)

    response = client.post(manage_path("alice@example.org"), {"action": "delete", "confirm": "1"})

    assert response.status_code == 200
    assert "3 commentaires ont été supprimés définitivement." in response.content.decode()
    assert_private(response)
    assert list(Comment.objects.values_list("name", flat=True)) == ["Bruno"]
    article.refresh_from_db()
    other.refresh_from_db()
    assert (article.comment_count, other.comment_count) == (1, 0)


def test_replies_by_others_move_up_to_the_nearest_remaining_comment(client, article):
    a = make_comment(article)
    b = make_comment(article, parent=a, name="Bruno", email="bruno@example.org")
    c = make_comment(article, parent=b)
    d = make_comment(article, parent=c, name="Chloé", email="chloe@example.org")
    e = make_comment(article, parent=d, name="Bruno", email="bruno@example.org")

    client.post(manage_path("alice@example.org"), {"action": "delete", "confirm": "1"})

    for comment in (b, d, e):
        comment.refresh_from_db()
    assert (b.parent_id, b.thread_id, b.depth) == (None, b.pk, 0)
    assert (d.parent_id, d.thread_id, d.depth) == (b.pk, b.pk, 1)
    assert (e.parent_id, e.thread_id, e.depth) == (d.pk, b.pk, 2)
    assert not Comment.objects.filter(pk__in=[a.pk, c.pk]).exists()
    article.refresh_from_db()
    assert article.comment_count == 3


def test_managing_without_a_csrf_token_is_refused(article):
    make_comment(article)

    response = Client(enforce_csrf_checks=True).post(
        manage_path("alice@example.org"), {"action": "delete", "confirm": "1"}
    )

    assert response.status_code == 403
    assert Comment.objects.count() == 1


# Unsubscribing


def test_unsubscribing_asks_for_a_click_first(client, article):
    comment = make_comment(article, notify_replies=True)

    response = client.get(unsubscribe_path(comment))

    assert response.status_code == 200
    assert "Me désabonner" in response.content.decode()
    assert_private(response)
    comment.refresh_from_db()
    assert comment.notify_replies is True


def test_unsubscribing_stops_reply_notices_for_every_comment_of_the_address(client, article):
    comment = make_comment(article, notify_replies=True)
    same = make_comment(article, email="ALICE@example.org", notify_replies=True)
    other = make_comment(article, email="bruno@example.org", notify_replies=True)

    response = client.post(unsubscribe_path(comment))

    assert response.status_code == 200
    assert "Désabonnement confirmé" in response.content.decode()
    assert list(Comment.objects.order_by("pk").values_list("notify_replies", flat=True)) == [
        False,
        False,
        True,
    ]
    assert {comment.pk, same.pk, other.pk} == set(Comment.objects.values_list("pk", flat=True))


def test_one_click_unsubscribing_needs_no_csrf_token(article):
    comment = make_comment(article, notify_replies=True)

    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_path(comment), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.notify_replies is False


def test_the_unsubscribe_button_still_needs_its_csrf_token(article):
    comment = make_comment(article, notify_replies=True)

    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(comment))

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.notify_replies is True


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_unsubscribe_token_gets_a_french_message(client, method):
    response = getattr(client, method)("/commentaires/desabonnement/pas-un-jeton/")

    assert response.status_code == 400
    assert "Lien non valable" in response.content.decode()


def test_the_unsubscribe_link_of_a_deleted_comment_gets_a_french_message(client, article):
    comment = make_comment(article, notify_replies=True)
    path = unsubscribe_path(comment)
    comment.delete()

    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 400
    assert "Lien non valable" in response.content.decode()
