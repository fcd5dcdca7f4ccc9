"""Error pages speak French."""

from __future__ import annotations

import pytest
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
