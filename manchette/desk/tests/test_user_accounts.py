"""Accounts in the desk: the role is chosen when the account is made and gives desk
access; an account without one is told so at login; the Administrateur role cannot make
itself superuser nor take over a superuser's account."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from manchette.desk.roles import ADMINISTRATOR, AUTHOR

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide"
User = get_user_model()


def member(role: str, username: str):
    user = User.objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def manager() -> Client:
    client = Client()
    client.force_login(member(ADMINISTRATOR, "gerante"))
    return client


@pytest.fixture
def boss():
    return User.objects.create_superuser("patron", password=PASSWORD)


def log_in(username: str, password: str = PASSWORD, next_url: str = "/redaction/"):
    return Client().post(
        reverse("admin:login"), {"username": username, "password": password, "next": next_url}
    )


def change_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    data.update(changes)
    return data


def test_the_add_screen_asks_for_the_role_and_the_role_gives_desk_access(manager):
    page = manager.get(reverse("admin:accounts_user_add")).content.decode()
    assert "Rôle" in page
    assert "Statut équipe" not in page
    author = Group.objects.get(name=AUTHOR)

    response = manager.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nouvelle",
            "first_name": "Nina",
            "last_name": "Roux",
            "email": "",
            "groups": [str(author.pk)],
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(username="nouvelle")
    assert created.is_staff
    assert list(created.groups.all()) == [author]
    assert log_in("nouvelle").status_code == 302


def test_the_add_screen_refuses_an_account_without_a_role(manager):
    response = manager.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "sansrole",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not User.objects.filter(username="sansrole").exists()


def test_taking_the_role_away_takes_desk_access_away():
    user = member(AUTHOR, "ancien")
    assert user.is_staff

    user.groups.clear()

    user.refresh_from_db()
    assert not user.is_staff


def test_deleting_a_role_takes_desk_access_from_its_members():
    Group.objects.create(name="Stagiaires").user_set.add(User.objects.create_user("stagiaire"))

    Group.objects.get(name="Stagiaires").delete()

    assert not User.objects.get(username="stagiaire").is_staff


def test_an_account_without_desk_access_is_told_so_in_french():
    User.objects.create_user("lecteur", password=PASSWORD)

    response = log_in("lecteur")

    assert response.status_code == 200
    page = response.content.decode()
    assert "n’a pas accès à la rédaction" in page
    assert "aucun rôle" in page


def test_a_wrong_password_is_still_just_a_wrong_password():
    User.objects.create_user("lecteur", password=PASSWORD)

    page = log_in("lecteur", "pas-le-bon").content.decode()

    assert "n’a pas accès" not in page
    assert "Veuillez compléter correctement" in page


def test_a_login_whose_next_address_is_refused_lands_on_the_desk():
    member(AUTHOR, "claire")

    response = log_in("claire", next_url="https://ailleurs.example/piege")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_an_administrateur_cannot_make_anyone_superuser(manager):
    colleague = member(AUTHOR, "collegue")

    page = manager.get(reverse("admin:accounts_user_change", args=[colleague.pk]))
    response = manager.post(
        reverse("admin:accounts_user_change", args=[colleague.pk]),
        change_form(colleague, is_superuser="on"),
    )

    assert "is_superuser" not in page.content.decode()
    assert response.status_code == 302, response.content.decode()[:2000]
    colleague.refresh_from_db()
    assert not colleague.is_superuser


def test_an_administrateur_cannot_make_themself_superuser(manager):
    me = User.objects.get(username="gerante")

    manager.post(
        reverse("admin:accounts_user_change", args=[me.pk]), change_form(me, is_superuser="on")
    )

    me.refresh_from_db()
    assert not me.is_superuser


def test_an_administrateur_cannot_touch_a_superuser(manager, boss):
    password_url = reverse("admin:auth_user_password_change", args=[boss.pk])

    edit = manager.post(
        reverse("admin:accounts_user_change", args=[boss.pk]), change_form(boss, email="x@y.fr")
    )
    new_password = manager.post(
        password_url, {"password1": "repris-par-moi-123", "password2": "repris-par-moi-123"}
    )
    delete = manager.post(reverse("admin:accounts_user_delete", args=[boss.pk]), {"post": "yes"})

    assert edit.status_code == 403
    assert new_password.status_code == 403
    assert delete.status_code == 403
    boss.refresh_from_db()
    assert boss.check_password(PASSWORD)
    assert boss.email == ""


def test_an_administrateur_cannot_give_a_role_more_than_they_hold(manager):
    role = Group.objects.get(name=AUTHOR)
    foreign = Permission.objects.get(codename="delete_user")

    response = manager.post(
        reverse("admin:auth_group_change", args=[role.pk]),
        {"name": AUTHOR, "permissions": [str(foreign.pk)]},
    )

    assert response.status_code == 200  # the form refuses the choice
    assert not role.permissions.filter(pk=foreign.pk).exists()


def test_a_superuser_still_grants_superuser(boss):
    colleague = member(AUTHOR, "collegue")
    client = Client()
    client.force_login(boss)

    response = client.post(
        reverse("admin:accounts_user_change", args=[colleague.pk]),
        change_form(colleague, is_superuser="on"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    colleague.refresh_from_db()
    assert colleague.is_superuser
