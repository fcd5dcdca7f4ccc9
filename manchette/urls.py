"""Root addresses: the desk, media, then the public site (which owns every other path)."""

from django.conf import settings
from django.urls import include, path, re_path

from manchette.health import health
from manchette.media_files import serve_media

urlpatterns = [
    path(f"{settings.DESK_PATH}/", include("manchette.desk.urls")),
    # For load balancers: SECURE_REDIRECT_EXEMPT in settings.py names it too.
    path("sante/", health, name="health"),
    path("commentaires/", include("manchette.comments.urls")),
    path("recherche/", include("manchette.search.urls")),
    path("", include("manchette.syndication.urls")),
]
if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", serve_media))
urlpatterns.append(path("", include("manchette.articles.urls")))
