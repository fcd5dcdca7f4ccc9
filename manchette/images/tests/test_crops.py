"""Tests of the crop table and of the focal-point-preserving crop box."""

from __future__ import annotations

import random

import pytest

from manchette.images.crops import CROPS, focal_crop_box, get_crop, widths_for


def assert_valid(box, width, height, ratio, fx, fy):
    left, top, right, bottom = box
    assert 0 <= left < right <= width
    assert 0 <= top < bottom <= height
    box_w, box_h = right - left, bottom - top
    # Largest box: one side spans the whole picture.
    assert box_w == width or box_h == height
    # The ratio, to within the pixel rounding of the shorter side (one pixel at least).
    if box_w == width:
        assert abs(box_h - max(1, width / ratio)) <= 0.5 or box_h == height
    else:
        assert abs(box_w - max(1, height * ratio)) <= 0.5 or box_w == width
    # The focal point is inside.
    assert left <= fx * width <= right
    assert top <= fy * height <= bottom


def test_crop_table():
    assert {name: (round(c.ratio, 3), c.widths) for name, c in CROPS.items()} == {
        "lead": (1.5, (480, 800, 1200, 1600)),
        "thumb": (1.5, (320, 480, 640)),
        "social": (1.91, (1200,)),
        "pinterest": (0.667, (1000,)),
        "portrait": (1.0, (160, 320)),
    }


def test_unknown_crop():
    with pytest.raises(ValueError, match="Unknown crop"):
        get_crop("banner")


def test_centre_of_a_landscape_for_a_square():
    assert focal_crop_box(1600, 1000, 1.0, 0.5, 0.5) == (300, 0, 1300, 1000)


def test_same_ratio_is_the_whole_picture():
    assert focal_crop_box(1500, 1000, 1.5, 0.1, 0.9) == (0, 0, 1500, 1000)


@pytest.mark.parametrize(
    ("fx", "fy", "expected"),
    [
        (0.0, 0.0, (0, 0, 1000, 1000)),
        (1.0, 1.0, (600, 0, 1600, 1000)),
        (0.0, 1.0, (0, 0, 1000, 1000)),
        (1.0, 0.0, (600, 0, 1600, 1000)),
        (0.6, 0.5, (460, 0, 1460, 1000)),
    ],
)
def test_corners_push_the_box_to_the_edge(fx, fy, expected):
    box = focal_crop_box(1600, 1000, 1.0, fx, fy)
    assert box == expected
    assert_valid(box, 1600, 1000, 1.0, fx, fy)


def test_portrait_crop_of_a_landscape_follows_the_focal_point():
    # 2:3 out of 3:2: the box is 667 wide and slides along.
    left, top, right, bottom = focal_crop_box(1500, 1000, 2 / 3, 0.7, 0.5)
    assert (top, bottom, right - left) == (0, 1000, 667)
    assert (left + right) / 2 == pytest.approx(1050, abs=1)


def test_landscape_crop_of_a_portrait_follows_the_focal_point():
    left, top, right, bottom = focal_crop_box(1000, 2000, 1.91, 0.5, 0.25)
    assert (left, right, bottom - top) == (0, 1000, 524)
    assert (top + bottom) / 2 == pytest.approx(500, abs=1)


@pytest.mark.parametrize(
    ("width", "height", "ratio"),
    [(4000, 40, 1.0), (40, 4000, 1.0), (1000, 1000, 100.0), (1000, 1000, 0.01), (1, 1, 1.91)],
)
@pytest.mark.parametrize(("fx", "fy"), [(0, 0), (1, 1), (0.5, 0.5), (0.999, 0.001)])
def test_extreme_ratios(width, height, ratio, fx, fy):
    assert_valid(focal_crop_box(width, height, ratio, fx, fy), width, height, ratio, fx, fy)


def test_many_random_boxes_keep_the_focal_point():
    rng = random.Random(1)
    for _ in range(2000):
        width, height = rng.randint(1, 5000), rng.randint(1, 5000)
        ratio = rng.choice([c.ratio for c in CROPS.values()] + [rng.uniform(0.05, 20)])
        fx, fy = rng.random(), rng.random()
        assert_valid(focal_crop_box(width, height, ratio, fx, fy), width, height, ratio, fx, fy)


def test_out_of_range_focal_points_are_clamped():
    assert focal_crop_box(1600, 1000, 1.0, -3, 7) == (0, 0, 1000, 1000)


@pytest.mark.parametrize(("width", "height", "ratio"), [(0, 10, 1.0), (10, 0, 1.0), (10, 10, 0)])
def test_invalid_arguments(width, height, ratio):
    with pytest.raises(ValueError):
        focal_crop_box(width, height, ratio, 0.5, 0.5)


def test_widths_larger_than_the_source_are_skipped():
    lead = CROPS["lead"]
    assert widths_for(lead, 1600) == [480, 800, 1200, 1600]
    assert widths_for(lead, 1000) == [480, 800]
    # Never nothing: a small picture gets one rendition at its own width.
    assert widths_for(lead, 300) == [300]
    assert widths_for(CROPS["social"], 1000) == [1000]
