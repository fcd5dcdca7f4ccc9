"""A large original is decoded no larger than its largest rendition needs, so making its
renditions takes a fraction of the memory of its full-size pixels."""

from __future__ import annotations

from unittest import mock

import pytest

from manchette.images import renditions

from .conftest import make_image, picture_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt, mode", [("JPEG", "RGB"), ("PNG", "RGB"), ("PNG", "I;16")])
def test_renditions_of_a_large_original_are_made_from_reduced_pixels(fmt, mode):
    colour = 30000 if mode == "I;16" else (200, 40, 40)
    sizes: list[tuple[int, int]] = []
    encode = renditions._encode

    def recording(prepared, planned, shrink):
        sizes.append(prepared.size)
        return encode(prepared, planned, shrink)

    with mock.patch.object(renditions, "_encode", recording):
        image = make_image(picture_bytes(6400, 4800, fmt=fmt, mode=mode, colour=colour))

    # The finest rendition (Pinterest's, 1000 pixels out of a 3200-pixel-wide crop) needs
    # under a third of the width: at most a quarter of the pixels are decoded.
    assert len(set(sizes)) == 1
    width, height = sizes[0]
    assert 1000 / 3200 * 6400 <= width <= 6400 / 2 and height == width * 3 // 4
    lead = image.renditions.get(spec="lead", width=1600, format="webp")
    assert (lead.width, lead.height) == (1600, 1067)
