"""/robots.txt: the public site open to crawlers, the desk, search and personal pages not."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

# Areas crawlers stay out of, each named by one of its addresses: the editors' desk,
# search results (endless, thin pages), comment posting and the commenters' own data,
# the share redirections and the load balancers' health check.
PRIVATE_AREAS = (
    "admin:index",
    "search:results",
    "comments:my-data",
    "articles:share-mastodon",
    "health",
)


def first_segment(url_name: str) -> str:
    """'/commentaires/mes-donnees/' → '/commentaires/'."""
    return "/" + reverse(url_name).lstrip("/").split("/", 1)[0] + "/"


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "syndication/robots.txt",
        {
            "disallowed": [first_segment(name) for name in PRIVATE_AREAS],
            "sitemap_url": request.build_absolute_uri(reverse("syndication:sitemap-index")),
            "news_sitemap_url": request.build_absolute_uri(reverse("syndication:sitemap-news")),
        },
        content_type="text/plain; charset=utf-8",
    )
