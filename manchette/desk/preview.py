"""Private preview links for unpublished articles, signed so they need no login."""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse

PREVIEW_SALT = "manchette.desk.preview"
PREVIEW_MAX_AGE = 30 * 24 * 3600


def make_preview_token(article) -> str:
    return signing.dumps(article.pk, salt=PREVIEW_SALT, compress=True)


def preview(request: HttpRequest, token: str) -> HttpResponse:
    from manchette.articles.queries import article_page_queryset
    from manchette.articles.views import render_article

    try:
        pk = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    item = article_page_queryset().filter(pk=pk).first()
    if item is None:
        raise Http404
    response = render_article(request, item, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
