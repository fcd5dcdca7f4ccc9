"""An upload's heavy work (decoding the picture, making its renditions) runs while no
write transaction is open, so that on SQLite every other writer of the site goes on."""

from __future__ import annotations

import sqlite3
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from manchette.images import signals, uploads
from manchette.images.models import Image

from .conftest import picture_bytes

# Real transactions, as in production: no test transaction around the request.
pytestmark = pytest.mark.django_db(transaction=True)


def others_can_write() -> bool:
    """Whether another connection may write now: on SQLite, whether it gets the write lock
    without waiting; elsewhere, whether this connection has no transaction open."""
    if connection.vendor != "sqlite":
        return not connection.in_atomic_block
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0.1)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:  # "database is locked"
        return False
    finally:
        other.close()


def recording(function, seen: list[tuple[bool, bool]]):
    def wrapper(*args, **kwargs):
        seen.append((connection.in_atomic_block, others_can_write()))
        return function(*args, **kwargs)

    return wrapper


def post_upload(client, content: bytes):
    user = get_user_model().objects.create_superuser("redac", "redac@example.org", "x" * 20)
    client.force_login(user)
    return client.post(
        reverse("admin:images_image_add"),
        {
            "file": SimpleUploadedFile("grande.png", content, content_type="image/png"),
            "alt_text": "Une grande image",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "renditions-TOTAL_FORMS": "0",
            "renditions-INITIAL_FORMS": "0",
        },
    )


def test_decoding_and_renditions_hold_no_write_lock(client):
    decoded: list[tuple[bool, bool]] = []
    rendered: list[tuple[bool, bool]] = []
    with (
        mock.patch.object(uploads, "check_image", recording(uploads.check_image, decoded)),
        mock.patch.object(
            signals, "generate_renditions", recording(signals.generate_renditions, rendered)
        ),
    ):
        response = post_upload(client, picture_bytes(1200, 800, fmt="PNG"))

    assert response.status_code == 302, response.content.decode()[:2000]
    # Decoded once, before the admin's transaction; the form reused the outcome.
    assert decoded == [(False, True)]
    assert rendered == [(False, True)]
    image = Image.objects.get()
    assert image.renditions.filter(format="webp").exists()


def test_a_refused_upload_is_decoded_once_outside_the_transaction(client):
    decoded: list[tuple[bool, bool]] = []
    with mock.patch.object(uploads, "check_image", recording(uploads.check_image, decoded)):
        response = post_upload(client, picture_bytes(600, 400, fmt="PNG")[:300])

    assert response.status_code == 200
    assert "il est tronqué ou endommagé" in response.content.decode()
    assert decoded == [(False, True)]
    assert not Image.objects.exists()
