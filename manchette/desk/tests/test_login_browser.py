"""The desk's login in a real browser: an account without a role reads why it cannot
enter, a member with a role lands on the desk, and one who turned the two-factor login
on types their authenticator's code in the same form."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from manchette.desk.roles import AUTHOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "un-mot-de-passe-solide"


def log_in(chromium, live_server, username: str, code: str | None = None):
    page = chromium.new_page()
    page.goto(f"{live_server.url}/redaction/login/?next=https://ailleurs.example/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    if code is not None:
        page.get_by_label("Code de vérification").fill(code)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state("load")
    return page


def member(username: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=AUTHOR))
    return user


def codes_accepted_now(device: TOTPDevice) -> set[str]:
    """The codes the device takes now: its app's, give or take one 30-second step."""
    steps = range(-device.tolerance, device.tolerance + 1)
    return {f"{totp(device.bin_key, t0=-30 * step):06d}" for step in steps}


def test_an_account_without_a_role_reads_why(chromium, live_server):
    get_user_model().objects.create_user("lecteur", password=PASSWORD)

    page = log_in(chromium, live_server, "lecteur")

    assert "/redaction/login/" in page.url
    assert "Ce compte n’a pas accès à la rédaction" in page.locator(".errornote").inner_text()


def test_a_member_with_a_role_lands_on_the_desk(chromium, live_server):
    member("claire")

    page = log_in(chromium, live_server, "claire")

    assert page.url == f"{live_server.url}/redaction/"
    assert page.get_by_role("heading", name="Tableau de bord").is_visible()


def test_the_code_field_says_who_needs_it_and_suits_authenticator_apps(chromium, live_server):
    page = chromium.new_page()
    page.goto(f"{live_server.url}/redaction/login/")

    code = page.get_by_label("Code de vérification")
    expect(code).to_have_accessible_description(
        "Seulement si vous avez activé la double authentification."
    )
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")


def test_a_member_with_two_factor_types_the_code_and_lands_on_the_desk(chromium, live_server):
    device = TOTPDevice.objects.create(user=member("claire"), name="Manchette", confirmed=True)

    page = log_in(chromium, live_server, "claire", code=f"{totp(device.bin_key):06d}")

    assert page.url == f"{live_server.url}/redaction/"
    assert page.get_by_role("heading", name="Tableau de bord").is_visible()


def test_a_wrong_code_keeps_the_member_on_the_login_page(chromium, live_server):
    device = TOTPDevice.objects.create(user=member("claire"), name="Manchette", confirmed=True)
    # Four candidates, at most three codes accepted: one of them is wrong.
    wrong = min({"000000", "111111", "222222", "333333"} - codes_accepted_now(device))

    page = log_in(chromium, live_server, "claire", code=wrong)

    assert "/redaction/login/" in page.url
    assert "Ce code n’est pas le bon" in page.locator(".errornote").inner_text()
    assert not page.get_by_role("heading", name="Tableau de bord").is_visible()
