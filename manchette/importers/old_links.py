"""Answers the old WordPress addresses of imported items with a 301 to their new address."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import OldLink

# WordPress's own query addresses on the front page ("/?p=12"), most specific first.
QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author", "m")

# Feed suffixes of a WordPress address ("/category/a/feed/"), and whether each is Atom.
_FEED_SUFFIX = re.compile(r"^(?P<base>.*/)feed/(?:(?P<kind>rss2|rss|rdf|atom)/)?$")
# WordPress's resized copies of an upload ("x-300x200.jpg" made from "x.jpg").
_RESIZED_UPLOAD = re.compile(r"^(?P<stem>/wp-content/uploads/.+)-\d+x\d+(?P<ext>\.\w+)$")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-F]{2}")


class OldLinksMiddleware:
    """Sits last in MIDDLEWARE, so the site answers first: only a 404 (or the front page
    asked with WordPress's query parameters) costs a query, never a normal page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info == "/" and request.GET:
            destination = front_page_destination(request)
            if destination:
                return HttpResponsePermanentRedirect(destination)
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        destination = old_path_destination(request)
        return HttpResponsePermanentRedirect(destination) if destination else response


def front_page_destination(request: HttpRequest) -> str | None:
    """Where "/?p=12", "/?cat=3"… now live; "/?s=…" is a search."""
    found = [(key, request.GET[key]) for key in QUERY_KEYS if request.GET.get(key)]
    if found:
        key, value = found[0]
        return _first_destination(
            [
                _Candidate(f"/?{request.META.get('QUERY_STRING', '')}"),
                _Candidate(f"/?{urlencode({key: value})}"),
            ]
        )
    if terms := request.GET.get("s", "").strip():
        return f"{reverse('search:results')}?{urlencode({'q': terms})}"
    return None


def old_path_destination(request: HttpRequest) -> str | None:
    """Where the old address of a page this site does not have now lives, or None."""
    path = request.path_info
    candidates = [_Candidate(key) for key in path_keys(path, request.META.get("QUERY_STRING", ""))]
    if match := _FEED_SUFFIX.match(path):
        atom = match["kind"] == "atom"
        candidates += [
            _Candidate(key, lambda target, atom=atom: feed_of(target, atom=atom))
            for key in path_keys(match["base"])
        ]
        if match["base"] == "/":
            candidates.append(_Candidate("", fixed=_site_feed(atom)))
        elif match["base"] == "/comments/":
            candidates.append(_Candidate("", fixed=reverse("comments:feed")))
    if match := _RESIZED_UPLOAD.match(path):
        candidates += [_Candidate(key) for key in path_keys(match["stem"] + match["ext"])]
    destination = _first_destination(candidates)
    # A link to the very address that answered 404 would only loop.
    return destination if destination not in (path, request.get_full_path()) else None


def path_keys(path: str, query: str = "") -> list[str]:
    """The forms under which an old address may have been stored: as read (decoded) or
    percent-encoded (WordPress writes lower-case escapes), with or without the trailing
    slash, with the query string first when there is one."""
    decoded = unquote(path)
    encoded = quote(decoded, safe="/:@!$&'()*+,;=-._~")
    forms = dict.fromkeys([path, decoded, encoded, _lower_escapes(encoded)])
    bases: list[str] = []
    for form in forms:
        bases.append(form)
        bases.append(form[:-1] if form.endswith("/") and form != "/" else form + "/")
    keys = []
    if query:
        keys += [f"{base}?{q}" for q in dict.fromkeys([query, unquote(query)]) for base in bases]
    keys += bases
    return list(dict.fromkeys(keys))


def destination_of(link: OldLink) -> str | None:
    """The new address of an old link, or None when what it led to is gone or not public.
    Only addresses of this site: a path, or a file under MEDIA_URL."""
    if link.url:
        return link.url if is_safe_destination(link.url) else None
    target = link.target
    if target is None or not getattr(target, "is_public", True):
        return None
    if hasattr(target, "get_absolute_url"):
        url = target.get_absolute_url()
    elif getattr(target, "file", None):
        url = target.file.url  # an imported image or attachment
    else:
        return None
    return url if is_safe_destination(url) else None


def is_safe_destination(url: str) -> bool:
    if settings.MEDIA_URL.startswith(("http://", "https://")) and url.startswith(
        settings.MEDIA_URL
    ):
        return True  # media on another host (a bucket, a CDN) is still this site's
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def feed_of(target: object, *, atom: bool = False) -> str | None:
    """The feed of a category, topic or author, or the comments feed of an article, as
    WordPress offered "<address>/feed/" for each."""
    from manchette.articles.models import Article, Author, Category, Tag

    suffix = "-atom" if atom else ""
    try:
        if isinstance(target, Category):
            return reverse(f"syndication:category-feed{suffix}", args=[target.slug])
        if isinstance(target, Tag):
            return reverse(f"syndication:tag-feed{suffix}", args=[target.slug])
        if isinstance(target, Author):
            return reverse(f"syndication:author-feed{suffix}", args=[target.slug])
        if isinstance(target, Article) and target.is_public:
            return reverse("comments:article-feed", args=[target.pk])
    except NoReverseMatch:  # a slug the feed addresses refuse
        return None
    return None


@dataclass(frozen=True)
class _Candidate:
    key: str  # an OldLink path to look for ("" for a fixed address)
    via_target: Callable[[object], str | None] | None = None
    fixed: str | None = None


def _first_destination(candidates: list[_Candidate]) -> str | None:
    """The destination of the first candidate that leads somewhere, in one query."""
    keys = [c.key for c in candidates if c.key]
    links = {link.path: link for link in OldLink.objects.filter(path__in=keys)} if keys else {}
    for candidate in candidates:
        if candidate.fixed is not None:
            return candidate.fixed
        link = links.get(candidate.key)
        if link is None:
            continue
        if candidate.via_target is None:
            destination = destination_of(link)
        elif link.target is not None:
            destination = candidate.via_target(link.target)
        else:
            destination = None
        if destination:
            return destination
    return None


def _site_feed(atom: bool) -> str:
    return reverse("syndication:feed-atom" if atom else "syndication:feed")


def _lower_escapes(encoded: str) -> str:
    return _PERCENT_ESCAPE.sub(lambda m: m.group().lower(), encoded)
