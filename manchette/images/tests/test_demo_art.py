"""Tests of the generated demo artwork."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image as PILImage
from PIL import ImageStat

from manchette.images.demo_art import make_demo_image, make_portrait

from .conftest import make_image


def test_demo_image_is_a_jpeg_of_the_requested_size():
    picture = PILImage.open(io.BytesIO(make_demo_image(3)))
    assert picture.format == "JPEG" and picture.size == (1600, 1067)
    assert PILImage.open(io.BytesIO(make_demo_image(3, 640, 480))).size == (640, 480)


def test_demo_image_is_deterministic():
    assert make_demo_image(7, 400, 300) == make_demo_image(7, 400, 300)
    assert make_portrait(7) == make_portrait(7)


def test_seeds_give_visibly_different_pictures():
    pictures = [PILImage.open(io.BytesIO(make_demo_image(seed, 320, 213))) for seed in range(12)]
    assert len({hashlib.sha256(p.tobytes()).digest() for p in pictures}) == 12
    means = [tuple(round(v) for v in ImageStat.Stat(p).mean) for p in pictures]
    # Not twelve near-identical pictures: average colours spread out.
    assert len({tuple(v // 16 for v in mean) for mean in means}) >= 6


def test_demo_image_is_not_flat():
    picture = PILImage.open(io.BytesIO(make_demo_image(1, 400, 300)))
    assert max(ImageStat.Stat(picture).stddev) > 20


def test_portrait_is_square():
    picture = PILImage.open(io.BytesIO(make_portrait(2)))
    assert picture.format == "JPEG" and picture.size == (400, 400)
    assert make_portrait(2) != make_portrait(3)


@pytest.mark.django_db
def test_demo_art_makes_usable_images():
    image = make_image(make_demo_image(5), name="demo.jpg")
    assert (image.width, image.height) == (1600, 1067)
    assert image.renditions.filter(spec="lead").count() == 8
