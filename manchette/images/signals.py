"""Makes renditions when an image is saved and removes files when rows are deleted."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from .models import Image, Rendition
from .renditions import generate_renditions

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Image, dispatch_uid="images_generate_renditions")
def make_renditions(sender: type[Image], instance: Image, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the fixture's files may not exist yet
        return
    # Seconds of decoding and encoding: never inside the saver's transaction, which on
    # SQLite holds the write lock of the whole site. Meanwhile pages show the original.
    after_commit(lambda: _make_renditions(instance))


def _make_renditions(image: Image) -> None:
    try:
        generate_renditions(image)
    except (OSError, UnidentifiedImageError, PILImage.DecompressionBombError, ValueError):
        # The image stays usable (pages fall back to the original file); the log says why.
        logger.exception("Could not make the renditions of image %s.", image.pk)


def after_commit(work: Callable[[], None]) -> None:
    """Run `work` once the current transaction is committed, or now outside any. A test
    case's own transaction stands for autocommit here, as it does for Django's durable
    atomic blocks, so tests see what a request sees once its transaction is over."""
    connection = transaction.get_connection()
    if all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks):
        work()
    else:
        transaction.on_commit(work, robust=True)


@receiver(post_delete, sender=Rendition, dispatch_uid="images_delete_rendition_file")
def delete_rendition_file(sender: type[Rendition], instance: Rendition, **kwargs) -> None:
    _delete_on_commit(instance.file)


@receiver(post_delete, sender=Image, dispatch_uid="images_delete_image_file")
def delete_image_file(sender: type[Image], instance: Image, **kwargs) -> None:
    # An importer may have pointed two images at one file: keep it while one still does.
    _delete_on_commit(instance.file, unless_used_by=Image)


def _delete_on_commit(field_file, unless_used_by: type[Image] | None = None) -> None:
    # Only once the deletion is committed, or a rollback would leave rows without files.
    name, storage = field_file.name, field_file.storage
    if not name:
        return

    def delete() -> None:
        if unless_used_by is None or not unless_used_by.objects.filter(file=name).exists():
            storage.delete(name)

    transaction.on_commit(delete)
