"""Draws the publisher logo named in structured data: the site's name in a bold serif.

Google asks news publishers for a logo that fits 600×60 pixels on a plain background.
The committed static/syndication/logo.png was drawn by this module for the default
SITE_NAME; a newsroom with another name runs it again, or puts its own 600×60 file at
manchette/static/syndication/logo.png (the project's static folder is looked up first):

    .venv/bin/python -m manchette.syndication.logo "Le Journal" > logo.png
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 600, 60
MARGIN = 6
INK = (17, 17, 17)
PAPER = (255, 255, 255)
# Bold serifs found on Debian, first match wins; Pillow's own font is the last resort.
SERIF_BOLD = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in SERIF_BOLD:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def draw_logo(name: str) -> bytes:
    """A 600×60 PNG of `name`, as large as fits, centred in black on white."""
    picture = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(picture)
    size = HEIGHT
    while True:
        font = _font(size)
        left, top, right, bottom = draw.textbbox((0, 0), name, font=font)
        if (right - left <= WIDTH - 2 * MARGIN and bottom - top <= HEIGHT - 2 * MARGIN) or (
            size <= 8
        ):
            break
        size -= 1
    x = (WIDTH - (right - left)) / 2 - left
    y = (HEIGHT - (bottom - top)) / 2 - top
    draw.text((x, y), name, font=font, fill=INK)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.buffer.write(draw_logo(" ".join(sys.argv[1:]) or "Le Courrier du Matin"))
