"""The desk's screens for content: articles, categories, topics, authors, pages."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .access import is_editor, own_articles
from .models import Article, Author, Byline, Category, Correction, Page, Source, Tag

AUTHOR_STATUSES = {Article.Status.DRAFT, Article.Status.REVIEW}


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
        if obj is None or is_editor(request.user):
            return True
        return obj.status in AUTHOR_STATUSES

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or is_editor(request.user) or obj.status in AUTHOR_STATUSES

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not is_editor(request.user):
            kwargs["choices"] = [
                (value, label) for value, label in db_field.choices if value in AUTHOR_STATUSES
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None):
        fields = list(super().get_readonly_fields(request, obj))
        if not is_editor(request.user):
            fields += ["published_at", "updated_at", "featured"]
        return fields

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        from manchette.desk import audit

        if not change:
            obj.created_by = request.user
        if not is_editor(request.user) and obj.status not in AUTHOR_STATUSES:
            obj.status = Article.Status.REVIEW
        before = form.initial.get("status") if change else None
        super().save_model(request, obj, form, change)
        audit.record_change(request, obj, before)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # A journalist writing their own piece signs it unless they named someone else.
        article = form.instance
        profile = getattr(request.user, "author", None)
        if profile is not None and not article.bylines.exists():
            Byline.objects.create(article=article, author=profile)

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        if not is_editor(request.user):
            actions.pop("publish_now", None)
            actions.pop("unpublish", None)
        return actions

    @admin.action(description=_("Publier maintenant les articles choisis"))
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        from manchette.desk import audit

        published = list(queryset.exclude(status=Article.Status.PUBLISHED))
        for article in published:
            before, article.status = article.status, Article.Status.PUBLISHED
            if article.published_at is None or article.published_at > timezone.now():
                article.published_at = timezone.now()
            article.save()
            audit.record_change(request, article, before)
        message = _("%d article(s) publié(s).") % len(published)
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Dépublier (remettre en brouillon) les articles choisis"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        from manchette.desk import audit

        # save(), not update(): the search index and other followers hear of it.
        unpublished = list(queryset.exclude(status=Article.Status.DRAFT))
        for article in unpublished:
            before, article.status = article.status, Article.Status.DRAFT
            article.save()
            audit.record_change(request, article, before)
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
