"""Background work after an import: the renditions of the imported images."""

from __future__ import annotations

import logging

from django_tasks import task
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from manchette.images.models import Image
from manchette.images.renditions import generate_renditions

logger = logging.getLogger(__name__)


@task()
def make_renditions(image_ids: list[int]) -> int:
    """Make the renditions of these images, as saving each in the desk would; an image
    whose file cannot be read keeps its original only. Returns how many were written."""
    written = 0
    for image in Image.objects.filter(pk__in=image_ids):
        try:
            written += generate_renditions(image)
        except (OSError, UnidentifiedImageError, PILImage.DecompressionBombError, ValueError):
            logger.exception("Could not make the renditions of image %s.", image.pk)
    return written
