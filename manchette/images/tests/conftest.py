"""Sample pictures for the images tests (the root conftest keeps media in a temporary folder)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from manchette.images.models import Image


def picture_bytes(
    width: int = 1600,
    height: int = 1067,
    fmt: str = "JPEG",
    mode: str = "RGB",
    colour: tuple[int, ...] = (200, 40, 40),
    **save_options,
) -> bytes:
    picture = PILImage.new(mode, (width, height), colour)
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **save_options)
    return buffer.getvalue()


def make_image(content: bytes | None = None, name: str = "photo.jpg", **fields) -> Image:
    image = Image(alt_text=fields.pop("alt_text", "Une photo"), **fields)
    image.file.save(name, ContentFile(content or picture_bytes()), save=False)
    image.save()
    return image


@pytest.fixture
def editor_client(client):
    """The test client logged in to the desk as a superuser."""
    user = get_user_model().objects.create_superuser("redac", "redac@example.org", "x" * 20)
    client.force_login(user)
    return client
