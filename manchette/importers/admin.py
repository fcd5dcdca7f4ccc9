"""Desk screens for imports: "Importer un texte", and the list of old addresses kept."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from manchette.articles.models import Article

from .forms import ImportTextForm
from .models import OldLink
from .pasted_text import PastedTextError, summary


def import_text(request: HttpRequest) -> HttpResponse:
    """Paste the text of a page; "see what is recognised" or create the article at once.
    The desk's site puts it at its root (desk/sites.py)."""
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    form = ImportTextForm(request.POST or None, user=request.user)
    recognised = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            recognised = summary(form.page)
        else:
            try:
                article = form.save()
            except PastedTextError as error:
                form.add_error(None, str(error))
            else:
                _report_created(request, article, form)
                return redirect("admin:articles_article_change", article.pk)
    elif form.page is not None:
        recognised = summary(form.page)
    context = {
        **admin.site.each_context(request),
        "title": _("Importer un texte"),
        "opts": Article._meta,
        "form": form,
        "recognised": recognised,
        "has_view_permission": request.user.has_perm("articles.view_article"),
    }
    return TemplateResponse(request, "importers/import_text.html", context)


def _report_created(request: HttpRequest, article: Article, form: ImportTextForm) -> None:
    if article.is_public:
        done = _("« %(title)s » est publié, à partir du texte collé.")
    else:
        done = _("« %(title)s » est créé en brouillon, à partir du texte collé.")
    messages.success(request, done % {"title": article.title})
    items = format_html_join(
        "",
        "<li>{} : {}</li>",
        ((label, " ; ".join(values)) for label, values in summary(form.page)),
    )
    messages.info(request, format_html("{}<ul>{}</ul>", _("Reconnu dans le texte :"), items))


@admin.register(OldLink)
class OldLinkAdmin(admin.ModelAdmin):
    """Read-only: old addresses are written by the importers and followed at request time."""

    list_display = ["path", "leads_to", "source", "created_at"]
    list_filter = ["source"]
    search_fields = ["path", "url"]
    list_select_related = ["content_type"]

    @admin.display(description=gettext_lazy("mène à"))
    def leads_to(self, link: OldLink) -> str:
        if link.url:
            return link.url
        if link.content_type is None:
            return "—"
        return f"{link.content_type.name} n° {link.object_id}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OldLink | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OldLink | None = None) -> bool:
        return False
