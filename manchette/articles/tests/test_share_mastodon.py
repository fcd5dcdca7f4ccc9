"""Sharing on Mastodon asks the reader for their server once, then remembers it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_asks_for_the_server(client):
    response = client.get("/partager/mastodon/", {"text": "Un titre https://site/x/"})

    assert response.status_code == 200
    assert "Votre serveur Mastodon" in response.content.decode()


def test_it_sends_the_reader_to_their_server_and_remembers_it(client):
    response = client.get(
        "/partager/mastodon/", {"text": "Un titre", "instance": "https://Piaille.fr/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "https://piaille.fr/share?text=Un+titre"
    assert client.cookies["mastodon_instance"].value == "piaille.fr"
    again = client.get("/partager/mastodon/", {"text": "Autre"})
    assert 'value="piaille.fr"' in again.content.decode()


@pytest.mark.parametrize("typed", ["", "javascript:alert(1)", "evil.com/x?y", "pas un serveur"])
def test_it_refuses_what_is_not_a_server_name_with_a_french_message(client, typed):
    response = client.get("/partager/mastodon/", {"text": "Titre", "instance": typed})

    if typed == "evil.com/x?y":
        # The path is dropped: only the host is kept, never a crafted address.
        assert response["Location"].startswith("https://evil.com/share?")
        return
    assert response.status_code == 400
    assert "Indiquez le nom de votre serveur Mastodon" in response.content.decode()
