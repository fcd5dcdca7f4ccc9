"""Makes every crop of an image in WebP and its own format, with no metadata, at save time."""

from __future__ import annotations

import hashlib
import io
import logging
import math
from contextlib import suppress
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from .crops import CROPS, Crop, focal_crop_box, get_crop, widths_for
from .models import Image, Rendition, displayed_size
from .uploads import strip_stored_location

logger = logging.getLogger(__name__)

# Bump when the output of the encoder settings below changes, to remake every rendition.
RENDITION_VERSION = 1
QUALITY = 80

# A page that finds renditions missing asks the task worker for them at most this often
# (seconds) per image, however many readers see the page meanwhile.
QUEUE_AGAIN_AFTER = 15 * 60

_ORIGINAL_FORMATS = {"PNG": "png"}  # anything else (JPEG, WebP, GIF, TIFF…) becomes JPEG
_EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}


@dataclass(frozen=True)
class _Planned:
    crop: Crop
    box: tuple[int, int, int, int]
    width: int
    height: int
    format: str
    signature: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.crop.name, self.width, self.format)


def generate_renditions(image: Image) -> int:
    """Create or refresh every rendition of every crop of `image`, in WebP and in the
    original's format; renditions already made from the same file and focal point are
    kept, and those no crop needs any more are deleted. Returns how many were written."""
    if not image.pk or not image.file:
        return 0
    # Originals are shown while renditions are missing, and imports that write rows in
    # bulk never pass through Image.save(): their location data goes here, before anything.
    strip_stored_location(image.file)
    with _open_source(image) as source:
        plan = _plan(image, source.size, _ORIGINAL_FORMATS.get(source.format or "", "jpeg"))
        # Not image.renditions.all(): a caller's prefetch cache may be out of date.
        existing = {(r.spec, r.width, r.format): r for r in Rendition.objects.filter(image=image)}
        wanted = {p.key for p in plan}
        todo = [p for p in plan if not _is_current(existing.get(p.key), p)]
        stale = [r for key, r in existing.items() if key not in wanted]
        if not todo and not stale:
            return 0
        # The finest detail any rendition needs, as a fraction of the original's pixels.
        scale = max((p.width / (p.box[2] - p.box[0]) for p in todo), default=1.0)
        prepared = _prepare(source, scale) if todo else None
        shrink = (
            (prepared.width / source.size[0], prepared.height / source.size[1])
            if prepared
            else (1.0, 1.0)
        )
        # Encoded before any write, so the database is only held for the quick part.
        encoded = [(planned, _encode(prepared, planned, shrink)) for planned in todo]

    with transaction.atomic():
        for rendition in stale:
            rendition.delete()  # its file goes with it (signals.py)
        for planned, data in encoded:
            _store(image, existing.get(planned.key), planned, data)
    return len(todo)


def _store(image: Image, rendition: Rendition | None, planned: _Planned, data: bytes) -> None:
    if rendition is None:
        rendition = Rendition(
            image=image, spec=planned.crop.name, width=planned.width, format=planned.format
        )
    old_name = rendition.file.name if rendition.pk else ""
    rendition.height = planned.height
    rendition.signature = planned.signature
    # A new name per signature lets the URLs be cached for ever by browsers and CDNs.
    name = (
        f"{image.pk}/{planned.crop.name}-{planned.width}w-{planned.signature[:10]}"
        f".{_EXTENSIONS[planned.format]}"
    )
    rendition.file.save(name, ContentFile(data), save=False)
    rendition.save()
    if old_name and old_name != rendition.file.name:
        _delete_file_on_commit(old_name)


def _plan(image: Image, size: tuple[int, int], original_format: str) -> list[_Planned]:
    width, height = size
    plan = []
    for crop in CROPS.values():
        box = focal_crop_box(width, height, crop.ratio, image.focal_x, image.focal_y)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        signature = hashlib.sha256(
            "|".join(
                map(
                    str,
                    (
                        RENDITION_VERSION,
                        QUALITY,
                        image.file.name,
                        width,
                        height,
                        crop.ratio,
                        box,
                    ),
                )
            ).encode()
        ).hexdigest()
        for target_w in widths_for(crop, box_w):
            target_h = min(crop.height_for(target_w), box_h)
            for fmt in ("webp", original_format):
                plan.append(_Planned(crop, box, target_w, target_h, fmt, signature))
    return plan


def _is_current(rendition: Rendition | None, planned: _Planned) -> bool:
    return (
        rendition is not None
        and rendition.signature == planned.signature
        and rendition.height == planned.height
        and bool(rendition.file.name)
        and rendition.file.storage.exists(rendition.file.name)
    )


class _open_source:
    """Opens the image's file for Pillow; pixels are only decoded when asked for."""

    def __init__(self, image: Image) -> None:
        self.field_file = image.file

    def __enter__(self) -> _Source:
        self.field_file.open("rb")
        self.field_file.seek(0)
        self.picture = PILImage.open(self.field_file)
        return _Source(self.picture)

    def __exit__(self, *exc_info: object) -> None:
        self.picture.close()
        self.field_file.close()


class _Source:
    def __init__(self, picture: PILImage.Image) -> None:
        self.picture = picture
        self.format = picture.format
        # Crops are planned on the picture as displayed, EXIF rotation applied.
        self.size = displayed_size(picture)


def _prepare(source: _Source, scale: float) -> PILImage.Image:
    """Pixels upright, in sRGB, as RGB or RGBA, with no metadata left attached, at no more
    than twice the `scale` of the original the largest rendition needs: a 7000-pixel
    photo made into 1600-pixel renditions costs a sixteenth of its full decoded size in
    each step below."""
    picture = source.picture
    picture.seek(0)  # the first frame of an animation
    full_width, full_height = picture.size
    if picture.format in {"JPEG", "MPO"} and scale < 0.5:
        # JPEG decodes straight at 1/2, 1/4 or 1/8 of its size, never below the request.
        wanted = (math.ceil(full_width * scale), math.ceil(full_height * scale))
        picture.draft(picture.mode, wanted)
    picture.load()
    factor = math.floor(picture.size[0] / full_width / scale) if scale > 0 else 1
    if factor >= 2 and picture.mode.startswith("I;16"):
        picture = picture.convert("I")  # 16-bit greyscale, which reduce() does not take
    # Any other mode reduce() does not handle is kept whole.
    if factor >= 2:
        with suppress(ValueError):
            picture = picture.reduce(factor)  # a box filter: resize() then has little left
    upright = ImageOps.exif_transpose(picture) or picture
    upright = _to_srgb(upright)
    has_alpha = upright.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or (
        upright.mode == "P" and "transparency" in upright.info
    )
    if upright.mode.startswith("I;16") or upright.mode in {"I", "F"}:
        # 16-bit and float greyscale: scale down to 8 bits before colour conversion.
        upright = upright.convert("I").point(lambda value: value / 256).convert("L")
    result = upright.convert("RGBA" if has_alpha else "RGB")
    result.info = {}
    return result


def _to_srgb(picture: PILImage.Image) -> PILImage.Image:
    # Outputs carry no ICC profile, so pixels are converted to sRGB, which browsers assume.
    profile = picture.info.get("icc_profile")
    if not profile:
        if picture.mode == "CMYK":
            return picture.convert("RGB")
        return picture
    try:
        source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        output_mode = "RGBA" if "A" in picture.mode else "RGB"
        if picture.mode not in {"RGB", "RGBA", "CMYK", "L"}:
            picture = picture.convert(output_mode)
        converted = ImageCms.profileToProfile(
            picture,
            source_profile,
            ImageCms.createProfile("sRGB"),
            outputMode=output_mode if picture.mode != "L" else "RGB",
        )
        return converted or picture
    except (ImageCms.PyCMSError, OSError, ValueError):
        logger.warning("Unusable ICC profile; pixels kept as they are.")
        return picture.convert("RGB") if picture.mode == "CMYK" else picture


def _encode(prepared: PILImage.Image, planned: _Planned, shrink: tuple[float, float]) -> bytes:
    # The crop box is planned on the original; `prepared` may be smaller (_prepare).
    left, top, right, bottom = planned.box
    box = (left * shrink[0], top * shrink[1], right * shrink[0], bottom * shrink[1])
    resized = prepared.resize(
        (planned.width, planned.height), PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0
    )
    # Pillow copies `info` (EXIF, XMP, ICC, comments…) into derived images; a photo's GPS
    # position must never reach readers, so nothing is carried over.
    resized.info = {}
    buffer = io.BytesIO()
    if planned.format == "webp":
        resized.save(buffer, "WEBP", quality=QUALITY, method=4)
    elif planned.format == "png":
        resized.save(buffer, "PNG", optimize=True)
    else:
        if resized.mode != "RGB":
            resized = _flatten(resized)
        resized.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _flatten(picture: PILImage.Image) -> PILImage.Image:
    # JPEG has no transparency: see-through parts become white, as on the page.
    background = PILImage.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A") if "A" in picture.mode else None)
    return background


def _delete_file_on_commit(name: str) -> None:
    # Deleted only once the rows are gone for good: a rolled-back transaction would
    # otherwise leave rows pointing at missing files.
    if not name:
        return
    storage = Rendition._meta.get_field("file").storage
    transaction.on_commit(lambda: storage.delete(name))


def renditions_of(image: Image, spec: str, format: str | None = None) -> list[Rendition]:
    """The image's renditions of one crop, narrowest first, filtered in Python so that a
    prefetched `image.renditions.all()` is used and no query is made."""
    return sorted(
        (
            r
            for r in image.renditions.all()
            if r.spec == spec and (format is None or r.format == format)
        ),
        key=lambda r: r.width,
    )


def renditions_to_show(image: Image, spec: str) -> list[Rendition]:
    """The renditions of one crop a reader's page may use: those that exist, narrowest
    first (none: the page shows the original file). Missing ones are queued for the task
    worker, never made here: a page view does no Pillow work. Query-free when the
    renditions are prefetched (queueing one image writes one task row, once)."""
    found = renditions_of(image, spec)
    if image.pk and image.file and renditions_missing(image, spec, found):
        queue_renditions(image)
    return found


def renditions_missing(image: Image, spec: str, renditions: list[Rendition]) -> bool:
    """Whether the renditions of `spec` lack a width the crop should have, in WebP or in
    the original's format. Reckoned from the stored dimensions and focal point, as
    generate_renditions() plans them: no file is opened."""
    crop = get_crop(spec)
    if not (image.width and image.height):
        return not renditions
    left, _top, right, _bottom = focal_crop_box(
        image.width, image.height, crop.ratio, image.focal_x, image.focal_y
    )
    wanted = set(widths_for(crop, right - left))
    webp = {r.width for r in renditions if r.format == Rendition.Format.WEBP}
    original = {r.width for r in renditions if r.format != Rendition.Format.WEBP}
    return not (wanted <= webp and wanted <= original)


def queue_renditions(image: Image) -> bool:
    """Ask the task worker (images.tasks.make_renditions) for the image's renditions, at
    most once per image and file in QUEUE_AGAIN_AFTER seconds from any process of the
    site (cache.add is atomic). Never raises: a page renders even when the queue cannot
    be reached. Returns whether this call queued the work."""
    from manchette.background import enqueue_once

    from .tasks import make_renditions

    digest = hashlib.sha256(image.file.name.encode()).hexdigest()[:16]
    lock = f"images:renditions-queued:{image.pk}:{digest}"
    return enqueue_once(lock, make_renditions, within=QUEUE_AGAIN_AFTER, image_id=image.pk)


def largest_shareable(image: Image, spec: str) -> Rendition | None:
    """The largest rendition of one crop in the original's format (JPEG or PNG, never
    WebP, which not every social network reads), for cards and pins; None before the
    renditions exist (they are then queued). Query-free when the renditions are
    prefetched."""
    renditions = renditions_to_show(image, spec)
    chosen = [r for r in renditions if r.format != Rendition.Format.WEBP] or renditions
    return chosen[-1] if chosen else None
