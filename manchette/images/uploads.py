"""The one gate every image file passes: decoded, bounded, renamed and rid of its location."""

from __future__ import annotations

import io
import os
import posixpath
import tempfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from manchette.lib.slugs import FALLBACK_SLUG, slugify_fr

from .metadata import Malformed, container_of, without_location

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

    container = container_of(data)
    if container is None:
        raise refused("svg" if _looks_like_xml(data) else "not_an_image")
    try:
        cleaned = container.strip(data)
    except Malformed:
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
