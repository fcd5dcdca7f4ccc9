"""The desk's moderation queue: readers' comments, pending first, with the decisions
(approve, spam, trash, restore) and replies signed by the newsroom.

Every change of status goes through manchette.comments.moderation.moderate(), which
keeps the articles' comment counts right and sends the notices."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import moderation
from .models import Comment

Status = Comment.Status
STATUS_PARAM = "status__exact"
ALL = "all"
# The field of the changelist form that the one-click buttons of each row submit.
QUICK_PARAM = "_moderer"

DONE = {
    Status.APPROVED: gettext_lazy("%d commentaire(s) approuvé(s)."),
    Status.SPAM: gettext_lazy("%d commentaire(s) marqué(s) comme indésirable(s)."),
    Status.TRASH: gettext_lazy("%d commentaire(s) mis à la corbeille."),
    Status.PENDING: gettext_lazy("%d commentaire(s) remis en attente."),
}

# The one-click decisions each row offers, by the comment's current status.
QUICK_DECISIONS = {
    Status.PENDING: [
        (Status.APPROVED, gettext_lazy("Approuver")),
        (Status.SPAM, gettext_lazy("Indésirable")),
        (Status.TRASH, gettext_lazy("Corbeille")),
    ],
    Status.APPROVED: [
        (Status.PENDING, gettext_lazy("Retirer")),
        (Status.SPAM, gettext_lazy("Indésirable")),
        (Status.TRASH, gettext_lazy("Corbeille")),
    ],
    Status.SPAM: [
        (Status.PENDING, gettext_lazy("Pas indésirable")),
        (Status.TRASH, gettext_lazy("Corbeille")),
    ],
    Status.TRASH: [(Status.PENDING, gettext_lazy("Restaurer"))],
}


# The header's tabs, as WordPress has them.
TABS = [
    (ALL, gettext_lazy("Tous")),
    (Status.PENDING, gettext_lazy("En attente")),
    (Status.APPROVED, gettext_lazy("Approuvés")),
    (Status.SPAM, gettext_lazy("Indésirables")),
    (Status.TRASH, gettext_lazy("Corbeille")),
]


def status_counts() -> dict[str, int]:
    """How many comments each status holds, and all of them, in one query."""
    counts = dict.fromkeys(Status.values, 0)
    for row in Comment.objects.order_by().values("status").annotate(total=Count("pk")):
        counts[row["status"]] = row["total"]
    counts[ALL] = sum(counts.values())
    return counts


class StatusFilter(admin.SimpleListFilter):
    """The comment's status, where no value means the pending queue (the changelist
    redirects there) and "Tous" is an explicit value."""

    title = gettext_lazy("état")
    parameter_name = STATUS_PARAM

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset

    def choices(self, changelist):
        choices = super().choices(changelist)
        everything = next(choices)
        everything.update(
            selected=self.value() in (None, ALL),
            query_string=changelist.get_query_string({self.parameter_name: ALL}),
            display=_("Tous"),
        )
        yield everything
        yield from choices


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Votre réponse"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "class": "vLargeTextField"}),
        error_messages={"required": gettext_lazy("Écrivez votre réponse.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = settings.COMMENTS_MAX_LENGTH
        self.fields["text"].validators.append(
            forms.fields.validators.MaxLengthValidator(settings.COMMENTS_MAX_LENGTH)
        )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # As in WordPress, each comment carries its one-click decisions under its text; the
    # date opens the full comment.
    list_display = [
        "comment_and_actions",
        "author",
        "article_link",
        "status_badge",
        "created",
    ]
    list_display_links = ["created"]
    list_filter = [
        StatusFilter,
        ("article", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["name", "email", "text"]
    ordering = ["-created_at", "-pk"]
    list_select_related = ["article__category", "parent"]
    list_per_page = 50
    actions = ["approve", "mark_spam", "move_to_trash", "restore", "reply"]
    readonly_fields = [
        "article_link",
        "parent_link",
        "reason",
        "created_at",
        "approved_at",
        "by_staff",
        "ip",
        "user_agent",
    ]
    fieldsets = [
        (None, {"fields": ["article_link", "parent_link", "text"]}),
        (
            gettext_lazy("Auteur du commentaire"),
            {"fields": ["name", "email", "website", "notify_replies"]},
        ),
        (
            gettext_lazy("Modération"),
            {"fields": ["status", "reason", "created_at", "approved_at", "by_staff"]},
        ),
        (
            gettext_lazy("Défense contre le spam"),
            {
                "fields": ["ip", "user_agent"],
                "description": format_lazy(
                    gettext_lazy(
                        "Conservés pour la seule défense contre le spam ; "
                        "l’adresse IP est effacée après {} jours."
                    ),
                    settings.COMMENTS_IP_RETENTION_DAYS,
                ),
            },
        ),
    ]

    # ----- the list -----------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        replies = (
            Comment.objects.filter(parent=OuterRef("pk"))
            .order_by()
            .values("parent")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return super().get_queryset(request).annotate(reply_total=Coalesce(Subquery(replies), 0))

    def get_list_display(self, request: HttpRequest):
        fields = list(super().get_list_display(request))
        if not self.has_change_permission(request):
            fields[fields.index("comment_and_actions")] = "excerpt"
        return fields

    @admin.display(description=gettext_lazy("commentaire"))
    def excerpt(self, comment: Comment) -> str:
        badges = []
        if comment.by_staff_id:
            badges.append(format_html('<span class="comment-tag">{}</span> ', _("Rédaction")))
        if comment.parent_id:
            badges.append(
                format_html(
                    '<span class="comment-context">{}</span> ',
                    _("En réponse à %s :") % comment.parent.name,
                )
            )
        reason = ""
        if comment.reason:
            # Why the screening held or refused it, right under the text it judged.
            reason = format_html(
                '<span class="comment-reason">{} {}</span>', _("Motif :"), comment.reason
            )
        return format_html(
            '{}<span title="{}">{}</span>{}',
            format_html_join("", "{}", ((badge,) for badge in badges)),
            Truncator(comment.text).chars(500),
            Truncator(comment.text).chars(140),
            reason,
        )

    @admin.display(description=gettext_lazy("commentaire"))
    def comment_and_actions(self, comment: Comment) -> str:
        return format_html("{}{}", self.excerpt(comment), self.quick_actions(comment))

    @admin.display(description=gettext_lazy("date"), ordering="created_at")
    def created(self, comment: Comment) -> str:
        return date_format(timezone.localtime(comment.created_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=gettext_lazy("auteur"), ordering="name")
    def author(self, comment: Comment) -> str:
        """The name, and the e-mail address (never public, but the desk is the newsroom)
        leading to everything written from it."""
        url = reverse("admin:comments_comment_changelist")
        query = urlencode({"q": comment.email, STATUS_PARAM: ALL})
        return format_html(
            '<strong>{}</strong><br><a href="{}?{}" title="{}">{}</a>',
            comment.name,
            url,
            query,
            _("Tous les commentaires de cette adresse"),
            comment.email,
        )

    @admin.display(description=gettext_lazy("article"), ordering="article__title")
    def article_link(self, comment: Comment) -> str:
        article = comment.article
        url = reverse("admin:comments_comment_changelist")
        query = urlencode({"article__id__exact": article.pk, STATUS_PARAM: ALL})
        on_site = ""
        if article.is_public:
            on_site = format_html(
                ' <a href="{}" target="_blank" rel="noopener" title="{}">↗</a>',
                comment.get_absolute_url() if comment.is_approved else article.get_absolute_url(),
                _("Voir sur le site"),
            )
        return format_html(
            '<a href="{}?{}" title="{}">{}</a>{}',
            url,
            query,
            _("Tous les commentaires de cet article"),
            Truncator(article.title).chars(50),
            on_site,
        )

    @admin.display(description=gettext_lazy("en réponse à"))
    def parent_link(self, comment: Comment) -> str:
        if not comment.parent_id:
            return "—"
        parent = comment.parent
        url = reverse("admin:comments_comment_change", args=[parent.pk])
        return format_html(
            '<a href="{}">{}</a> — {}', url, parent.name, Truncator(parent.text).chars(200)
        )

    @admin.display(description=gettext_lazy("état"), ordering="status")
    def status_badge(self, comment: Comment) -> str:
        return format_html(
            '<span class="comment-status comment-status--{}">{}</span>',
            comment.status,
            comment.get_status_display(),
        )

    def quick_actions(self, comment: Comment) -> str:
        """Buttons of the changelist form itself (so they carry its CSRF token), handled
        by changelist_view, then the reply page and the full comment."""
        buttons = format_html_join(
            "",
            '<button type="submit" class="button comment-quick comment-quick--{}" name="{}" '
            'value="{}:{}">{}</button>',
            (
                (decision, QUICK_PARAM, comment.pk, decision, label)
                for decision, label in QUICK_DECISIONS[comment.status]
            ),
        )
        replies = ""
        if comment.reply_total:
            replies = format_html(
                '<span class="comment-replies">{}</span>',
                ngettext("%d réponse", "%d réponses", comment.reply_total) % comment.reply_total,
            )
        return format_html(
            '<div class="comment-quick-actions">{}<a class="button" href="{}">{}</a>'
            '<a href="{}">{}</a>{}</div>',
            buttons,
            reverse("admin:comments_comment_reply", args=[comment.pk]),
            _("Répondre"),
            reverse("admin:comments_comment_change", args=[comment.pk]),
            _("Modifier"),
            replies,
        )

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        if request.method == "POST" and QUICK_PARAM in request.POST:
            return self._quick_decision(request)
        # The queue opens on what awaits a decision; "Tous" is status__exact=all.
        if request.method == "GET" and not {STATUS_PARAM, IS_POPUP_VAR} & request.GET.keys():
            query = request.GET.copy()
            query[STATUS_PARAM] = Status.PENDING
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        current = request.GET.get(STATUS_PARAM, ALL)
        counts = status_counts()
        extra_context = {
            "title": _("Modération des commentaires"),
            "status_tabs": [
                {
                    "value": value,
                    "label": label,
                    "count": counts[value],
                    "current": value == current,
                    "query": urlencode({STATUS_PARAM: value}),
                }
                for value, label in TABS
            ],
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def _quick_decision(self, request: HttpRequest) -> HttpResponse:
        pk, _sep, decision = request.POST[QUICK_PARAM].partition(":")
        comment = self.get_queryset(request).filter(pk=pk if pk.isdigit() else None).first()
        if comment is None or decision not in Status.values:
            raise Http404
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        if comment.status != decision:
            moderation.moderate(comment, decision)
            self._log_decision(request, [comment], decision)
        self.message_user(request, DONE[decision] % 1, messages.SUCCESS)
        return HttpResponseRedirect(request.get_full_path())

    # ----- bulk actions -------------------------------------------------------------

    def _decide(self, request: HttpRequest, queryset: QuerySet[Comment], decision: str) -> None:
        comments = list(queryset.exclude(status=decision))
        if comments:
            moderation.moderate(comments, decision)
            self._log_decision(request, comments, decision)
        self.message_user(request, DONE[decision] % len(comments), messages.SUCCESS)

    def _log_decision(self, request: HttpRequest, comments: list[Comment], decision: str) -> None:
        moderation.log_decision(comments, decision, by=request.user)

    @admin.action(description=gettext_lazy("Approuver"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._decide(request, queryset, Status.APPROVED)

    @admin.action(description=gettext_lazy("Marquer comme indésirable"), permissions=["change"])
    def mark_spam(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._decide(request, queryset, Status.SPAM)

    @admin.action(description=gettext_lazy("Mettre à la corbeille"), permissions=["change"])
    def move_to_trash(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._decide(request, queryset, Status.TRASH)

    @admin.action(description=gettext_lazy("Remettre en attente"), permissions=["change"])
    def restore(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._decide(request, queryset, Status.PENDING)

    @admin.action(
        description=gettext_lazy("Répondre (un seul commentaire)"), permissions=["change"]
    )
    def reply(self, request: HttpRequest, queryset: QuerySet[Comment]):
        chosen = list(queryset.values_list("pk", flat=True)[:2])
        if len(chosen) != 1:
            self.message_user(
                request,
                _("Pour répondre, choisissez un seul commentaire."),
                messages.WARNING,
            )
            return None
        url = reverse("admin:comments_comment_reply", args=[chosen[0]])
        filters = self.get_preserved_filters(request)
        return HttpResponseRedirect(f"{url}?{filters}" if filters else url)

    # ----- replies from the newsroom ------------------------------------------------

    def get_urls(self):
        reply = path(
            "<path:object_id>/repondre/",
            self.admin_site.admin_view(self.reply_view),
            name="comments_comment_reply",
        )
        return [reply, *super().get_urls()]

    def reply_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reply = self.publish_reply(request, comment, form.cleaned_data["text"])
            return self._back_to_queue(request, reply)
        name, _email = moderation.staff_signature(request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Répondre à %s") % comment.name,
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": comment,
            "comment": comment,
            "form": form,
            "signature": name,
            "has_view_permission": True,
            "changelist_url": self._queue_url(request),
            "preserved_filters": self.get_preserved_filters(request),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)

    def publish_reply(self, request: HttpRequest, comment: Comment, text: str) -> Comment:
        was_approved, was = comment.is_approved, Status(comment.status).label
        reply = moderation.reply_as_newsroom(comment, text, by=request.user)
        if not was_approved:
            self.message_user(
                request,
                _(
                    "Le commentaire de %(name)s était « %(status)s » : il est maintenant "
                    "approuvé, avec votre réponse."
                )
                % {"name": comment.name, "status": was},
                messages.INFO,
            )
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Votre réponse à %s est publiée.") % comment.name,
                reply.get_absolute_url(),
                _("La voir sur le site"),
            ),
            messages.SUCCESS,
        )
        return reply

    def _queue_url(self, request: HttpRequest) -> str:
        url = reverse("admin:comments_comment_changelist")
        filters = request.GET.get("_changelist_filters")
        return f"{url}?{filters}" if filters else url

    def _back_to_queue(self, request: HttpRequest, reply: Comment) -> HttpResponse:
        return HttpResponseRedirect(self._queue_url(request))

    # ----- the change form, deletion --------------------------------------------------

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Comments come from readers, or from the reply page: never from a blank form.
        return False

    def save_model(self, request: HttpRequest, obj: Comment, form, change: bool) -> None:
        decision = obj.status
        if change and "status" in form.changed_data:
            # The rest of the form is saved as is; the decision goes through moderate().
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            moderation.moderate(obj, decision)
        else:
            super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        article_id = obj.article_id
        super().delete_model(request, obj)
        moderation.refresh_counts([article_id])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        chosen = Comment.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        article_ids = set(chosen.values_list("article_id", flat=True))
        chosen.delete()
        moderation.refresh_counts(article_ids)
