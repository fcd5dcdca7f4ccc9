"""Posting a comment, with or without JavaScript, and the French CSRF failure page."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from manchette.articles.models import Article
from manchette.client_ip import client_ip
from manchette.database_busy import keeps_typed_text

from . import browser, spam
from .forms import CommentForm
from .posting import closed_reason, post_comment
from .section import notice, posted_url


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def from_this_site(request: HttpRequest) -> bool:
    """Whether the browser says the post comes from one of this site's pages. Every
    browser sends Origin with a form post (and Sec-Fetch-Site, which a page cannot set);
    another site's page cannot make them name this one."""
    origin = request.headers.get("Origin")
    if origin is None:
        return request.headers.get("Sec-Fetch-Site") == "same-origin"
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def origin_or_token(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """CSRF protection by the browser's Origin, or else by Django's token. A page from
    the cache carries no token, and a reader without JavaScript cannot fetch one: their
    browser's Origin is proof enough, so they post in one step. Scripts and browsers
    that send no Origin still need the token; a foreign Origin is refused either way."""
    protected = csrf_protect(view)

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if from_this_site(request):
            return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    return wrapped


def typed_comment(request: HttpRequest) -> dict:
    """The comment as typed, with a fresh form time, for the reader to send again: the
    403 page of a post without Origin or token, and the 503 page of a busy database."""
    match = request.resolver_match
    if request.method != "POST" or not match or match.view_name != "comments:post":
        return {}
    article = Article.objects.filter(pk=match.kwargs["article_id"]).first()
    if article is None or closed_reason(article):
        return {}
    form = CommentForm(initial=request.POST.dict())
    form.initial["timestamp"] = spam.form_timestamp()
    return {"article": article, "comment_form": form, "confirm": True}


@keeps_typed_text(typed_comment)
@origin_or_token
@require_POST
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    from manchette.articles.queries import article_page_queryset
    from manchette.articles.views import render_article

    # Only what posting needs; the full page is fetched only to show errors.
    article = Article.objects.select_related("category").filter(pk=article_id).first()
    if reason := closed_reason(article):
        status = 404 if article is None or not article.is_public else 403
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": reason}, status=status)
        return render(request, "comments/refused.html", {"message": reason}, status=status)

    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = post_comment(
                article,
                form.cleaned_data,
                ip=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
                permalink=request.build_absolute_uri(article.get_absolute_url()),
                posted_here=browser.posted_here(request),
                timed=form.timed,
            )
        except spam.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return _posted(request, article, comment)

    # Errors: the page again, every field as typed, a fresh form time.
    form.data = form.data.copy()
    form.data["timestamp"] = spam.form_timestamp()
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": False,
                "message": " ".join(form.non_field_errors()) or str(form.fields_to_fix),
                "errors": {name: list(errors) for name, errors in form.errors.items()},
                "timestamp": form.data["timestamp"],
            },
            status=400,
        )
    response = render_article(
        request, article_page_queryset().get(pk=article.pk), comment_form=form
    )
    response.status_code = 400
    return response


def _posted(request: HttpRequest, article: Article, comment) -> HttpResponse:
    if _wants_json(request):
        response = JsonResponse(
            {
                "ok": True,
                "status": comment.status,
                "message": notice(comment),
                "anchor": comment.anchor,
                "parent": comment.parent_id,
                "html": render_to_string(
                    "comments/comment.html",
                    {"node": {"comment": comment, "replies": []}, "just_posted": True},
                    request=request,
                ),
            },
            status=201,
        )
    else:
        response = redirect(posted_url(comment))
    browser.remember_post(request, response, comment)
    return response


@never_cache
@require_GET
def form_token(request: HttpRequest) -> HttpResponse:
    """The per-reader parts of the comment form (CSRF token and signed form time), which
    a cached page cannot carry. comments.js asks for them when the reader starts to
    write; without JavaScript, see origin_or_token and CommentForm.timed."""
    return JsonResponse({"csrf": get_token(request), "timestamp": spam.form_timestamp()})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The French 403 page. A comment posted with neither its browser's Origin nor a
    token (an old browser, a privacy extension): the page then shows the comment as
    typed, with a token, to send again."""
    return render(request, "403_csrf.html", typed_comment(request), status=403)
