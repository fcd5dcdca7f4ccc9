"""Background work of the images: renditions a reader's page found missing."""

from __future__ import annotations

import logging

from django_tasks import task
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from . import renditions
from .models import Image

logger = logging.getLogger(__name__)


@task()
def make_renditions(image_id: int) -> int:
    """Make the missing or stale renditions of one image, in the task worker: a page that
    found them missing showed what existed (or the original) and queued this. Returns how
    many were written; an image deleted meanwhile, or unreadable, has none made."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        # Through the module, so a test can replace the generation everywhere at once.
        return renditions.generate_renditions(image)
    except (OSError, UnidentifiedImageError, PILImage.DecompressionBombError, ValueError):
        logger.exception("Could not make the renditions of image %s.", image_id)
        return 0
