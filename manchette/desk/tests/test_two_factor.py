"""Optional two-factor login for the desk: a member who turns it on needs their
authenticator's code after the password; the others log in as before."""

from __future__ import annotations

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("claire", password=PASSWORD, is_staff=True)


def code_for(secret: bytes, shift: int = 0) -> str:
    """What the reader's authenticator app shows now (or `shift` steps of 30 s later)."""
    return f"{totp(secret, t0=-30 * shift):06d}"


def log_in(client, code: str = ""):
    return client.post(
        reverse("admin:login"),
        {"username": "claire", "password": PASSWORD, "code": code, "next": "/redaction/"},
    )


def turn_on(client, editor) -> bytes:
    client.force_login(editor)
    page = client.get(reverse("desk:two-factor")).content.decode()
    secret = base64.b32decode(re.search(r'two-factor__secret">([A-Z2-7=]+)<', page)[1])
    assert "<svg" in page  # the QR code to scan
    response = client.post(reverse("desk:two-factor"), {"code": code_for(secret)})
    assert response.status_code == 302
    client.logout()
    return secret


def test_without_it_the_password_is_enough(client, editor):
    assert log_in(client).status_code == 302


def test_turning_it_on_takes_a_code_from_the_app(client, editor):
    client.force_login(editor)
    client.get(reverse("desk:two-factor"))

    wrong = client.post(reverse("desk:two-factor"), {"code": "000000"})

    assert "Ce code n’est pas le bon" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_once_on_the_login_asks_for_the_code(client, editor):
    secret = turn_on(client, editor)

    without = log_in(client)
    # The app's next code: the one just used to turn it on cannot serve twice.
    right = log_in(client, code_for(secret, shift=1))

    assert without.status_code == 200
    assert "Saisissez le code à six chiffres" in without.content.decode()
    assert right.status_code == 302
    assert client.get("/redaction/").status_code == 200


def test_a_wrong_code_is_refused_and_slows_the_next_tries(client, editor):
    secret = turn_on(client, editor)

    wrong = log_in(client, "123456" if code_for(secret, shift=1) != "123456" else "654321")
    # django-otp waits longer after each wrong code: even the right one is refused now.
    at_once = log_in(client, code_for(secret, shift=1))

    assert wrong.status_code == 200
    assert "Ce code n’est pas le bon" in wrong.content.decode()
    assert at_once.status_code == 200
    assert "Trop de codes erronés" in at_once.content.decode()


def test_turning_it_off_takes_a_current_code(client, editor):
    secret = turn_on(client, editor)
    client.force_login(editor)

    client.post(reverse("desk:two-factor"), {"code": code_for(secret, shift=1)})

    assert not TOTPDevice.objects.filter(user=editor).exists()
    client.logout()
    assert log_in(client).status_code == 302


def test_a_wrong_code_does_not_turn_it_off(client, editor):
    turn_on(client, editor)
    client.force_login(editor)

    response = client.post(reverse("desk:two-factor"), {"code": "not-a-code"})

    assert "Ce code n’est pas le bon" in response.content.decode()
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_the_page_is_for_the_newsroom_only(client):
    response = client.get(reverse("desk:two-factor"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
