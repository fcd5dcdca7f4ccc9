"""Files under /media/ served by the app are inert: sandboxed, never sniffed, and any
type a browser would run is sent as a download."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

pytestmark = pytest.mark.django_db


def fetch(client, name: str, content: bytes):
    saved = default_storage.save(name, ContentFile(content))
    response = client.get(f"/media/{saved}")
    response.close()
    return response


def test_an_html_file_in_the_media_is_sandboxed_and_downloaded(client):
    response = fetch(client, "wordpress/page.html", b"<script>fetch('/bureau/')</script>")

    assert response.status_code == 200
    assert (
        response["Content-Security-Policy"]
        == "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="page.html"'


def test_an_svg_is_sandboxed_and_downloaded_too(client):
    response = fetch(client, "images/logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")

    assert response["Content-Security-Policy"].endswith("; sandbox")
    assert response["Content-Disposition"].startswith("attachment;")


def test_an_image_is_shown_in_the_browser_in_a_sandbox(client):
    response = fetch(client, "images/photo.jpg", b"\xff\xd8\xff\xe0 jpeg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Security-Policy"].endswith("; sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")


def test_a_pdf_is_shown_without_sandbox_which_would_block_the_pdf_viewer(client):
    response = fetch(client, "wordpress/rapport.pdf", b"%PDF-1.7\n")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")


def test_a_missing_file_is_a_404(client):
    assert client.get("/media/wordpress/absent.html").status_code == 404
