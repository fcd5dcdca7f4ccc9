"""Every screen of the desk against every role: each sees the lists and forms its
permissions give, is refused the others, and an anonymous visitor reaches none."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from manchette.desk.roles import ADMINISTRATOR, AUTHOR, EDITOR, MODERATOR, ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db

SCREENS = sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)


def staff_member(role: str):
    user = get_user_model().objects.create_user(username=f"membre-{role}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def allowed(role: str, app_label: str, model_name: str, action: str) -> bool:
    granted = set(ROLE_PERMISSIONS[role])
    if action == "view":  # the change permission implies seeing the list
        return bool(
            {(app_label, f"view_{model_name}"), (app_label, f"change_{model_name}")} & granted
        )
    return (app_label, f"{action}_{model_name}") in granted


@pytest.mark.parametrize("role", [AUTHOR, EDITOR, MODERATOR, ADMINISTRATOR])
def test_each_role_reaches_exactly_the_screens_its_permissions_give(client, role):
    client.force_login(staff_member(role))
    wrong = []
    for app_label, model_name in SCREENS:
        for action, url in (
            ("view", reverse(f"admin:{app_label}_{model_name}_changelist")),
            ("add", reverse(f"admin:{app_label}_{model_name}_add")),
        ):
            # The comment queue first sends the list to its pending comments.
            response = client.get(url, follow=True)
            status = response.status_code
            expected = allowed(role, app_label, model_name, action)
            sent_to_login = response.request["PATH_INFO"] == reverse("admin:login")
            if (status == 200) != expected or status not in (200, 403) or sent_to_login:
                wrong.append(f"{action} {app_label}.{model_name}: {status}, allowed={expected}")

    assert wrong == []


def test_an_anonymous_visitor_is_sent_to_the_login_from_every_screen(client):
    for app_label, model_name in SCREENS:
        for url in (
            reverse(f"admin:{app_label}_{model_name}_changelist"),
            reverse(f"admin:{app_label}_{model_name}_add"),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url
