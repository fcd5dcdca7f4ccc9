"""Files of a WordPress export that would run in a browser are not copied into the media."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image as PILImage

from manchette.articles.models import Article

from .small_wxr import UPLOADS, attachment, export, post

pytestmark = pytest.mark.django_db

FILES = {
    "photo.jpg": None,  # made below
    "rapport.pdf": b"%PDF-1.7\n% rapport annuel\n",
    "podcast.mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00 audio",
    "reportage.mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00 video",
    "page.html": b"<!doctype html><script>fetch('/bureau/')</script>",
    "logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    "suivi.js": b"document.cookie",
    "faux.pdf": b"<html><script>alert(1)</script></html>",
}


@pytest.fixture
def site(tmp_path):
    uploads = tmp_path / "uploads" / "2024" / "03"
    uploads.mkdir(parents=True)
    for name, content in FILES.items():
        if content is None:
            PILImage.new("RGB", (20, 10), (200, 30, 30)).save(uploads / name, "JPEG")
        else:
            (uploads / name).write_bytes(content)
    items = [attachment(100 + n, f"2024/03/{name}") for n, name in enumerate(FILES)]
    body = f'<p><a href="{UPLOADS}/2024/03/page.html">La page</a></p>'
    return export(tmp_path / "export.xml", *items, post(1, body)), tmp_path / "uploads"


def run(path, uploads, *args: str) -> str:
    out = io.StringIO()
    call_command("import_wordpress", str(path), "--media-dir", str(uploads), *args, stdout=out)
    return out.getvalue()


def test_only_images_pdf_sound_and_video_are_copied_the_rest_is_reported(site):
    output = run(*site)

    kept = {"photo.jpg", "rapport.pdf", "podcast.mp3", "reportage.mp4"}
    for name in FILES:
        assert default_storage.exists(f"wordpress/2024/03/{name}") == (name in kept), name
    assert "Fichiers refusés, non copiés (leur adresse reste celle de WordPress) (4) :" in output
    assert (
        "2024/03/page.html : type de fichier non accepté (.html) : seuls les images, PDF, sons "
        "et vidéos sont copiés (pour wp:attachment:104, wp:post:1)"
    ) in output
    assert "2024/03/logo.svg : type de fichier non accepté (.svg)" in output
    assert "2024/03/suivi.js : type de fichier non accepté (.js)" in output
    assert (
        "2024/03/faux.pdf : le contenu du fichier n’est pas celui d’un fichier .pdf "
        "(pour wp:attachment:107)"
    ) in output
    # The body keeps the old address: nothing under /media/ serves the page.
    body = Article.objects.get(import_ref="wp:post:1").body
    assert f"{UPLOADS}/2024/03/page.html" in body and "/media/" not in body


def test_a_dry_run_reports_the_refused_files_too(site):
    output = run(*site, "--dry-run")

    assert "2024/03/page.html : type de fichier non accepté (.html)" in output
    assert "2024/03/faux.pdf : le contenu du fichier n’est pas celui d’un fichier .pdf" in output
    assert not default_storage.exists("wordpress/2024/03/rapport.pdf")
