"""The desk's login under a password-guessing attack: after a few failures the user name
is refused from that address, with a French page, even with the right password; other
people and other addresses log in as usual."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/redaction/login/"
PASSWORD = "un-mot-de-passe-solide"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("claire", password=PASSWORD, is_staff=True)


def log_in(client: Client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/redaction/"},
        REMOTE_ADDR=ip,
    )


def test_a_wrong_password_shows_the_form_again(client, editor):
    response = log_in(client, "claire", "devine")

    assert response.status_code == 200
    assert "Veuillez compléter correctement" in response.content.decode()


def test_guessing_locks_the_name_from_that_address_even_with_the_right_password(client, editor):
    for attempt in range(3):
        log_in(client, "claire", f"essai-{attempt}")

    response = log_in(client, "claire", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Connexion suspendue" in page
    assert "3 essais infructueux" in page
    assert "15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_same_person_from_elsewhere_and_others_still_log_in(client, editor):
    get_user_model().objects.create_user("marc", password=PASSWORD, is_staff=True)
    for attempt in range(3):
        log_in(client, "claire", f"essai-{attempt}")

    from_elsewhere = log_in(Client(), "claire", PASSWORD, ip="198.51.100.20")
    colleague = log_in(Client(), "marc", PASSWORD)

    assert from_elsewhere.status_code == 302
    assert colleague.status_code == 302


def test_a_successful_login_forgets_earlier_failures(client, editor):
    for attempt in range(2):
        log_in(client, "claire", f"essai-{attempt}")
    assert log_in(Client(), "claire", PASSWORD).status_code == 302

    for attempt in range(2):
        log_in(client, "claire", f"autre-essai-{attempt}")

    assert log_in(Client(), "claire", PASSWORD).status_code == 302


def test_one_name_guessed_from_many_addresses_is_locked(client, editor, settings):
    settings.DESK_LOGIN_ATTEMPTS_PER_USER = 4
    for attempt in range(4):  # two tries from each address: under the pair's limit
        log_in(Client(), "claire", f"essai-{attempt}", ip=f"198.51.100.{attempt // 2}")

    response = log_in(Client(), "claire", PASSWORD, ip="192.0.2.99")

    assert response.status_code == 429
    assert "depuis plusieurs adresses" in response.content.decode()


def test_one_address_trying_many_names_is_locked(client, editor, settings):
    settings.DESK_LOGIN_ATTEMPTS_PER_ADDRESS = 4
    for attempt in range(4):  # a new name each time: no pair nor name reaches its limit
        log_in(Client(), f"nom-{attempt}", "devine")

    locked = log_in(Client(), "claire", PASSWORD)
    elsewhere = log_in(Client(), "claire", PASSWORD, ip="198.51.100.20")

    assert locked.status_code == 429
    assert "depuis cette adresse, pour plusieurs noms" in locked.content.decode()
    assert elsewhere.status_code == 302


def test_a_right_password_does_not_wipe_what_the_address_spent_on_others(client, editor, settings):
    settings.DESK_LOGIN_ATTEMPTS_PER_ADDRESS = 4
    for attempt in range(3):
        log_in(Client(), f"nom-{attempt}", "devine")
    assert log_in(Client(), "claire", PASSWORD).status_code == 302

    log_in(Client(), "nom-9", "devine")

    assert log_in(Client(), "claire", PASSWORD).status_code == 429
