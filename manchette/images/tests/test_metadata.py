"""Location data comes out of a picture's file without the picture being encoded again."""

from __future__ import annotations

import io
import logging

from PIL import ExifTags
from PIL import Image as PILImage

from manchette.images.metadata import without_location

from .test_renditions import jpeg_with_gps


def test_a_photo_loses_its_position_but_not_its_pixels_or_orientation():
    original = jpeg_with_gps(120, 80, orientation=6)

    cleaned = without_location(original, "quai.jpg")

    with PILImage.open(io.BytesIO(cleaned)) as picture:
        exif = picture.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert exif[ExifTags.Base.Orientation] == 6
        assert "xmp" not in picture.info
        kept = picture.tobytes()
    with PILImage.open(io.BytesIO(original)) as picture:
        assert kept == picture.tobytes()
    assert b"GPSLatitude" not in cleaned


def test_a_file_it_cannot_walk_is_left_as_it_is_and_logged(caplog):
    cut = jpeg_with_gps(120, 80)[:300]

    with caplog.at_level(logging.WARNING, logger="manchette.images.metadata"):
        assert without_location(cut, "coupée.jpg") == cut

    assert "coupée.jpg" in caplog.text


def test_what_is_not_a_picture_is_left_as_it_is():
    assert without_location(b"%PDF-1.7 rapport", "rapport.pdf") == b"%PDF-1.7 rapport"
