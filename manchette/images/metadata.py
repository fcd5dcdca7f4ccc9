"""Taking out of a picture's file what can place the photographer (EXIF GPS, maker notes,
XMP, IPTC), without decoding it again: its structure is walked and copied, the pixels
are left as they are."""

from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from PIL import ExifTags
from PIL import Image as PILImage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Container:
    """A picture's file format, and how to take the metadata out of it."""

    format: str  # Pillow's name for it
    strip: Callable[[bytes], bytes]  # raises Malformed


class Malformed(Exception):
    """The file's structure could not be walked to take its metadata out."""


def without_location(data: bytes, name: str) -> bytes:
    """The bytes of a picture without its location data; unchanged when there is none,
    or when the file is not a picture this module can walk (then logged)."""
    container = container_of(data)
    if container is None:
        return data
    try:
        return container.strip(data)
    except Malformed:
        logger.warning("Could not take the location data out of %s.", name)
        return data


# Metadata that can place the photographer: removed from every container below.

_GPS_IFD = ExifTags.IFD.GPSInfo
_EXIF_IFD = ExifTags.IFD.Exif
_MAKER_NOTE = ExifTags.Base.MakerNote  # vendors' private block, where some keep a position
_ORIENTATION = ExifTags.Base.Orientation


def _clean_exif(raw: bytes) -> bytes:
    """`raw` EXIF (with or without its "Exif\\0\\0" prefix, as found) without its GPS block
    and maker notes, in the same form; the orientation and camera settings stay. Pillow
    writes only the main directory back, so the embedded thumbnail, which may show what a
    crop hid, goes too."""
    prefixed = raw.startswith(b"Exif\x00\x00")
    exif = PILImage.Exif()
    try:
        exif.load(raw)
        exif.pop(_GPS_IFD, None)
        exif.get_ifd(_EXIF_IFD).pop(_MAKER_NOTE, None)
        cleaned = exif.tobytes()
    except Exception:
        # Tags Pillow cannot write back: the orientation alone is enough to show it right.
        orientation = exif.get(_ORIENTATION) if len(exif) else None
        kept = PILImage.Exif()
        if isinstance(orientation, int):
            kept[_ORIENTATION] = orientation
        cleaned = kept.tobytes()
    return cleaned if prefixed else cleaned.removeprefix(b"Exif\x00\x00")


def _strip_jpeg(data: bytes) -> bytes:
    """Lossless: the segments before the picture data are walked and copied, EXIF rewritten,
    XMP and Photoshop/IPTC blocks left out; nothing after the picture's end is kept (the
    extra pictures of MPO files carry their own EXIF, and appended bytes have no place in
    a published photo)."""
    out = [b"\xff\xd8"]
    pos = 2
    end = len(data)
    while True:
        if pos + 2 > end or data[pos] != 0xFF:
            raise Malformed("JPEG segment expected")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[pos : pos + 2])
            pos += 2
            continue
        if pos + 4 > end:
            raise Malformed("JPEG segment runs past the end")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment_end = pos + 2 + length
        if length < 2 or segment_end > end:
            raise Malformed("JPEG segment runs past the end")
        body = data[pos + 4 : segment_end]
        if marker == 0xDA:  # start of scan: the coded data runs to the next real marker
            out.append(data[pos:segment_end])
            pos = _end_of_scan(data, segment_end)
            out.append(data[segment_end:pos])
            continue
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00"):
            exif = _clean_exif(body)
            if len(exif) + 2 > 0xFFFF:
                raise Malformed("EXIF too long once rewritten")
            out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
        elif marker == 0xE1 or marker == 0xED:
            pass  # XMP (and its extensions), Photoshop resources holding IPTC
        elif marker == 0xE2 and body.startswith(b"MPF\x00"):
            pass  # the index of the extra pictures that are not kept
        else:
            out.append(data[pos:segment_end])
        pos = segment_end


def _end_of_scan(data: bytes, pos: int) -> int:
    # In coded data a 0xFF byte is followed by 0x00 (stuffing) or a restart marker; any
    # other pair is the next segment.
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise Malformed("JPEG data has no end")
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1 if following == 0xFF else 2
            continue
        return pos


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Text chunks holding XMP, or EXIF/IPTC the way ImageMagick writes them ("Raw profile
# type exif", "…iptc", "…8bim", "…xmp").
_PNG_LOCATION_KEYWORDS = (b"XML:com.adobe.xmp", b"Raw profile type")


def _strip_png(data: bytes) -> bytes:
    out = [_PNG_SIGNATURE]
    pos = len(_PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise Malformed("PNG chunk expected")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk_end = pos + 12 + length
        if chunk_end > len(data):
            raise Malformed("PNG chunk runs past the end")
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"eXIf":
            out.append(_png_chunk(kind, _clean_exif(body)))
        elif kind in {b"tEXt", b"zTXt", b"iTXt"} and body.startswith(_PNG_LOCATION_KEYWORDS):
            pass
        else:
            out.append(data[pos:chunk_end])
        if kind == b"IEND":
            return b"".join(out)
        pos = chunk_end


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def _strip_webp(data: bytes) -> bytes:
    (riff_size,) = struct.unpack("<I", data[4:8])
    end = min(len(data), 8 + riff_size)
    chunks: list[tuple[bytes, bytes]] = []
    pos = 12
    while pos < end:
        if pos + 8 > end:
            raise Malformed("WebP chunk expected")
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length:
            raise Malformed("WebP chunk runs past the end")
        if kind == b"EXIF":
            chunks.append((kind, _clean_exif(body)))
        elif kind != b"XMP ":
            chunks.append((kind, body))
        pos += 8 + length + (length & 1)
    kinds = {kind for kind, _body in chunks}
    out = []
    for kind, body in chunks:
        if kind == b"VP8X" and body:
            flags = body[0] & ~_VP8X_XMP
            if b"EXIF" not in kinds:
                flags &= ~_VP8X_EXIF
            body = bytes([flags]) + body[1:]
        out.append(struct.pack("<4sI", kind, len(body)) + body + b"\x00" * (len(body) & 1))
    payload = b"WEBP" + b"".join(out)
    return b"RIFF" + struct.pack("<I", len(payload)) + payload


def _strip_gif(data: bytes) -> bytes:
    """GIF has no EXIF; only an XMP application block can place the picture."""
    (flags,) = struct.unpack("B", data[10:11])
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    out = [data[:pos]]
    while True:
        if pos >= len(data):
            raise Malformed("GIF block expected")
        introducer = data[pos]
        if introducer == 0x3B:  # trailer; anything after it is not part of the picture
            out.append(b"\x3b")
            return b"".join(out)
        if introducer == 0x21:
            block_end = _skip_sub_blocks(data, pos + 2)
            if data[pos + 1] == 0xFF and data[pos + 3 : pos + 14] == b"XMP DataXMP":
                pos = block_end
                continue
        elif introducer == 0x2C:
            (image_flags,) = struct.unpack("B", data[pos + 9 : pos + 10])
            table = 3 << ((image_flags & 7) + 1) if image_flags & 0x80 else 0
            block_end = _skip_sub_blocks(data, pos + 10 + table + 1)
        else:
            raise Malformed("unknown GIF block")
        out.append(data[pos:block_end])
        pos = block_end


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    # Sub-blocks are a length byte and that many bytes, up to an empty one. XMP's "magic
    # trailer" is built so this walk lands on its end too.
    while True:
        if pos >= len(data):
            raise Malformed("GIF sub-blocks run past the end")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def container_of(data: bytes) -> Container | None:
    """What the first bytes say the file is, whatever its name claims."""
    if data.startswith(b"\xff\xd8\xff"):
        return Container("JPEG", _strip_jpeg)
    if data.startswith(_PNG_SIGNATURE):
        return Container("PNG", _strip_png)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Container("WEBP", _strip_webp)
    if data[:6] in {b"GIF87a", b"GIF89a"} and len(data) >= 13:
        return Container("GIF", _strip_gif)
    return None
