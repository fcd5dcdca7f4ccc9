"""Tests of the checks every image file passes: decoded, bounded, renamed, location removed."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as PILImage

from manchette.images.models import Image
from manchette.images.renditions import generate_renditions

from .conftest import make_image, picture_bytes
from .test_renditions import jpeg_with_gps

pytestmark = pytest.mark.django_db

SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


def upload(client, file: SimpleUploadedFile, **fields):
    return client.post(
        reverse("admin:images_image_add"),
        {
            "file": file,
            "alt_text": "Le préfet sur le quai",
            "caption": "Arrivée du préfet.",
            "credit": "Photo : Rédaction",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "renditions-TOTAL_FORMS": "0",
            "renditions-INITIAL_FORMS": "0",
            **fields,
        },
    )


def file_errors(response) -> str:
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.errors.get("file", []))


def stored(image: Image) -> bytes:
    with default_storage.open(image.file.name, "rb") as handle:
        return handle.read()


def pixels(content: bytes) -> bytes:
    with PILImage.open(io.BytesIO(content)) as picture:
        return picture.tobytes()


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes whose header claims width × height pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def animation(
    fmt: str, frames: int = 4, size: tuple[int, int] = (64, 48), noise: bool = False
) -> bytes:
    """An animation whose frames all differ, as Pillow writes it (noise makes each frame's
    data a few kilobytes)."""
    pictures = [
        PILImage.effect_noise(size, 40 + i).convert("RGB")
        if noise
        else PILImage.new("RGB", size, (i * 37 % 256, i // 7 % 256, 120))
        for i in range(frames)
    ]
    buffer = io.BytesIO()
    pictures[0].save(buffer, fmt, save_all=True, append_images=pictures[1:], duration=80, loop=0)
    return buffer.getvalue()


def test_a_desk_upload_keeps_no_position_and_stays_upright(editor_client):
    # Stored 1200×800 on its side (orientation 6): shown 800 wide, 1200 high.
    original = jpeg_with_gps(1200, 800, orientation=6)
    response = upload(editor_client, SimpleUploadedFile("quai.jpg", original, "image/jpeg"))
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    content = stored(image)
    with PILImage.open(io.BytesIO(content)) as picture:
        exif = picture.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert exif[ExifTags.Base.Orientation] == 6
        assert "xmp" not in picture.info
    assert b"GPSLatitude" not in content
    assert (image.width, image.height) == (800, 1200)
    # The position went, not the picture: the photo was not encoded again.
    assert pixels(content) == pixels(original)


def test_an_svg_is_refused_and_the_reason_given(editor_client):
    response = upload(editor_client, SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"))
    assert "Les images SVG sont refusées" in file_errors(response)
    assert "scripts" in file_errors(response)
    assert not Image.objects.exists()
    # What the editor typed is still in the form.
    html = response.content.decode()
    assert "Le préfet sur le quai" in html and "Photo : Rédaction" in html


def test_text_named_jpg_is_refused(editor_client):
    fake = SimpleUploadedFile("photo.jpg", b"Ceci n'est pas une photo.\n" * 20, "image/jpeg")
    response = upload(editor_client, fake)
    assert "Ce fichier n’est pas une image lisible" in file_errors(response)
    assert not Image.objects.exists()


def test_a_truncated_photo_is_refused(editor_client):
    whole = picture_bytes(800, 600)
    response = upload(editor_client, SimpleUploadedFile("coupee.jpg", whole[: len(whole) // 2]))
    assert "tronqué ou endommagé" in file_errors(response)


def test_a_decompression_bomb_is_refused_without_an_error_page(editor_client):
    bomb = png_declaring(30_000, 30_000)
    assert len(bomb) < 1000
    response = upload(editor_client, SimpleUploadedFile("bombe.png", bomb, "image/png"))
    assert "Cette image est trop grande" in file_errors(response)
    assert not Image.objects.exists()


@override_settings(IMAGE_MAX_PIXELS=1_200_000)
def test_more_pixels_than_the_setting_allows_are_refused(editor_client):
    response = upload(editor_client, SimpleUploadedFile("large.jpg", picture_bytes(1500, 1000)))
    assert "elle dépasse 1,2 millions de pixels" in file_errors(response)


@pytest.mark.parametrize(
    ("name", "fmt"), [("danse.gif", "GIF"), ("danse.webp", "WEBP"), ("danse.png", "PNG")]
)
def test_an_animation_is_kept_whole_and_still_moves(editor_client, name, fmt):
    original = animation(fmt, frames=6)
    response = upload(editor_client, SimpleUploadedFile(name, original))
    assert response.status_code == 302, response.content.decode()[:2000]
    content = stored(Image.objects.get())
    # Not encoded again: the file the readers get is the one the desk sent.
    assert content == original
    with PILImage.open(io.BytesIO(content)) as picture:
        assert picture.n_frames == 6


def test_an_animation_cut_off_in_its_last_frame_is_refused(editor_client):
    whole = animation("GIF", noise=True)
    # The first frames are whole; the last loses its end.
    cut = SimpleUploadedFile("coupee.gif", whole[:-200], "image/gif")
    response = upload(editor_client, cut)
    assert "tronqué ou endommagé" in file_errors(response)
    assert not Image.objects.exists()
    html = response.content.decode()
    assert "Le préfet sur le quai" in html and "Photo : Rédaction" in html


def test_an_animation_with_a_garbled_frame_is_refused(editor_client):
    whole = animation("GIF")
    # The last frame's picture data overwritten, the file's structure kept: only decoding
    # that frame shows the damage. Its descriptor, its palette, then the LZW code size.
    descriptor = whole.rindex(b"\x2c\x00\x00\x00\x00")
    flags = whole[descriptor + 9]
    block = descriptor + 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
    length = whole[block]
    garbled = whole[: block + 1] + b"\xff" * length + whole[block + 1 + length :]
    response = upload(editor_client, SimpleUploadedFile("brouillee.gif", garbled, "image/gif"))
    assert "tronqué ou endommagé" in file_errors(response)
    assert not Image.objects.exists()


@override_settings(IMAGE_MAX_ANIMATION_PIXELS=1_500_000)
def test_an_animation_over_the_total_pixels_is_refused(editor_client):
    # 120,000 pixels a frame, well within IMAGE_MAX_PIXELS; 14 frames make 1.68 million.
    long = SimpleUploadedFile("longue.gif", animation("GIF", frames=14, size=(400, 300)))
    response = upload(editor_client, long)
    assert "ses images cumulent plus de 1,5 millions de pixels" in file_errors(response)
    assert not Image.objects.exists()


def test_an_animation_of_too_many_frames_is_refused(editor_client):
    # Tiny frames add up to few pixels, but each costs a decoding of its own.
    endless = SimpleUploadedFile("sans-fin.gif", animation("GIF", frames=3001, size=(1, 1)))
    response = upload(editor_client, endless)
    assert "Cette animation compte plus de 3\u202f000 images" in file_errors(response)
    assert not Image.objects.exists()


@override_settings(IMAGE_MAX_BYTES=20_000)
def test_a_too_heavy_file_is_refused(editor_client):
    heavy = picture_bytes(1600, 1067, quality=100)
    assert len(heavy) > 20_000
    response = upload(editor_client, SimpleUploadedFile("lourde.jpg", heavy, "image/jpeg"))
    assert "la limite est de 19,5" in file_errors(response)
    assert not Image.objects.exists()


def test_file_names_are_normalised(editor_client):
    photo = SimpleUploadedFile("Photo d’Été 2024 (1).JPG", picture_bytes(800, 600))
    assert upload(editor_client, photo).status_code == 302
    assert Image.objects.get().file.name.rsplit("/", 1)[1] == "photo-dete-2024-1.jpg"


def test_the_extension_follows_the_content_not_the_name(editor_client):
    png = SimpleUploadedFile("../../schéma.jpg", picture_bytes(800, 600, "PNG"))
    assert upload(editor_client, png).status_code == 302
    name = Image.objects.get().file.name
    assert name.startswith("images/") and name.endswith("/schema.png")


def test_an_image_saved_through_the_model_loses_its_position():
    image = make_image(jpeg_with_gps(), name="import.jpg")
    content = stored(image)
    with PILImage.open(io.BytesIO(content)) as picture:
        assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert picture.getexif()[ExifTags.Base.Make] == "Appareil"
    assert b"GPSLatitude" not in content
    # Already stored under that name (importers' bodies may link to it): the name stays.
    assert image.file.name.endswith("/import.jpg")


def test_an_image_written_in_bulk_loses_its_position_with_its_renditions():
    name = default_storage.save("wordpress/2019/05/plage.jpg", ContentFile(jpeg_with_gps()))
    [image] = Image.objects.bulk_create([Image(file=name, alt_text="La plage")])
    generate_renditions(image)
    assert image.file.name == name
    with PILImage.open(io.BytesIO(stored(image))) as picture:
        assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_the_model_refuses_an_svg():
    image = Image(alt_text="Un logo", file=ContentFile(SVG, name="logo.svg"))
    with pytest.raises(ValidationError, match="SVG"):
        image.save()
    assert not Image.objects.exists()
