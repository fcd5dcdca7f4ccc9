"""The desk's screens for content: articles, categories, topics, authors, pages."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import publishing
from .access import is_editor, own_articles
from .models import Article, Author, Byline, Category, Correction, Page, Source, Tag


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "article_type", "status", "published_at", "featured"]
    list_filter = ["status", "article_type", "category", "featured"]
    search_fields = ["title", "standfirst"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "category", "lead_image"]
    readonly_fields = ["preview_link", "public_link"]
    inlines = [BylineInline, SourceInline, CorrectionInline]
    actions = ["publish_now", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (_("Présentation"), {"fields": ["category", "article_type", "tags", "lead_image"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "updated_at",
                    "featured",
                    "preview_link",
                    "public_link",
                ]
            },
        ),
        (_("Transparence"), {"fields": ["how_we_worked"]}),
        (_("Commentaires"), {"fields": ["comments_open", "comments_close_after_days"]}),
    ]

    @admin.display(description=_("Lien d’aperçu privé"))
    def preview_link(self, article: Article) -> str:
        if not article.pk:
            return _("Disponible après le premier enregistrement.")
        url = reverse("desk:preview", kwargs={"token": article.preview_token()})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, url)

    @admin.display(description=_("Adresse publique"))
    def public_link(self, article: Article) -> str:
        if not article.pk or not article.is_public:
            return _("Pas encore publiée.")
        url = article.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        queryset = super().get_queryset(request).select_related("category")
        if is_editor(request.user):
            return queryset
        return queryset.filter(own_articles(request.user)).distinct()

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or publishing.may_work_on(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or publishing.may_work_on(request.user, obj)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            allowed = publishing.statuses_for(request.user)
            kwargs["choices"] = [
                (value, label) for value, label in db_field.choices if value in allowed
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        if not publishing.may_publish(request.user):
            fields += ["published_at", "updated_at", "featured"]
        return fields

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        publishing.save_article(obj, by=request.user)

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        publishing.delete(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            publishing.delete(article, by=request.user)

    def log_deletions(self, request: HttpRequest, queryset) -> None:
        """publishing.delete() writes the journal's line."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # A journalist writing their own piece signs it unless they named someone else.
        article = form.instance
        profile = getattr(request.user, "author", None)
        if profile is not None and not article.bylines.exists():
            Byline.objects.create(article=article, author=profile)

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        if not publishing.may_publish(request.user):
            actions.pop("publish_now", None)
            actions.pop("unpublish", None)
        return actions

    @admin.action(description=_("Publier maintenant les articles choisis"))
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        published = list(queryset.exclude(status=Article.Status.PUBLISHED))
        for article in published:
            publishing.publish(article, by=request.user)
        message = _("%d article(s) publié(s).") % len(published)
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Dépublier (remettre en brouillon) les articles choisis"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        unpublished = list(queryset.exclude(status=Article.Status.DRAFT))
        for article in unpublished:
            publishing.unpublish(article, by=request.user)
        message = _("%d article(s) dépublié(s).") % len(unpublished)
        self.message_user(request, message, messages.SUCCESS)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo"]
    raw_id_fields = ["user"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "role", "updated_at"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
