"""Spam defence with no third party: honeypot, form time, rates, duplicates, words."""

from __future__ import annotations

import io

import pytest
from django.core import signing
from django.urls import reverse

from manchette.articles.tests.builders import make_article
from manchette.comments import spam
from manchette.comments.models import Comment

from .builders import form_data, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.COMMENTS_MIN_SECONDS = 0


def post(client, article, ip="203.0.113.5", **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]), form_data(**overrides), REMOTE_ADDR=ip
    )


def test_a_filled_honeypot_is_refused(client):
    response = post(client, make_article(), honeypot="https://spam.example")

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_form_sent_too_fast_is_refused_with_a_message(client, settings):
    settings.COMMENTS_MIN_SECONDS = 30

    response = post(client, make_article())

    assert response.status_code == 400
    assert "arrivé trop vite" in response.content.decode()
    assert "Un avis argumenté sur l’article." in response.content.decode()


def test_an_empty_form_sent_at_once_asks_for_the_fields_not_for_patience(client, settings):
    settings.COMMENTS_MIN_SECONDS = 30

    response = post(client, make_article(), text="", name="", email="")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Écrivez votre commentaire." in page
    assert "arrivé trop vite" not in page
    assert not Comment.objects.exists()


def test_a_form_too_old_is_refused_with_a_message(client, settings):
    old = signing.dumps(0.0, salt=spam.TIMESTAMP_SALT)

    response = post(client, make_article(), timestamp=old)

    assert response.status_code == 400
    assert "trop ancien" in response.content.decode()


def test_a_forged_form_time_is_refused(client):
    response = post(client, make_article(), timestamp="123:forged")

    assert response.status_code == 400
    assert "expiré ou n’est pas valide" in response.content.decode()


def test_posting_too_often_from_one_address_is_refused(client, settings):
    settings.COMMENTS_RATE_PER_IP = 3
    article = make_article()
    for number in range(3):
        assert (
            post(
                client, article, text=f"Texte {number}", email=f"p{number}@example.org"
            ).status_code
            == 302
        )

    response = post(client, article, text="Encore un", email="autre@example.org")

    assert response.status_code == 400
    assert "Patientez quelques minutes" in response.content.decode()
    assert Comment.objects.count() == 3
    # Another address is not affected.
    assert (
        post(client, article, ip="198.51.100.7", text="Ailleurs", email="x@example.org").status_code
        == 302
    )


def test_posting_too_often_with_one_email_is_refused(client, settings):
    settings.COMMENTS_RATE_PER_EMAIL = 2
    article = make_article()
    post(client, article, ip="192.0.2.1", text="Un")
    post(client, article, ip="192.0.2.2", text="Deux")

    response = post(client, article, ip="192.0.2.3", text="Trois")

    assert response.status_code == 400
    assert Comment.objects.count() == 2


def test_the_same_text_twice_is_refused(client):
    article = make_article()
    post(client, article)

    response = post(client, article, email="autre@example.org", ip="192.0.2.9")

    assert response.status_code == 400
    assert "déjà été publié" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "again",
    ["UN AVIS ARGUMENTÉ SUR L’ARTICLE.", "Un avis\u200b argumenté sur\u200d l’article.\ufeff"],
)
def test_the_same_text_in_another_case_or_with_invisible_characters_is_refused(client, again):
    article = make_article()
    post(client, article)

    response = post(client, article, text=again, email="autre@example.org", ip="192.0.2.9")

    assert response.status_code == 400
    assert "Ce commentaire a déjà été publié." in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("field", ["text", "name"])
def test_zero_width_characters_alone_are_no_comment(client, field):
    response = post(client, make_article(), **{field: "\u200b\u200c\u200d\u2060\ufeff\u00ad"})

    assert response.status_code == 400
    message = "Écrivez votre commentaire." if field == "text" else "Indiquez votre nom."
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_a_refused_word_split_by_an_invisible_character_is_still_found(client, settings):
    settings.COMMENTS_REJECT_WORDS = ["casino"]

    post(client, make_article(), text="Le meilleur cas\u200bino en ligne")

    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_refused_word_sends_the_comment_to_spam(client, settings):
    settings.COMMENTS_REJECT_WORDS = ["casino"]

    post(client, make_article(), text="Le meilleur CASINO en ligne")

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "casino" in comment.reason


def test_a_word_to_check_holds_even_a_known_commenter(client, settings):
    settings.COMMENTS_HOLD_WORDS = ["procès"]
    article = make_article()
    make_comment(article, email="jeanne@example.org")

    post(client, article, text="Ce procès est une honte")

    assert Comment.objects.get(text="Ce procès est une honte").status == Comment.Status.PENDING


def test_too_many_links_hold_the_comment(client, settings):
    settings.COMMENTS_POLICY = "approve_all"
    text = "Voir https://a.example https://b.example et www.c.example"

    post(client, make_article(), text=text)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.reason == "trop de liens"


@pytest.mark.parametrize(
    "text",
    [
        "Voir www.a.example, www.b.example et www.c.example",
        "Voir example.com/page, autre.example.org/x et encore.example.net/y",
        "Achetez sur pilules.biz, promo.example.com et casino-gratuit.net !",
    ],
)
def test_links_without_http_count_towards_the_limit(client, settings, text):
    settings.COMMENTS_POLICY = "approve_all"

    post(client, make_article(), text=text)

    assert Comment.objects.get().reason == "trop de liens"


def test_ordinary_writing_is_not_taken_for_links(client, settings):
    settings.COMMENTS_POLICY = "approve_all"
    text = "M.Dupont l’a dit.Puis il est parti, 3.14 fois, 1.5kg ; écrire à jean.dupont@example.org"

    post(client, make_article(), text=text)

    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_the_akismet_check_is_off_unless_configured(client, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("no request may leave the site")

    monkeypatch.setattr("urllib.request.urlopen", no_network)

    assert post(client, make_article()).status_code == 302


def test_an_akismet_compatible_service_can_flag_spam(client, settings, monkeypatch):
    settings.AKISMET_API_KEY = "clef"
    asked = {}

    def fake_urlopen(url, data, timeout):
        asked["url"], asked["data"] = url, data
        return io.BytesIO(b"true")

    monkeypatch.setattr("urllib.request.urlopen", fake_urlopen)

    post(client, make_article())

    assert Comment.objects.get().status == Comment.Status.SPAM
    assert b"comment_content=Un+avis" in asked["data"]


def test_an_akismet_outage_lets_the_comment_through_the_local_rules(client, settings, monkeypatch):
    settings.AKISMET_API_KEY = "clef"

    def down(*args, **kwargs):
        raise OSError("unreachable")

    monkeypatch.setattr("urllib.request.urlopen", down)

    post(client, make_article())

    assert Comment.objects.get().status == Comment.Status.PENDING


def post_via_proxy(client, article, real_ip: str, **overrides):
    return client.post(
        reverse("comments:post", args=[article.pk]),
        form_data(**overrides),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP=real_ip,
    )


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.COMMENTS_RATE_PER_IP = 1
    article = make_article()

    first = post_via_proxy(client, article, "203.0.113.7")
    other = post_via_proxy(
        client, article, "198.51.100.9", email="autre@example.org", text="Un autre avis."
    )
    again = post_via_proxy(
        client, article, "203.0.113.7", email="trois@example.org", text="Encore moi."
    )

    assert first.status_code == other.status_code == 302
    assert again.status_code == 400
    assert sorted(Comment.objects.values_list("ip", flat=True)) == [
        "198.51.100.9",
        "203.0.113.7",
    ]


def test_a_forged_real_ip_header_is_ignored_without_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = []

    post_via_proxy(client, make_article(), "203.0.113.7")

    assert Comment.objects.get().ip == "127.0.0.1"


@pytest.mark.parametrize("issued", [float("nan"), float("inf"), 10**400])
def test_a_form_time_that_is_no_time_is_refused(issued):
    token = signing.dumps(issued, salt=spam.TIMESTAMP_SALT)  # as only the server can sign

    with pytest.raises(spam.Refused):
        spam.check_timestamp(token)
