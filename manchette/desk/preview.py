"""Seeing an unpublished article: by a signed preview link (articles/previews.py), which
needs no login, or from the desk, where the same rule as everywhere applies: only whoever
may edit the article (articles/access.py) sees it, whatever id they ask for."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from manchette.articles.access import may_edit
from manchette.articles.models import Article
from manchette.articles.previews import PreviewGone, article_for_token
from manchette.articles.queries import article_page_queryset
from manchette.articles.views import render_article


def preview(request: HttpRequest, token: str) -> HttpResponse:
    try:
        item = article_for_token(token)
    except signing.BadSignature:
        return _no_preview(request, _("Ce lien d’aperçu n’existe pas."), status=404)
    except PreviewGone:
        message = _(
            "Ce lien d’aperçu n’est plus valable : l’article a été dépublié, supprimé ou a "
            "changé d’auteur, ou le lien a expiré. Demandez-en un nouveau à la rédaction."
        )
        return _no_preview(request, message, status=410)
    return _show(request, item)


@staff_member_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's own address (Article.get_absolute_url) for the desk's members who may
    edit it; others get the same 404 as for an article that does not exist."""
    item = get_object_or_404(article_page_queryset(), pk=pk)
    if not may_edit(request.user, item):
        raise Http404
    return _show(request, item)


def view_on_site(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    """The admin's "Voir sur le site" shortcut, in place of Django's, which sends any
    staff member to any object's address from its ids: here the object must be one the
    user may open in the desk, and an article not yet public one they may edit. The desk's
    site (desk/sites.py) lets in only the desk's members."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if not admin.site.is_registered(model) or not hasattr(model, "get_absolute_url"):
        raise Http404
    model_admin = admin.site.get_model_admin(model)
    if model is Article:
        obj = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        allowed = obj is not None and (obj.is_public or may_edit(request.user, obj))
    else:
        obj = model_admin.get_object(request, unquote(object_id))
        allowed = obj is not None and model_admin.has_view_or_change_permission(request, obj)
    if not allowed:
        raise Http404
    return HttpResponseRedirect(obj.get_absolute_url())


def _show(request: HttpRequest, item: Article) -> HttpResponse:
    if item.is_public:
        return HttpResponseRedirect(item.get_absolute_url())
    return _private(render_article(request, item, preview=True))


def _no_preview(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return _private(render(request, "desk/preview_gone.html", {"message": message}, status=status))


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
