"""Tests of the renditions made when an image is saved."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import ExifTags
from PIL import Image as PILImage

from manchette.images.crops import CROPS
from manchette.images.models import Image, Rendition
from manchette.images.renditions import generate_renditions

from .conftest import make_image, picture_bytes

pytestmark = pytest.mark.django_db

GPS_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="48,51.4N" exif:GPSLongitude="2,21.1E"/></rdf:RDF></x:xmpmeta>'
)


def jpeg_with_gps(width: int = 1600, height: int = 1067, orientation: int | None = None) -> bytes:
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Appareil"
    exif[ExifTags.Base.Model] = "Modèle 1"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (2.0, 21.0, 7.0),
    }
    content = picture_bytes(width, height, exif=exif.tobytes(), xmp=GPS_XMP, comment=b"secret")
    # The source really carries the position, or the test below would prove nothing.
    with PILImage.open(io.BytesIO(content)) as source:
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return content


def opened(rendition: Rendition) -> PILImage.Image:
    with default_storage.open(rendition.file.name, "rb") as handle:
        picture = PILImage.open(io.BytesIO(handle.read()))
        picture.load()
    return picture


def expected_keys(width: int, height: int, fallback: str = "jpeg") -> set[tuple[str, int, str]]:
    from manchette.images.crops import focal_crop_box, widths_for

    keys = set()
    for crop in CROPS.values():
        left, _, right, _ = focal_crop_box(width, height, crop.ratio, 0.5, 0.5)
        for w in widths_for(crop, right - left):
            keys |= {(crop.name, w, "webp"), (crop.name, w, fallback)}
    return keys


def test_dimensions_are_read_on_save():
    image = make_image(picture_bytes(1600, 1067))
    assert (image.width, image.height) == (1600, 1067)
    assert str(image) == "Une photo"


def test_every_crop_in_webp_and_jpeg_at_the_right_sizes():
    image = make_image(jpeg_with_gps())
    renditions = list(image.renditions.all())
    assert {(r.spec, r.width, r.format) for r in renditions} == expected_keys(1600, 1067)
    # The lead crop in all four widths, the social card at 1200, Pinterest at its own width.
    assert sorted(r.width for r in renditions if r.spec == "lead" and r.format == "webp") == [
        480,
        800,
        1200,
        1600,
    ]
    assert [r.width for r in renditions if r.spec == "pinterest" and r.format == "jpeg"] == [711]
    for rendition in renditions:
        crop = CROPS[rendition.spec]
        picture = opened(rendition)
        assert picture.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert picture.size == (rendition.width, rendition.height)
        assert abs(rendition.width / rendition.height - crop.ratio) < 0.01
        assert rendition.file.name.startswith(f"renditions/{image.pk}/")


def test_the_social_card_is_1200_by_628():
    image = make_image(picture_bytes(2000, 1500))
    card = image.renditions.get(spec="social", format="jpeg")
    assert (card.width, card.height) == (1200, 628)


def test_no_metadata_reaches_the_renditions():
    image = make_image(jpeg_with_gps())
    assert image.renditions.count() > 0
    for rendition in image.renditions.all():
        with default_storage.open(rendition.file.name, "rb") as handle:
            raw = handle.read()
        picture = PILImage.open(io.BytesIO(raw))
        assert not picture.getexif()
        assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(picture.info)
        for marker in (b"Exif", b"GPS", b"Appareil", b"secret", b"xmpmeta"):
            assert marker not in raw


def test_small_pictures_are_never_upscaled():
    image = make_image(picture_bytes(600, 400))
    lead = sorted(r.width for r in image.renditions.filter(spec="lead", format="jpeg"))
    assert lead == [480]
    # No width of "social" fits: one rendition at the crop's own width.
    social = image.renditions.get(spec="social", format="webp")
    assert (social.width, social.height) == (600, 314)


def test_png_sources_keep_png_and_transparency():
    image = make_image(
        picture_bytes(1000, 1000, "PNG", mode="RGBA", colour=(0, 128, 255, 0)), name="logo.png"
    )
    formats = {r.format for r in image.renditions.all()}
    assert formats == {"webp", "png"}
    for rendition in image.renditions.filter(spec="portrait"):
        picture = opened(rendition)
        assert picture.mode == "RGBA"
        assert picture.getpixel((10, 10))[3] == 0


def test_transparent_webp_sources_become_jpeg_on_white():
    content = picture_bytes(900, 600, "WEBP", mode="RGBA", colour=(0, 0, 0, 0), lossless=True)
    image = make_image(content, name="trou.webp")
    thumb = image.renditions.get(spec="thumb", width=480, format="jpeg")
    assert opened(thumb).getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=2)


def test_cmyk_and_greyscale_sources():
    cmyk = make_image(picture_bytes(800, 600, mode="CMYK", colour=(0, 255, 255, 0)))
    grey = make_image(picture_bytes(800, 600, mode="L", colour=128), name="gris.jpg")
    for image in (cmyk, grey):
        rendition = image.renditions.get(spec="thumb", width=320, format="jpeg")
        assert opened(rendition).mode == "RGB"
    red = opened(cmyk.renditions.get(spec="thumb", width=320, format="jpeg")).getpixel((5, 5))
    assert red[0] > 200 and red[1] < 60


def test_exif_orientation_is_applied():
    # Stored 1600×1067 on its side: shown (and cropped) as 1067×1600.
    image = make_image(jpeg_with_gps(1600, 1067, orientation=6))
    assert (image.width, image.height) == (1067, 1600)
    pinterest = image.renditions.get(spec="pinterest", format="jpeg")
    assert (pinterest.width, pinterest.height) == (1000, 1500)


def test_nothing_is_remade_when_nothing_changed():
    image = make_image()
    before = {r.pk: (r.file.name, r.signature) for r in image.renditions.all()}
    assert generate_renditions(image) == 0
    image.caption = "Une légende"
    image.save()
    after = {r.pk: (r.file.name, r.signature) for r in image.renditions.all()}
    assert after == before


def test_a_new_focal_point_remakes_the_crops_it_moves(django_capture_on_commit_callbacks):
    image = make_image(picture_bytes(2400, 1000))
    before = {(r.spec, r.width, r.format): r.file.name for r in image.renditions.all()}

    image.focal_x = 0.9
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    after = {(r.spec, r.width, r.format): r.file.name for r in image.renditions.all()}
    assert after.keys() == before.keys()
    changed = {key[0] for key in after if after[key] != before[key]}
    # Every crop narrower than 2.4:1 slides right; each new file replaces the old one.
    assert changed == set(CROPS)
    for name in before.values():
        assert not default_storage.exists(name)
    for name in after.values():
        assert default_storage.exists(name)
    assert generate_renditions(image) == 0


def test_a_missing_file_is_made_again():
    image = make_image()
    rendition = image.renditions.get(spec="thumb", width=320, format="webp")
    default_storage.delete(rendition.file.name)
    assert generate_renditions(image) == 1
    rendition.refresh_from_db()
    assert default_storage.exists(rendition.file.name)


def test_a_new_file_remakes_everything_and_drops_stale_sizes(django_capture_on_commit_callbacks):
    image = make_image(picture_bytes(1600, 1067))
    count = image.renditions.count()
    image.file.save("petite.jpg", ContentFile(picture_bytes(500, 500)), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert (image.width, image.height) == (500, 500)
    keys = {(r.spec, r.width, r.format) for r in image.renditions.all()}
    assert keys == expected_keys(500, 500)
    assert len(keys) < count


def test_deleting_an_image_deletes_its_files(django_capture_on_commit_callbacks):
    image = make_image()
    names = [image.file.name] + [r.file.name for r in image.renditions.all()]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not Rendition.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_an_unreadable_file_is_logged_not_raised(caplog):
    image = make_image()
    default_storage.delete(image.file.name)
    Image.objects.filter(pk=image.pk).update(focal_x=0.1)
    image.refresh_from_db()
    image.focal_x = 0.2
    image.save()
    assert "Could not make the renditions" in caplog.text
