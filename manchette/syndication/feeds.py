"""RSS 2.0 and Atom feeds of published articles: the whole site, a category, a topic, an author."""

from __future__ import annotations

import copy
import datetime
import hashlib
import mimetypes
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape, format_html
from django.utils.http import http_date, quote_etag

from manchette.articles.models import Article, Author, Category, Tag
from manchette.control_chars import ControlCharFreeFeed
from manchette.images.models import Image, Rendition
from manchette.images.renditions import renditions_to_show

FEED_LENGTH = 30
# Readers poll often; a short shared-cache lifetime spares the database without
# holding breaking news back for long, and conditional GET does the rest.
FEED_MAX_AGE = 5 * 60
# Part of every ETag: bump it when the markup of the feeds changes, so that readers
# holding a copy made by older code fetch the new one.
FEED_FORMAT = 1

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"

# Root-relative links and images in a body ("/politique/…", "/media/…") are made
# absolute: a feed reader has no page to resolve them against.
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/(?!/))')


@dataclass(frozen=True)
class FeedImage:
    url: str  # absolute
    width: int
    height: int
    mime_type: str
    length: int = 0


class MediaMixin:
    """Writes what Django's generators leave out, for RSS and Atom alike: every author,
    the full text, and the lead image in Media RSS (media:content, media:thumbnail)."""

    def add_media(self, handler, item: dict) -> None:
        image: FeedImage | None = item["image"]
        if image is not None:
            handler.startElement(
                "media:content",
                {
                    "url": image.url,
                    "type": image.mime_type,
                    "medium": "image",
                    "width": str(image.width),
                    "height": str(image.height),
                    **({"fileSize": str(image.length)} if image.length else {}),
                },
            )
            if item["image_alt"]:
                handler.addQuickElement("media:description", item["image_alt"], {"type": "plain"})
            if item["image_credit"]:
                handler.addQuickElement("media:credit", item["image_credit"])
            handler.endElement("media:content")
        thumbnail: FeedImage | None = item["thumbnail"]
        if thumbnail is not None:
            handler.addQuickElement(
                "media:thumbnail",
                "",
                {
                    "url": thumbnail.url,
                    "width": str(thumbnail.width),
                    "height": str(thumbnail.height),
                },
            )


class ArticleRssFeed(ControlCharFreeFeed, MediaMixin, Rss201rev2Feed):
    def rss_attributes(self) -> dict:
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        handler.addQuickElement("content:encoded", item["content"])
        self.add_media(handler, item)


class ArticleAtomFeed(ControlCharFreeFeed, MediaMixin, Atom1Feed):
    def root_attributes(self) -> dict:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        handler.addQuickElement("content", item["content"], {"type": "html"})
        self.add_media(handler, item)


class ArticleFeed(Feed):
    """What every article feed shares: the latest published articles with their full
    text, French, a fixed number of queries, and conditional GET (ETag and
    Last-Modified from one aggregate query, 304 when the reader's copy is current).

    One instance serves every request of its URL, in several threads: whatever a
    request needs while the feed is written lives on a copy made for that request."""

    language = "fr"
    item_guid_is_permalink = True

    def __init__(self, *, atom: bool = False) -> None:
        self.feed_type = ArticleAtomFeed if atom else ArticleRssFeed

    # What a subclass says.

    def articles(self, obj) -> QuerySet[Article]:
        return Article.objects.published()

    def title(self, obj) -> str:
        return settings.SITE_NAME

    def link(self, obj) -> str:
        return reverse("articles:home")

    def description(self, obj) -> str:
        return f"Les derniers articles de {settings.SITE_NAME}."

    # Shared.

    def subtitle(self, obj) -> str:  # Atom's name for the description
        return self.description(obj)

    def author_name(self, obj) -> str:
        # Atom wants an author for each entry or for the feed; the site answers for all.
        return settings.SITE_NAME

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        obj = self.get_object(request, *args, **kwargs)
        etag, last_modified = self.validators(request, obj)
        response = get_conditional_response(
            request,
            etag=etag,
            last_modified=int(last_modified.timestamp()) if last_modified else None,
        )
        if response is None:
            response = copy.copy(self).render(request, obj)
        response.headers["ETag"] = etag
        if last_modified:
            response.headers["Last-Modified"] = http_date(last_modified.timestamp())
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def validators(self, request: HttpRequest, obj) -> tuple[str, datetime.datetime | None]:
        """(ETag, Last-Modified) of the feed, from one query over the feed's articles.
        The count catches an article leaving the feed; modified_at catches edits."""
        state = self.articles(obj).aggregate(
            count=Count("pk"),
            published=Max("published_at"),
            updated=Max("updated_at"),
            modified=Max("modified_at"),
        )
        dates = [state[key] for key in ("published", "updated", "modified") if state[key]]
        # An update date typed in the future must not make Last-Modified lie.
        last_modified = min(max(dates), timezone.now()) if dates else None
        fingerprint = repr(
            (
                FEED_FORMAT,
                type(self).__name__,
                self.feed_type.__name__,
                request.scheme,
                request.get_host(),
                settings.SITE_NAME,
                getattr(obj, "pk", None),
                str(obj or ""),
                state,
            )
        )
        return quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32]), last_modified

    def render(self, request: HttpRequest, obj) -> HttpResponse:
        self.request = request
        feed = self.get_feed(obj, request)
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response

    def items(self, obj) -> list[Article]:
        items = list(self.articles(obj).for_listing().prefetch_related("tags")[:FEED_LENGTH])
        self.sizes = file_sizes(
            rendition.file
            for item in items
            if (rendition := lead_rendition(item.lead_image, "lead")) is not None
        )
        return items

    def item_title(self, item: Article) -> str:
        # RSS readers take titles for HTML, so Django escapes them; Atom says its titles
        # are text, and an escaped one would show "&amp;".
        return item.title if self.feed_type is ArticleAtomFeed else escape(item.title)

    def item_description(self, item: Article) -> str:
        return escape(item.standfirst)

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        # Atom requires an updated date on every entry.
        return item.updated_at if item.was_updated else item.published_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        image = self.feed_image(item.lead_image, "lead")
        if image is None:
            return []
        return [Enclosure(url=image.url, length=str(image.length), mime_type=image.mime_type)]

    def item_extra_kwargs(self, item: Article) -> dict:
        absolute = self.request.build_absolute_uri
        image = item.lead_image
        return {
            "content": self.item_content(item),
            "authors": [
                (byline.author.name, absolute(byline.author.get_absolute_url()))
                for byline in item.bylines.all()
            ],
            "image": self.feed_image(image, "lead"),
            "thumbnail": self.feed_image(image, "thumb"),
            "image_alt": image.alt_text if image else "",
            "image_credit": image.credit if image else "",
        }

    def item_content(self, item: Article) -> str:
        """The article as a reader sees it: the lead image with its caption, then the body."""
        body = _RELATIVE_URL.sub(
            lambda match: match[1] + self.request.build_absolute_uri(match[2]), item.body_html
        )
        image = self.feed_image(item.lead_image, "lead")
        if image is None:
            return body
        caption = " ".join(filter(None, (item.lead_image.caption, item.lead_image.credit)))
        figure = format_html(
            '<figure><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
            image.url,
            item.lead_image.alt_text,
            image.width,
            image.height,
            format_html("<figcaption>{}</figcaption>", caption) if caption else "",
        )
        return figure + body

    def feed_image(self, image: Image | None, spec: str) -> FeedImage | None:
        """The widest rendition of `spec` in the original's format (JPEG, or PNG for a
        PNG), or the original file while the renditions are not made."""
        if image is None or not image.file:
            return None
        rendition = lead_rendition(image, spec)
        if rendition is not None:
            name, width, height = rendition.file.name, rendition.width, rendition.height
            url = rendition.file.url
        else:
            name, width, height, url = image.file.name, image.width, image.height, image.file.url
        return FeedImage(
            url=self.request.build_absolute_uri(url),
            width=width,
            height=height,
            mime_type=mimetypes.guess_type(name)[0] or "image/jpeg",
            length=getattr(self, "sizes", {}).get(name, 0),
        )


def lead_rendition(image: Image | None, spec: str) -> Rendition | None:
    """Reads the prefetched renditions only: no query. Missing ones are queued for the
    task worker, never made while the feed is written."""
    if image is None or not image.file:
        return None
    fallback = [r for r in renditions_to_show(image, spec) if r.format != Rendition.Format.WEBP]
    return fallback[-1] if fallback else None


def file_sizes(files) -> dict[str, int]:
    """Sizes of stored files by name. A rendition's name changes with its content, so a
    size once read stays true: it is kept in the shared cache, and a feed asks the
    storage (a disk, or a bucket over the network) only for files it has never seen."""
    files = {file.name: file for file in files}
    keys = {f"syndication:size:{name}": name for name in files}
    sizes = {keys[key]: size for key, size in cache.get_many(keys).items()}
    missing = {}
    for name in files.keys() - sizes.keys():
        try:
            missing[name] = files[name].size
        except OSError:
            continue  # a missing file: the enclosure says length 0, as RSS allows
    cache.set_many({f"syndication:size:{name}": size for name, size in missing.items()}, None)
    return sizes | missing


class SiteFeed(ArticleFeed):
    """Every published article."""


class CategoryFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, category: str) -> Category:
        return get_object_or_404(Category, slug=category)

    def articles(self, obj: Category) -> QuerySet[Article]:
        return Article.objects.published().filter(category=obj)

    def title(self, obj: Category) -> str:
        return f"{settings.SITE_NAME} — {obj.name}"

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Category) -> str:
        return obj.description or f"Les derniers articles de la rubrique {obj.name}."


class TagFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def articles(self, obj: Tag) -> QuerySet[Article]:
        return Article.objects.published().filter(tags=obj)

    def title(self, obj: Tag) -> str:
        return f"{settings.SITE_NAME} — {obj.name}"

    def link(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Tag) -> str:
        return obj.description or f"Les derniers articles sur le sujet {obj.name}."


class AuthorFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Author:
        return get_object_or_404(Author, slug=slug)

    def articles(self, obj: Author) -> QuerySet[Article]:
        return Article.objects.published().filter(authors=obj)

    def title(self, obj: Author) -> str:
        return f"{settings.SITE_NAME} — {obj.name}"

    def link(self, obj: Author) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Author) -> str:
        return f"Les derniers articles de {obj.name}."
