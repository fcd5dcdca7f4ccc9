"""Who may replace or delete an image: journalists their own images that nothing published
shows, editors any image; the newsroom's journal names every replaced file."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from manchette.articles.models import Article
from manchette.articles.tests.builders import make_article
from manchette.images.models import Image

from .conftest import make_image, picture_bytes

pytestmark = pytest.mark.django_db

# The desk's role names (desk/roles.py), as the groups are called in the database.
AUTHOR, EDITOR = "Auteur", "Éditeur"


def member(role: str, username: str):
    user = get_user_model().objects.create_user(username=username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def change_url(image: Image) -> str:
    return reverse("admin:images_image_change", args=[image.pk])


def replace_file(client, image: Image, colour=(20, 120, 200)):
    """Post the image's change form with a new picture, its other fields kept."""
    upload = SimpleUploadedFile(
        "remplacante.jpg", picture_bytes(900, 600, colour=colour), content_type="image/jpeg"
    )
    count = image.renditions.count()
    return client.post(
        change_url(image),
        {
            "file": upload,
            "alt_text": image.alt_text,
            "caption": image.caption,
            "credit": image.credit,
            "focal_x": "0.5",
            "focal_y": "0.5",
            "renditions-TOTAL_FORMS": str(count),
            "renditions-INITIAL_FORMS": str(count),
        },
    )


@pytest.fixture
def colleague():
    return member(AUTHOR, "colleague")


@pytest.fixture
def journalist(client):
    user = member(AUTHOR, "journaliste")
    client.force_login(user)
    return user


def test_a_journalist_cannot_replace_the_photo_of_a_colleagues_published_story(
    client, journalist, colleague
):
    photo = make_image(alt_text="Le maire à la tribune", uploaded_by=colleague)
    make_article(title="Le conseil municipal", lead_image=photo)
    stored = photo.file.name

    response = replace_file(client, photo)

    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.file.name == stored
    # Still shown to them, read-only: no file field to send.
    page = client.get(change_url(photo))
    assert page.status_code == 200
    assert 'name="file"' not in page.content.decode()


def test_a_journalist_cannot_replace_an_unused_image_of_a_colleague(client, journalist, colleague):
    photo = make_image(uploaded_by=colleague)
    assert replace_file(client, photo).status_code == 403


def test_a_journalist_cannot_replace_their_own_image_once_a_story_shows_it(client, journalist):
    photo = make_image(uploaded_by=journalist)
    make_article(title="Déjà en ligne", lead_image=photo)
    assert replace_file(client, photo).status_code == 403
    scheduled = make_image(uploaded_by=journalist)
    make_article(title="Demain", lead_image=scheduled, status=Article.Status.SCHEDULED)
    assert replace_file(client, scheduled).status_code == 403


def test_a_journalist_replaces_their_own_unused_image_and_the_journal_says_so(client, journalist):
    photo = make_image(uploaded_by=journalist)
    make_article(title="Un brouillon", lead_image=photo, status=Article.Status.DRAFT)
    previous = photo.file.name

    response = replace_file(client, photo)

    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert photo.file.name != previous
    entry = LogEntry.objects.get(object_id=str(photo.pk), action_flag=CHANGE)
    assert entry.user == journalist
    assert entry.get_change_message() == (
        f"Fichier de l’image remplacé : « {previous} » devient « {photo.file.name} »."
    )


def test_an_editor_replaces_the_photo_of_a_published_story_and_the_journal_names_them(client):
    photo = make_image(alt_text="Le port au petit matin", uploaded_by=member(AUTHOR, "autrice"))
    make_article(title="Le port", lead_image=photo)
    editor = member(EDITOR, "claire")
    client.force_login(editor)
    previous = photo.file.name

    response = replace_file(client, photo)

    assert response.status_code == 302, response.content.decode()[:2000]
    photo.refresh_from_db()
    assert photo.file.name != previous
    journal = client.get(reverse("admin:admin_logentry_changelist")).content.decode()
    assert "claire" in journal and "Le port au petit matin" in journal
    assert f"« {previous} » devient « {photo.file.name} »" in journal


def test_an_upload_belongs_to_whoever_sent_it(client, journalist):
    upload = SimpleUploadedFile("quai.jpg", picture_bytes(600, 400), content_type="image/jpeg")
    response = client.post(
        reverse("admin:images_image_add"),
        {
            "file": upload,
            "alt_text": "Le quai",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "renditions-TOTAL_FORMS": "0",
            "renditions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Image.objects.get().uploaded_by == journalist


def test_a_journalist_may_not_delete_an_image_a_published_story_shows(client, journalist):
    # Authors cannot delete images at all; a newsroom may grant it, never for live photos.
    journalist.user_permissions.add(Permission.objects.get(codename="delete_image"))
    shown = make_image(uploaded_by=journalist)
    make_article(title="En ligne", lead_image=shown)
    unused = make_image(uploaded_by=journalist)

    url = reverse("admin:images_image_delete", args=[shown.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Image.objects.filter(pk=shown.pk).exists()
    url = reverse("admin:images_image_delete", args=[unused.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Image.objects.filter(pk=unused.pk).exists()
