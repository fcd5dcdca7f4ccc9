"""Deterministic abstract artwork for demo content, so the project ships no stock photos."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

Colour = tuple[int, int, int]

# Palettes of five: two for the background gradient, three for the shapes.
PALETTES: list[tuple[Colour, ...]] = [
    ((14, 36, 64), (46, 110, 160), (242, 177, 52), (235, 94, 40), (250, 240, 220)),
    ((38, 70, 83), (42, 157, 143), (233, 196, 106), (244, 162, 97), (231, 111, 81)),
    ((20, 20, 30), (80, 30, 90), (255, 90, 120), (255, 200, 90), (120, 220, 230)),
    ((240, 234, 214), (200, 190, 160), (200, 60, 50), (30, 60, 110), (20, 20, 20)),
    ((10, 60, 50), (120, 170, 90), (240, 220, 120), (250, 250, 240), (200, 80, 60)),
    ((60, 20, 40), (170, 60, 70), (250, 180, 120), (255, 240, 200), (40, 110, 130)),
    ((225, 236, 245), (150, 190, 220), (20, 50, 100), (250, 120, 90), (255, 210, 60)),
    ((30, 30, 30), (90, 90, 90), (230, 60, 40), (240, 240, 240), (250, 200, 0)),
]


def _gradient(size: tuple[int, int], start: Colour, end: Colour, angle: float) -> Image.Image:
    # Pillow's 256×256 linear ramp, turned and stretched, blends the two colours cheaply.
    ramp = Image.linear_gradient("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    inset = ramp.width // 4  # cut away the corners the rotation left empty
    ramp = ramp.crop((inset, inset, ramp.width - inset, ramp.height - inset)).resize(size)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), ramp)


def _with_alpha(colour: Colour, alpha: int) -> tuple[int, int, int, int]:
    return (*colour, alpha)


def _compose(seed: int, width: int, height: int) -> Image.Image:
    rng = random.Random(f"demo-{seed}")
    # Consecutive seeds (the demo articles of one page) never share a palette.
    palette = PALETTES[seed % len(PALETTES)]
    background = _gradient((width, height), palette[0], palette[1], rng.uniform(0, 360))
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    scale = min(width, height)
    accents = palette[2:]

    style = rng.randrange(3)
    if style in (0, 2):
        # Bands across the picture at a slant.
        slant = rng.uniform(-0.6, 0.6) * height
        step = rng.randint(scale // 14, scale // 6)
        for index, x in enumerate(range(-height, width + height, step * 2)):
            colour = _with_alpha(accents[index % len(accents)], rng.randint(40, 110))
            draw.polygon(
                [(x, 0), (x + step, 0), (x + step + slant, height), (x + slant, height)],
                fill=colour,
            )
    if style in (1, 2):
        # Concentric rings around one or two centres.
        for _ in range(rng.randint(1, 2)):
            cx, cy = rng.uniform(0, width), rng.uniform(0, height)
            radius = rng.uniform(0.4, 0.9) * scale
            ring = rng.uniform(0.05, 0.12) * scale
            colour = rng.choice(accents)
            while radius > ring:
                draw.ellipse(
                    (cx - radius, cy - radius, cx + radius, cy + radius),
                    outline=_with_alpha(colour, rng.randint(70, 160)),
                    width=max(2, int(ring * 0.35)),
                )
                radius -= ring

    # A few discs, some softened, for depth.
    discs = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    disc_draw = ImageDraw.Draw(discs)
    for _ in range(rng.randint(4, 9)):
        r = rng.uniform(0.05, 0.3) * scale
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        disc_draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r),
            fill=_with_alpha(rng.choice(accents), rng.randint(120, 230)),
        )
    discs = discs.filter(ImageFilter.GaussianBlur(scale / 200))

    picture = background.convert("RGBA")
    picture.alpha_composite(layer)
    picture.alpha_composite(discs)
    return picture.convert("RGB")


def _jpeg(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def make_demo_image(seed: int, width: int = 1600, height: int = 1067) -> bytes:
    """A JPEG of abstract art (gradient, bands, rings, discs), the same for the same seed."""
    if width < 1 or height < 1:
        raise ValueError("The picture must be at least 1×1 pixel.")
    return _jpeg(_compose(seed, width, height))


def make_portrait(seed: int) -> bytes:
    """A 400×400 JPEG of a faceless head-and-shoulders silhouette for demo authors."""
    size = 400
    rng = random.Random(f"portrait-{seed}")
    palette = PALETTES[(seed * 3 + 1) % len(PALETTES)]
    picture = _gradient((size, size), palette[0], palette[1], rng.uniform(0, 360))
    draw = ImageDraw.Draw(picture)
    figure = rng.choice(palette[2:])
    head = rng.uniform(0.16, 0.2) * size
    cx, cy = size / 2 + rng.uniform(-20, 20), size * rng.uniform(0.36, 0.42)
    draw.ellipse((cx - head, cy - head * 1.1, cx + head, cy + head * 1.1), fill=figure)
    shoulders = rng.uniform(0.36, 0.44) * size
    top = cy + head * 1.35
    draw.ellipse((cx - shoulders, top, cx + shoulders, top + shoulders * 1.6), fill=figure)
    return _jpeg(picture)
