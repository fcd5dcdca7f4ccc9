"""Structured data (schema.org JSON-LD) and social cards (Open Graph, X) for page heads.

Built from what the article view already fetched (category, bylines, tags, sources,
corrections, lead image renditions) and from the cached navigation, so it costs no query.

Mapping decisions:

- Article types: analysis is `AnalysisNewsArticle`, opinion `OpinionNewsArticle`;
  investigation and interview are `ReportageNewsArticle`, which schema.org defines as
  firsthand reporting by the newsroom, as both are (an interview is the journalist's own
  questioning, its subject's opinions are not the author's); news and wire copy stay
  `NewsArticle` (a dispatch is the agency's reporting, not ours).
- Policy pages: the principles page is `publishingPrinciples` (on the article and the
  publisher), the corrections page `correctionsPolicy` (an organisation property, so on
  the publisher). The "À propos" page, once the navigation offers it, is the publisher's
  `masthead`: who runs and owns the newsroom. The organisation's `url` stays the front
  page and `sameAs` is left for profiles on other sites, which the site does not record.
- Sources are both `isBasedOn` and `citation` (CreativeWork with name and url): the
  article rests on them and cites them. Corrections are `CorrectionComment`s; the
  "Comment nous avons travaillé" note is `backstory`.
- An article with no byline is credited to the publisher, as Google asks for an author.
- Nothing about commenters goes out but the approved comment count; no e-mail address.
"""

from __future__ import annotations

import json
import mimetypes
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from manchette.articles.models import Article
from manchette.articles.navigation import navigation
from manchette.control_chars import strip_control_chars, without_control_chars
from manchette.images.models import Image, Rendition
from manchette.images.renditions import largest_shareable

from . import logo

SCHEMA = "https://schema.org"
LANGUAGE = "fr-FR"
OG_LOCALE = "fr_FR"
LOGO = "syndication/logo.png"
# The same words as base.html's default meta description, so they share a translation.
SITE_DESCRIPTION = gettext_lazy("L’actualité en continu, vérifiée et sourcée.")

ARTICLE_TYPES = {
    Article.Type.NEWS: "NewsArticle",
    Article.Type.ANALYSIS: "AnalysisNewsArticle",
    Article.Type.OPINION: "OpinionNewsArticle",
    Article.Type.INVESTIGATION: "ReportageNewsArticle",
    Article.Type.INTERVIEW: "ReportageNewsArticle",
    Article.Type.WIRE: "NewsArticle",
}

# Navigation attribute -> schema.org property of the publisher.
POLICY_PAGES = (
    ("principles", "publishingPrinciples"),
    ("corrections", "correctionsPolicy"),
    ("about", "masthead"),
)

_MIME_TYPES = {
    Rendition.Format.JPEG: "image/jpeg",
    Rendition.Format.PNG: "image/png",
    Rendition.Format.WEBP: "image/webp",
}

# As django.utils.html.json_script: nothing in a string can close the <script> element
# or open a comment in it; U+2028/2029 too, for parsers that read it as JavaScript.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    mime_type: str
    alt: str


@dataclass(frozen=True)
class ArticleMeta:
    """What the article page's head says about it to search engines and networks."""

    site_name: str
    title: str
    description: str
    url: str
    image: Picture | None
    published: str
    modified: str
    section: str
    tags: list[str] = field(default_factory=list)
    author_urls: list[str] = field(default_factory=list)
    scripts: list[SafeString] = field(default_factory=list)


@dataclass(frozen=True)
class HomeMeta:
    site_name: str
    title: str
    description: str
    url: str
    scripts: list[SafeString] = field(default_factory=list)


def json_ld(data: dict[str, Any]) -> SafeString:
    """`data` in a <script type="application/ld+json"> that no value can break out of,
    and without control characters, which a text stored before they were refused at
    the door could still hold."""
    text = json.dumps(
        without_control_chars(data),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # Safe: every <, > and & in the text is escaped just above.
    return mark_safe(
        f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )


def article_meta(request: HttpRequest, article: Article, canonical_url: str = "") -> ArticleMeta:
    url = canonical_url or request.build_absolute_uri(article.get_absolute_url())
    social = picture(request, article.lead_image, "social")
    authors = [byline.author for byline in article.bylines.all()]
    author_urls = [request.build_absolute_uri(a.get_absolute_url()) for a in authors]
    tags = [tag.name for tag in article.tags.all()]
    published = _iso(article.published_at)
    modified = _iso(article.updated_at if article.was_updated else article.published_at)
    publisher = organization(request)

    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": ARTICLE_TYPES.get(article.article_type, "NewsArticle"),
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.title,
        "description": article.standfirst,
        "image": _image_objects(request, article.lead_image, social),
        "datePublished": published,
        "dateModified": modified,
        "author": [
            _person(author, author_url)
            for author, author_url in zip(authors, author_urls, strict=True)
        ]
        or [{key: publisher[key] for key in ("@type", "@id", "name", "url")}],
        "publisher": publisher,
        "publishingPrinciples": publisher.get("publishingPrinciples"),
        "articleSection": article.category.name,
        "keywords": tags,
        "inLanguage": LANGUAGE,
        "isAccessibleForFree": True,
        "isBasedOn": _sources(article),
        "citation": _sources(article),
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": _iso(correction.corrected_at),
            }
            for correction in article.corrections.all()
        ],
        "backstory": article.how_we_worked,
        "commentCount": article.comment_count,
    }
    return ArticleMeta(
        site_name=settings.SITE_NAME,
        title=strip_control_chars(article.title),
        description=strip_control_chars(article.standfirst),
        url=url,
        image=social,
        published=published,
        modified=modified,
        section=strip_control_chars(article.category.name),
        tags=without_control_chars(tags),
        author_urls=author_urls,
        scripts=[json_ld(_without_empty(data)), json_ld(breadcrumbs(request, article, url))],
    )


def home_meta(request: HttpRequest) -> HomeMeta:
    home = _home_url(request)
    publisher = organization(request)
    search = request.build_absolute_uri(reverse("search:results"))
    website = {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": f"{home}#site",
        "url": home,
        "name": settings.SITE_NAME,
        "description": str(SITE_DESCRIPTION),
        "inLanguage": LANGUAGE,
        "publisher": {"@id": publisher["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            # Not through urlencode: the braces are the template's placeholder.
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return HomeMeta(
        site_name=settings.SITE_NAME,
        title=settings.SITE_NAME,
        description=str(SITE_DESCRIPTION),
        url=home,
        scripts=[json_ld(website), json_ld({"@context": SCHEMA, **publisher})],
    )


def organization(request: HttpRequest) -> dict[str, Any]:
    """The newsroom as a NewsMediaOrganization, with its logo and its policy pages."""
    home = _home_url(request)
    data: dict[str, Any] = {
        "@type": "NewsMediaOrganization",
        "@id": f"{home}#organisation",
        "name": settings.SITE_NAME,
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO)),
            "width": logo.WIDTH,
            "height": logo.HEIGHT,
        },
    }
    nav = navigation()
    for attribute, prop in POLICY_PAGES:
        if link := getattr(nav, attribute):
            data[prop] = request.build_absolute_uri(link.url)
    return data


def breadcrumbs(request: HttpRequest, article: Article, url: str) -> dict[str, Any]:
    trail = [
        (_("À la une"), _home_url(request)),
        (article.category.name, request.build_absolute_uri(article.category.get_absolute_url())),
        (article.title, url),
    ]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(trail, start=1)
        ],
    }


def picture(request: HttpRequest, image: Image | None, spec: str) -> Picture | None:
    """The largest rendition of `spec` in the original's format (JPEG for photographs,
    never WebP, which not every network reads), or the original until renditions exist.
    Reads only the prefetched `image.renditions.all()`."""
    if image is None or not image.file:
        return None
    if largest := largest_shareable(image, spec):
        return Picture(
            url=request.build_absolute_uri(largest.file.url),
            width=largest.width,
            height=largest.height,
            mime_type=_MIME_TYPES.get(largest.format, "image/jpeg"),
            alt=image.alt_text,
        )
    return Picture(
        url=request.build_absolute_uri(image.file.url),
        width=image.width,
        height=image.height,
        mime_type=mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
        alt=image.alt_text,
    )


def _image_objects(
    request: HttpRequest, image: Image | None, social: Picture | None
) -> list[dict[str, Any]]:
    # The social card (1.91:1) and the lead picture (3:2): Google picks among ratios.
    objects = []
    for candidate in (social, picture(request, image, "lead")):
        if candidate is None or any(o["url"] == candidate.url for o in objects):
            continue
        objects.append(
            _without_empty(
                {
                    "@type": "ImageObject",
                    "url": candidate.url,
                    "width": candidate.width,
                    "height": candidate.height,
                    "caption": image.caption,
                    "creditText": image.credit,
                }
            )
        )
    return objects


def _person(author, url: str) -> dict[str, Any]:
    return _without_empty(
        {"@type": "Person", "name": author.name, "url": url, "jobTitle": author.job_title}
    )


def _sources(article: Article) -> list[dict[str, Any]]:
    return [
        _without_empty({"@type": "CreativeWork", "name": source.label, "url": source.url})
        for source in article.sources.all()
    ]


def _home_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("articles:home"))


def _iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    # Absent beats empty: a validator reads "" or [] as a wrong value, not a missing one.
    return {key: value for key, value in data.items() if value not in ("", None, [])}
