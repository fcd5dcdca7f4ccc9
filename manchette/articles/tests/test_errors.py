"""Error pages speak French."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.mark.django_db
def test_the_500_page_is_in_french_and_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in html
    assert "Une erreur est survenue" in html


@pytest.mark.django_db
def test_the_404_page_is_in_french(client):
    response = client.get("/pas/de/page/ici/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert "Revenir à la une" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_desk_screen_says_so_in_french(client):
    editor = get_user_model().objects.create_user("edith", password="un-mot-de-passe-solide")
    editor.groups.add(Group.objects.get(name="Éditeur"))
    chief = get_user_model().objects.create_superuser("chef", password="un-autre-mot-de-passe")
    client.force_login(editor)

    response = client.get(f"/redaction/accounts/user/{chief.pk}/password/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html
    assert "Forbidden" not in html
