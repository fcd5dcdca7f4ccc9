"""Named crops (aspect ratio and widths) and the focal-point-preserving crop box."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Crop:
    name: str
    label: str
    ratio: float  # width / height
    widths: tuple[int, ...]

    def height_for(self, width: int) -> int:
        return max(1, round(width / self.ratio))


CROPS: dict[str, Crop] = {
    crop.name: crop
    for crop in (
        Crop("lead", _("Image principale"), 3 / 2, (480, 800, 1200, 1600)),
        Crop("thumb", _("Vignette"), 3 / 2, (320, 480, 640)),
        # Open Graph cards are drawn at 1200×630 by most networks.
        Crop("social", _("Réseaux sociaux"), 1.91, (1200,)),
        Crop("pinterest", _("Pinterest"), 2 / 3, (1000,)),
        Crop("portrait", _("Portrait"), 1.0, (160, 320)),
    )
}


def get_crop(name: str) -> Crop:
    try:
        return CROPS[name]
    except KeyError:
        raise ValueError(f"Unknown crop {name!r}; known crops: {', '.join(CROPS)}.") from None


def focal_crop_box(
    width: int, height: int, ratio: float, focal_x: float, focal_y: float
) -> tuple[int, int, int, int]:
    """The largest (left, top, right, bottom) box of `ratio` inside a width×height image,
    as centred on the focal point (fractions 0..1) as the edges allow, never leaving it out."""
    if width < 1 or height < 1:
        raise ValueError("The image must be at least 1×1 pixel.")
    if not ratio > 0:
        raise ValueError("The ratio must be positive.")
    focal_x = min(max(float(focal_x), 0.0), 1.0)
    focal_y = min(max(float(focal_y), 0.0), 1.0)

    if width / height > ratio:
        # Wider than the crop: keep the full height, slide horizontally.
        box_h = height
        box_w = min(width, max(1, round(height * ratio)))
    else:
        box_w = width
        box_h = min(height, max(1, round(width / ratio)))

    left = _place(focal_x * width, box_w, width)
    top = _place(focal_y * height, box_h, height)
    return left, top, left + box_w, top + box_h


def _place(focus: float, size: int, limit: int) -> int:
    # Rounding moves the start by at most half a pixel, so a box of at least one pixel still
    # contains the focus; clamping only happens when the focus is near that edge anyway.
    start = round(focus - size / 2)
    return min(max(start, 0), limit - size)


def widths_for(crop: Crop, box_width: int) -> list[int]:
    """The crop's widths that need no upscaling, or the box's own width when none fits."""
    widths = [w for w in crop.widths if w <= box_width]
    return widths or [box_width]
