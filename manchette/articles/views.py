"""The pages readers see: front page, listings, the article and static pages."""

from __future__ import annotations

import datetime
import functools

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from manchette.pagecache import tags
from manchette.pagecache.fragments import answer, asked, fragments
from manchette.pagecache.pages import keep_private, public_page

from . import sharing, teasers
from .access import may_edit
from .models import Article, Author, Category, Page, Tag
from .navigation import navigation
from .queries import article_page_queryset, fill_article_page, related_articles

FRONT_PAGE_PER_CATEGORY = 4
FEATURED_CANDIDATES = 20


@public_page(tags.ALL)
def home(request: HttpRequest) -> HttpResponse:
    """The front page: its lead and sections are one fragment, kept until any article
    changes (see fragments.answer)."""

    def render_front() -> tuple[str, set[str]]:
        lead, sections = front_page()
        teasers.attach(request, [lead, *sections] if lead else sections, lead=lead)
        by_category: dict[int, dict] = {}
        for item in sections:
            section = by_category.setdefault(
                item.category_id, {"category": item.category, "articles": []}
            )
            section["articles"].append(item)
        context = {"lead": lead, "sections": list(by_category.values())}
        html = render_to_string("articles/includes/front.html", context, request)
        return html, {tags.ALL, tags.SITE}

    front = answer(request, "front", render_front)
    return render(request, "articles/home.html", {"front": front})


def front_page() -> tuple[Article | None, list[Article]]:
    """The lead, and the newest articles of each category in menu order."""
    # The lead: the newest published among the newest featured articles, read from the
    # partial index of featured articles (scheduled ones may come first in it). Which
    # are published is decided here, not in SQL: with that condition SQLite would walk
    # every published article to find the few featured ones.
    featured = Article.objects.filter(featured=True).order_by("-published_at", "-pk")
    candidates = Article.objects.for_teasers().filter(
        pk__in=featured.values("pk")[:FEATURED_CANDIDATES]
    )
    lead = next(
        (item for item in candidates.order_by("-published_at", "-pk") if item.is_public),
        None,
    ) or (Article.objects.published().for_teasers().order_by("-published_at", "-pk").first())
    # One query for every category's latest articles: an IN-subquery per category, each
    # reading a few rows of the (category, published_at) index, so the front page costs
    # the same with a hundred articles or a million.
    latest = Article.objects.published().exclude(pk=getattr(lead, "pk", None))
    wanted = Q(pk__in=[])
    for category_id in navigation().category_ids:
        newest = latest.filter(category_id=category_id).order_by("-published_at", "-pk")
        wanted |= Q(pk__in=newest.values("pk")[:FRONT_PAGE_PER_CATEGORY])
    # The subqueries already keep to published articles: filtering again here would
    # make SQLite walk every published article instead of looking up the few chosen.
    sections = (
        Article.objects.for_teasers()
        .filter(wanted)
        .order_by("category__position", "category__name", "-published_at", "-pk")
    )
    return lead, list(sections)


def _listing(
    request: HttpRequest, articles, template: str, context: dict, listing_tag: str
) -> HttpResponse:
    """A category, topic or author page: its teasers and pagination are one fragment,
    kept on the listing's tag (see fragments.answer)."""

    def render_listing() -> tuple[str, set[str]]:
        page = teasers.page_of(request, articles)
        listing_context = {**context, "page_obj": page, "articles": page.object_list}
        html = render_to_string("articles/includes/listing.html", listing_context, request)
        return html, {tags.SITE, listing_tag}

    listing = answer(request, f"listing:{listing_tag}:{asked(request)}", render_listing)
    return render(request, template, {**context, "listing": listing})


@public_page(category=tags.category)
def category(request: HttpRequest, category: str) -> HttpResponse:
    section = get_object_or_404(Category, slug=category)
    articles = Article.objects.published().filter(category=section)
    context = {"category": section}
    return _listing(request, articles, "articles/category.html", context, tags.category(category))


@public_page(slug=tags.topic)
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=topic)
    return _listing(request, articles, "articles/tag.html", {"tag": topic}, tags.topic(slug))


@public_page(slug=tags.author)
def author(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = Article.objects.published().filter(authors=person)
    context = {"author": person}
    return _listing(request, articles, "articles/author.html", context, tags.author(slug))


@public_page()
def article(
    request: HttpRequest, category: str, year: int, month: int, day: int, slug: str
) -> HttpResponse:
    try:
        day_published = datetime.date(year, month, day)
    except ValueError:
        raise Http404 from None
    item = get_object_or_404(article_page_queryset(), pub_date=day_published, slug=slug)
    if not item.is_public:
        if not can_see_unpublished(request, item):
            raise Http404
        keep_private(request)
    if item.category.slug != category:
        return HttpResponseRedirect(item.get_absolute_url(), status=301)
    return render_article(request, item)


def can_see_unpublished(request: HttpRequest, item: Article) -> bool:
    """A scheduled article at its address: only for whoever may edit it (access.py)."""
    return may_edit(request.user, item)


def render_article(
    request: HttpRequest, item: Article, *, preview: bool = False, comment_form=None
) -> HttpResponse:
    """The article page: its text, related articles and comments are fragments every
    reader shares (pagecache/fragments.py), except in a preview or for an article not
    yet public, which are never kept."""
    from manchette.comments.section import CommentsSection

    url = request.build_absolute_uri(item.get_absolute_url())
    shared = item.is_public and not preview
    origin = request.build_absolute_uri("/")  # in the text's links: scheme and host
    comments = CommentsSection(request, item, comment_form)
    if comments.posted:
        keep_private(request)  # shows the reader's own comment, even pending

    @functools.cache  # the head and the text fragments share it when both miss
    def text_context() -> dict:
        fill_article_page(item)
        return {
            "article": item,
            "share_links": sharing.links(request, item, url),
            "canonical_url": url,
        }

    def head() -> tuple[str, set[str]]:
        html = render_to_string("syndication/article_meta.html", text_context(), request)
        return html, tags.for_article_text(item)

    def main() -> tuple[str, set[str]]:
        html = render_to_string("articles/includes/article_main.html", text_context(), request)
        return html, tags.for_article_text(item)

    def related() -> tuple[str, set[str]]:
        fill_article_page(item)
        context = {"related": related_articles(item)}
        teasers.attach(request, context["related"])
        html = render_to_string("articles/includes/related.html", context, request)
        return html, tags.for_article_page(item)

    def comments_html() -> tuple[str, set[str]]:
        return comments.render(), tags.for_article_text(item)

    def kept(name: str | None) -> str | None:
        return f"{name}:{item.pk}" if shared and name else None

    parts = fragments(
        request,
        {
            "head": (kept(f"head:{origin}"), head),
            "main": (kept(f"text:{origin}"), main),
            "related": (kept("related"), related),
            "comments": (kept(comments.shared_name()), comments_html),
        },
    )
    context = {"article": item, "canonical_url": url, "preview": preview, **parts}
    return render(request, "articles/article.html", context)


@public_page()
def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "articles/page.html", {"page": get_object_or_404(Page, slug=slug)})


@require_GET
def share_on_mastodon(request: HttpRequest) -> HttpResponse:
    """Mastodon has no central share address: ask the reader for their server, then show
    where the share will go and let them follow the link. Never a redirect: a link to this
    page must not send anyone to a host they did not see (an open redirect)."""
    text = request.GET.get("text", "")[:1000]
    typed = request.GET.get("instance")
    remembered = sharing.clean_instance(request.COOKIES.get(sharing.MASTODON_COOKIE, ""))
    instance = sharing.clean_instance(typed) if typed is not None else remembered
    error = ""
    if typed is not None and not (instance and text):
        error = _("Indiquez le nom de votre serveur Mastodon, par exemple mastodon.social.")
    context = {
        "text": text,
        "instance": typed if typed is not None else (remembered or ""),
        "error": error,
        "share_url": sharing.mastodon_share_url(instance, text) if instance and text else "",
        "server": instance,
    }
    response = render(
        request, "articles/share_mastodon.html", context, status=400 if error else 200
    )
    if typed is not None and context["share_url"]:
        response.set_cookie(
            sharing.MASTODON_COOKIE, instance, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response
