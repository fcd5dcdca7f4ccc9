"""Tests of the image admin and its focal point picker."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from manchette.images.models import Image

from .conftest import make_image, picture_bytes

pytestmark = pytest.mark.django_db


def test_changelist_shows_thumbnails_in_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    for seed in range(4):
        make_image(picture_bytes(800, 600, colour=(seed * 60, 90, 90)), credit=f"Photo {seed}")
    url = reverse("admin:images_image_changelist")
    with django_assert_max_num_queries(12):
        response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="images-thumb"') == 4
    assert "Photo 3" in html
    assert editor_client.get(url, {"q": "Photo 2"}).content.decode().count("images-thumb") == 1


def test_change_form_has_the_focal_point_picker(editor_client):
    image = make_image(picture_bytes(800, 600))
    response = editor_client.get(reverse("admin:images_image_change", args=[image.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-focal-point" in html
    assert f'src="{image.file.url}"' in html
    assert "images/focal_point.js" in html and "images/focal_point.css" in html
    assert 'name="focal_x"' in html and 'step="0.01"' in html
    assert 'data-crop-ratio="1.91"' in html
    # Renditions are listed, not editable.
    assert "renditions-0-spec" not in html
    assert "renditions-TOTAL_FORMS" in html


def test_add_form_sets_focal_point_and_makes_renditions(
    editor_client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("quai.jpg", picture_bytes(1200, 800), content_type="image/jpeg")
    # Renditions are made once the desk's transaction is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:images_image_add"),
            {
                "file": upload,
                "alt_text": "Le quai au petit matin",
                "caption": "",
                "credit": "Rédaction",
                "focal_x": "0.25",
                "focal_y": "0.75",
                "renditions-TOTAL_FORMS": "0",
                "renditions-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.focal_x, image.focal_y, image.width, image.height) == (0.25, 0.75, 1200, 800)
    assert image.renditions.filter(format="webp").exists()


def test_focal_point_is_validated(editor_client):
    image = make_image()
    response = editor_client.post(
        reverse("admin:images_image_change", args=[image.pk]),
        {
            "alt_text": image.alt_text,
            "focal_x": "1.5",
            "focal_y": "0.5",
            "renditions-TOTAL_FORMS": "0",
            "renditions-INITIAL_FORMS": str(image.renditions.count()),
        },
    )
    assert response.status_code == 200
    assert "focal_x" in response.context["adminform"].form.errors


def test_changing_the_focal_point_remakes_renditions(
    editor_client, django_capture_on_commit_callbacks
):
    image = make_image(picture_bytes(2400, 1000))
    count = image.renditions.count()
    before = set(image.renditions.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:images_image_change", args=[image.pk]),
            {
                "alt_text": image.alt_text,
                "focal_x": "0.1",
                "focal_y": "0.5",
                "renditions-TOTAL_FORMS": str(count),
                "renditions-INITIAL_FORMS": str(count),
            },
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.focal_x == 0.1
    assert image.renditions.count() == count
    assert not before & set(image.renditions.values_list("file", flat=True))
