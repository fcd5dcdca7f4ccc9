"""Photos copied from a WordPress export lose their location data, the resized copies
that article bodies link to included."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from PIL import ExifTags
from PIL import Image as PILImage

from manchette.images.tests.test_renditions import jpeg_with_gps
from manchette.importers.wordpress.media import STORAGE_PREFIX, Uploads

pytestmark = pytest.mark.django_db


def test_a_resized_copy_linked_from_a_body_is_stored_without_its_position(tmp_path):
    (tmp_path / "2024" / "05").mkdir(parents=True)
    (tmp_path / "2024" / "05" / "place-300x200.jpg").write_bytes(jpeg_with_gps(300, 200))
    uploads = Uploads(tmp_path, [], dry_run=False)

    saved = uploads._copy("2024/05/place-300x200.jpg")

    assert saved == f"{STORAGE_PREFIX}/2024/05/place-300x200.jpg"
    with default_storage.open(saved, "rb") as stored:
        content = stored.read()
    with PILImage.open(io.BytesIO(content)) as picture:
        assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"GPSLatitude" not in content
    # A second import finds the cleaned copy and leaves it.
    assert Uploads(tmp_path, [], dry_run=False)._copy("2024/05/place-300x200.jpg") == saved
    assert uploads.copied == 1
