"""The first administrator is created once, with a password shown once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_creates_the_administrator_and_prints_the_password_once():
    first = StringIO()
    call_command("ensure_admin", stdout=first)
    password = first.getvalue().split("mot de passe : ")[1].split()[0]

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert user.groups.filter(name="Administrateur").exists()

    second = StringIO()
    call_command("ensure_admin", stdout=second)
    assert "mot de passe" not in second.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
