"""Values every public template needs: the site's name and its navigation."""

from django.conf import settings
from django.http import HttpRequest

from .navigation import navigation


def site(request: HttpRequest) -> dict:
    return {"site_name": settings.SITE_NAME, "navigation": navigation}
