"""The desk's login in a real browser: an account without a role reads why it cannot
enter, a member with a role lands on the desk."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from manchette.desk.roles import AUTHOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "un-mot-de-passe-solide"


def log_in(chromium, live_server, username: str):
    page = chromium.new_page()
    page.goto(f"{live_server.url}/redaction/login/?next=https://ailleurs.example/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state("load")
    return page


def test_an_account_without_a_role_reads_why(chromium, live_server):
    get_user_model().objects.create_user("lecteur", password=PASSWORD)

    page = log_in(chromium, live_server, "lecteur")

    assert "/redaction/login/" in page.url
    assert "Ce compte n’a pas accès à la rédaction" in page.locator(".errornote").inner_text()


def test_a_member_with_a_role_lands_on_the_desk(chromium, live_server):
    user = get_user_model().objects.create_user("claire", password=PASSWORD)
    user.groups.add(Group.objects.get(name=AUTHOR))

    page = log_in(chromium, live_server, "claire")

    assert page.url == f"{live_server.url}/redaction/"
    assert page.get_by_role("heading", name="Tableau de bord").is_visible()
