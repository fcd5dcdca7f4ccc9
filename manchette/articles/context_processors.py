"""Values every public template needs: the site's name and its navigation."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .navigation import navigation


def site(request: HttpRequest) -> dict:
    # Read from the cache once per rendering, and only by a template that shows it.
    return {"site_name": settings.SITE_NAME, "navigation": SimpleLazyObject(navigation)}
