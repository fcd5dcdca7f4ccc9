"""Sharing on Mastodon asks the reader for their server once, remembers it, and always
shows where the share goes before the reader leaves the site (no open redirect)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_asks_for_the_server(client):
    response = client.get("/partager/mastodon/", {"text": "Un titre https://site/x/"})

    assert response.status_code == 200
    assert "Votre serveur Mastodon" in response.content.decode()


def test_it_shows_the_server_to_confirm_and_remembers_it(client):
    response = client.get(
        "/partager/mastodon/", {"text": "Un titre", "instance": "https://Piaille.fr/"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="https://piaille.fr/share?text=Un+titre"' in page
    assert "Continuer vers piaille.fr" in page
    assert client.cookies["mastodon_instance"].value == "piaille.fr"
    again = client.get("/partager/mastodon/", {"text": "Autre"})
    assert 'href="https://piaille.fr/share?text=Autre"' in again.content.decode()


def test_a_link_to_the_page_never_sends_the_reader_elsewhere_by_itself(client):
    response = client.get("/partager/mastodon/", {"text": "Titre", "instance": "evil.example"})

    assert response.status_code == 200
    assert "Location" not in response
    assert "Continuer vers evil.example" in response.content.decode()


def test_a_handle_gives_its_server(client):
    response = client.get("/partager/mastodon/", {"text": "Titre", "instance": "@moi@piaille.fr"})

    assert 'href="https://piaille.fr/share?text=Titre"' in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "javascript:alert(1)",
        "evil.com/x?y",
        "evil.com:8080",
        "user:pass@evil.com",
        "https://evil.com/share?text=",
        "pas un serveur",
    ],
)
def test_it_refuses_what_is_not_a_bare_server_name_with_a_french_message(client, typed):
    response = client.get("/partager/mastodon/", {"text": "Titre", "instance": typed})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Indiquez le nom de votre serveur Mastodon" in page
    assert 'class="button"' not in page
    assert "mastodon_instance" not in response.cookies
