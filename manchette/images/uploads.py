"""The one gate every image file passes: decoded, bounded, renamed and rid of its location."""

from __future__ import annotations

import io
import logging
import os
import posixpath
import struct
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags
from PIL import Image as PILImage

from manchette.articles.slugs import FALLBACK_SLUG, slugify_fr

logger = logging.getLogger(__name__)

# What a reader's browser shows, by Pillow's name, with the extension the stored file gets.
# MPO is how Pillow names a JPEG carrying extra pictures (iPhones, stereo cameras).
ACCEPTED_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/gif"

# Room left in the 255 characters of Image.file for "images/2024/05/", the extension and
# the suffix storages add to a name already taken.
NAME_MAX_LENGTH = 80

# Every frame of an animation is decoded, and each one costs Pillow some work however small
# it is: a 25 MB GIF can hold a million frames of one pixel. 3,000 frames is two minutes at
# 25 frames a second, and under a second of checking; IMAGE_MAX_ANIMATION_PIXELS bounds
# the frames' size.
ANIMATION_MAX_FRAMES = 3000

MESSAGES = {
    "not_an_image": _(
        "Ce fichier n’est pas une image lisible : son contenu n’est ni du JPEG, ni du PNG, "
        "ni du WebP, ni du GIF, quelle que soit son extension."
    ),
    "damaged": _(
        "Ce fichier n’est pas une image lisible : il est tronqué ou endommagé. Enregistrez-le "
        "de nouveau depuis votre logiciel d’images, puis réessayez."
    ),
    "svg": _(
        "Les images SVG sont refusées : un fichier SVG peut contenir des scripts qui "
        "s’exécuteraient dans le navigateur des lecteurs. Exportez-la en PNG."
    ),
    "too_heavy": _("Ce fichier pèse %(size)s ; la limite est de %(limit)s."),
    "too_many_pixels": _(
        "Cette image est trop grande : elle dépasse %(limit)s millions de pixels. Réduisez "
        "ses dimensions avant de l’envoyer."
    ),
    "animation_too_large": _(
        "Cette animation est trop lourde : ses images cumulent plus de %(limit)s millions de "
        "pixels. Raccourcissez-la ou réduisez ses dimensions avant de l’envoyer."
    ),
    "too_many_frames": _(
        "Cette animation compte plus de %(limit)s images. Raccourcissez-la avant de l’envoyer."
    ),
    "uncleanable": _(
        "Les données de localisation de cette image n’ont pas pu être retirées (structure de "
        "fichier inhabituelle). Enregistrez-la de nouveau depuis votre logiciel d’images, "
        "puis réessayez."
    ),
}


def refused(code: str, **params: object) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


class CheckedImageFile(ContentFile):
    """Bytes that went through check_image(): saving them does not check them again."""

    def __init__(self, content: bytes, name: str, image_format: str) -> None:
        super().__init__(content, name=name)
        self.data = content
        self.image_format = image_format


@dataclass(frozen=True)
class _Container:
    format: str
    strip: Callable[[bytes], bytes]  # raises _Malformed


class _Malformed(Exception):
    """The file's structure could not be walked to take its metadata out."""


def check_image(file, name: str | None = None) -> CheckedImageFile:
    """Read `file` (an upload or a stored file) and return its bytes once they are known
    to be a whole JPEG, PNG, WebP or GIF within the size and pixel limits, named after the
    original as an ASCII slug with the extension of what it really is, and with its
    location (EXIF GPS, vendor notes, XMP, IPTC) removed. Raises a ValidationError whose
    French message names the problem."""
    limit = settings.IMAGE_MAX_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise refused("too_heavy", size=filesizeformat(size), limit=filesizeformat(limit))
    file.seek(0)
    # One byte over the limit is enough to refuse: a file that misreports its size is
    # never read whole.
    data = file.read(limit + 1)
    file.seek(0)
    if len(data) > limit:
        raise refused("too_heavy", size=filesizeformat(len(data)), limit=filesizeformat(limit))

    container = _container_of(data)
    if container is None:
        raise refused("svg" if _looks_like_xml(data) else "not_an_image")
    try:
        cleaned = container.strip(data)
    except _Malformed:
        # Only a file whose metadata came out is published; Pillow decides below whether
        # the file was an image at all, to pick the message.
        cleaned = None

    picture_format = _decode(cleaned if cleaned is not None else data, container.format)
    if cleaned is None:
        raise refused("uncleanable")
    base_name = normalised_name(name or getattr(file, "name", "") or "", picture_format)
    return CheckedImageFile(cleaned, base_name, picture_format)


def _decode(data: bytes, expected_format: str) -> str:
    """Decodes the picture whole, every frame of an animation included, after checking
    each frame's declared size; returns Pillow's name for its format."""
    max_pixels = settings.IMAGE_MAX_PIXELS
    try:
        with PILImage.open(io.BytesIO(data), formats=[expected_format, "MPO"]) as picture:
            picture_format = picture.format or expected_format
            _decode_frames(picture, max_pixels)
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        # Pillow's own ceiling, reached only when IMAGE_MAX_PIXELS is set above it.
        raise refused("too_many_pixels", limit=_millions(max_pixels)) from None
    except PILImage.UnidentifiedImageError:
        raise refused("not_an_image") from None
    except Exception:
        # A damaged file makes Pillow's decoders raise almost any error type (OSError,
        # SyntaxError, struct.error, IndexError…); every one means the same to the desk.
        raise refused("damaged") from None
    if picture_format not in ACCEPTED_FORMATS:
        raise refused("not_an_image")
    return picture_format


def _decode_frames(picture: PILImage.Image, max_pixels: int) -> None:
    """Every frame, as the reader's browser will decode them: renditions use only the
    first, but a later frame cut off or too large is a damaged or hostile file all the
    same. Each frame is bounded before it is decoded; the frames are counted by seeking
    from one to the next, as `n_frames` would read a whole GIF before any bound applies."""
    max_total = settings.IMAGE_MAX_ANIMATION_PIXELS
    decoded = 0
    frame = 0
    while True:
        # A GIF's frame may widen the canvas, so each frame's size is checked again.
        width, height = picture.size
        if width * height > max_pixels:
            raise refused("too_many_pixels", limit=_millions(max_pixels))
        decoded += width * height
        if frame and decoded > max_total:  # a still picture answers to IMAGE_MAX_PIXELS alone
            raise refused("animation_too_large", limit=_millions(max_total))
        picture.load()
        frame += 1
        try:
            picture.seek(frame)
        except EOFError:
            return
        if frame == ANIMATION_MAX_FRAMES:
            raise refused(
                "too_many_frames", limit=f"{ANIMATION_MAX_FRAMES:,}".replace(",", "\u202f")
            )


def _millions(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}".replace(".", ",")


def _looks_like_xml(data: bytes) -> bool:
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<?xml", b"<svg", b"<!doctype", b"<!--")) or b"<svg" in start


def normalised_name(original: str, picture_format: str) -> str:
    """`Photo d’Été 2024 (1).JPG` → `photo-dete-2024-1.jpg`: the slug of the original's base
    name (no folders), bounded, with the extension of the format the content really is."""
    base = posixpath.basename(original.replace("\\", "/"))
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    slug = slugify_fr(stem, max_length=NAME_MAX_LENGTH)
    if slug == FALLBACK_SLUG and FALLBACK_SLUG not in stem.lower():
        slug = "image"  # a name with no letter or digit ASCII can hold
    return f"{slug}.{ACCEPTED_FORMATS[picture_format]}"


def secure_file(field_file) -> None:
    """Make the file an Image is about to keep safe to publish, or raise ValidationError.

    A new upload (not stored yet) is replaced by its checked, renamed, cleaned bytes, which
    the model's save then stores once. A file already in the storage (put there by
    `image.file.save(…, save=False)` or named by an importer) keeps its name, which pages
    or imported bodies may link to: only its bytes are replaced, and only when location
    data had to come out."""
    if not field_file._committed:
        upload = field_file.file
        if not isinstance(upload, CheckedImageFile):
            upload = check_image(upload, field_file.name)
        field_file.file = upload
        field_file.name = upload.name
        return
    with field_file.storage.open(field_file.name, "rb") as stored:
        checked = check_image(stored, field_file.name)
        stored.seek(0)
        unchanged = stored.read() == checked.data
    if not unchanged:
        field_file.name = _overwrite(field_file.storage, field_file.name, checked.data)


def strip_stored_location(field_file) -> bool:
    """Remove the location data of a stored original in place, for files that reach the
    images without Image.save() (bulk imports, restores). Returns whether the file was
    rewritten. A file this module cannot clean is left as it is and logged: its
    renditions, which readers are shown, carry no metadata in any case."""
    name, storage = field_file.name, field_file.storage
    with storage.open(name, "rb") as stored:
        data = stored.read()
    cleaned = without_location(data, name)
    if cleaned == data:
        return False
    saved = _overwrite(storage, name, cleaned)
    if saved != name:
        from .models import Image

        Image.objects.filter(file=name).update(file=saved)
        field_file.name = saved
    return True


def without_location(data: bytes, name: str) -> bytes:
    """The bytes of a picture without its location data; unchanged when there is none,
    or when the file is not a picture this module can walk (then logged)."""
    container = _container_of(data)
    if container is None:
        return data
    try:
        return container.strip(data)
    except _Malformed:
        logger.warning("Could not take the location data out of %s.", name)
        return data


def _overwrite(storage, name: str, data: bytes) -> str:
    """Put `data` under `name` in place of the file there; returns the name it got."""
    try:
        path = storage.path(name)
    except NotImplementedError:
        # Storages never replace a file on save (two uploads of "photo.jpg" must both
        # live), so the old bytes go first; the name is then free, barring a race.
        storage.delete(name)
        return storage.save(name, ContentFile(data))
    # On disk, a renamed temporary file: a reader fetching the photo meanwhile gets the
    # old bytes or the new, never a missing or half-written file.
    mode = os.stat(path).st_mode & 0o777
    with tempfile.NamedTemporaryFile(dir=os.path.dirname(path), delete=False) as temporary:
        temporary.write(data)
    os.chmod(temporary.name, mode)
    os.replace(temporary.name, path)
    return name


def check_upload(upload) -> CheckedImageFile:
    """check_image() of an uploaded file, done once per upload: the outcome (the checked
    bytes or the refusal) is kept on the upload object. The desk checks an upload before
    it opens its transaction (admin.py), so that decoding a large picture never holds the
    database's write lock; the form field then only reads the outcome."""
    outcome = getattr(upload, "_manchette_checked", None)
    if outcome is None:
        try:
            outcome = check_image(upload, upload.name)
        except ValidationError as error:
            outcome = error
        upload._manchette_checked = outcome
    if isinstance(outcome, ValidationError):
        raise outcome
    return outcome


class SafeImageFormField(forms.FileField):
    """The desk's image upload: check_image() as field validation, so each refusal shows
    under the field and what else the editor typed stays in the form."""

    def __init__(self, **kwargs) -> None:
        kwargs.pop("max_length", None)  # the normalised name is bounded already
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return check_upload(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs.setdefault("accept", ACCEPTED_TYPES)
        return attrs


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
            raise _Malformed("JPEG segment expected")
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
            raise _Malformed("JPEG segment runs past the end")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment_end = pos + 2 + length
        if length < 2 or segment_end > end:
            raise _Malformed("JPEG segment runs past the end")
        body = data[pos + 4 : segment_end]
        if marker == 0xDA:  # start of scan: the coded data runs to the next real marker
            out.append(data[pos:segment_end])
            pos = _end_of_scan(data, segment_end)
            out.append(data[segment_end:pos])
            continue
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00"):
            exif = _clean_exif(body)
            if len(exif) + 2 > 0xFFFF:
                raise _Malformed("EXIF too long once rewritten")
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
            raise _Malformed("JPEG data has no end")
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
            raise _Malformed("PNG chunk expected")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk_end = pos + 12 + length
        if chunk_end > len(data):
            raise _Malformed("PNG chunk runs past the end")
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
            raise _Malformed("WebP chunk expected")
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length:
            raise _Malformed("WebP chunk runs past the end")
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
            raise _Malformed("GIF block expected")
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
            raise _Malformed("unknown GIF block")
        out.append(data[pos:block_end])
        pos = block_end


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    # Sub-blocks are a length byte and that many bytes, up to an empty one. XMP's "magic
    # trailer" is built so this walk lands on its end too.
    while True:
        if pos >= len(data):
            raise _Malformed("GIF sub-blocks run past the end")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _container_of(data: bytes) -> _Container | None:
    """What the first bytes say the file is, whatever its name claims."""
    if data.startswith(b"\xff\xd8\xff"):
        return _Container("JPEG", _strip_jpeg)
    if data.startswith(_PNG_SIGNATURE):
        return _Container("PNG", _strip_png)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _Container("WEBP", _strip_webp)
    if data[:6] in {b"GIF87a", b"GIF89a"} and len(data) >= 13:
        return _Container("GIF", _strip_gif)
    return None
