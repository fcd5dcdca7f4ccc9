"""A commenter's own data, without an account: see, download or delete it through a signed link."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from manchette.client_ip import client_ip

from . import mail, spam, tokens
from .models import Comment, email_key
from .moderation import refresh_counts

# Asking for links: per IP, with a French message; per address, silently, so that nobody
# can flood someone's mailbox from many connections, nor learn anything from the answer.
LINK_RATE_PER_IP = 5
LINK_RATE_PER_EMAIL = 3
LINK_RATE_WINDOW = 3600

# What the commenter reads about each status: the moderators' words ("Indésirable",
# "Corbeille") are not theirs.
STATUS_LABELS = {
    Comment.Status.APPROVED: "Publié",
    Comment.Status.PENDING: "En attente de modération",
    Comment.Status.SPAM: "Non publié",
    Comment.Status.TRASH: "Non publié",
}

ONE_CLICK_VALUE = "One-Click"


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse e-mail",
        max_length=254,
        error_messages={
            "required": "Indiquez l’adresse e-mail utilisée pour vos commentaires.",
            "invalid": "Cette adresse e-mail n’est pas valide (exemple : nom@exemple.fr).",
            "max_length": "Cette adresse e-mail est trop longue.",
        },
    )


def private_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Personal pages: never stored by a browser or proxy cache, never indexed, and the
    signed address never sent on to another site in a Referer header. same-origin, not
    no-referrer: under no-referrer the browser sends `Origin: null` with the page's own
    forms, which the CSRF check refuses ("Formulaire expiré")."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    return never_cache(wrapped)


# ---------------------------------------------------------------------------------------
# Asking for the link


@private_page
@require_http_methods(["GET", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "comments/privacy/request.html", {"form": EmailForm()})
    form = EmailForm(request.POST)
    if _over_limit(f"ip:{client_ip(request)}", LINK_RATE_PER_IP):
        context = {
            "form": form,
            "limited": "Trop de demandes ont été faites depuis votre connexion. "
            "Réessayez dans une heure.",
        }
        return render(request, "comments/privacy/request.html", context, status=429)
    if not form.is_valid():
        return render(request, "comments/privacy/request.html", {"form": form}, status=400)
    send_link(form.cleaned_data["email"])
    # The same page whatever happened, so that it tells nobody who has commented.
    return render(request, "comments/privacy/sent.html", _link_context())


def send_link(email: str) -> bool:
    """E-mail the signed link to this address if it has comments; True when queued."""
    email = email.strip()
    if not Comment.objects.by_email(email).exists():
        return False
    if _over_limit(f"email:{spam.digest(email_key(email))}", LINK_RATE_PER_EMAIL):
        return False
    body = render_to_string(
        "comments/privacy/link_email.txt",
        {**_link_context(), "url": tokens.my_data_url(email)},
    )
    mail.queue_email([email], f"Vos commentaires sur {settings.SITE_NAME}", body)
    return True


def _link_context() -> dict:
    return {"valid_hours": tokens.MY_DATA_MAX_AGE // 3600, "site_name": settings.SITE_NAME}


def _over_limit(who: str, limit: int) -> bool:
    """Count in the shared cache, so that the limit holds across processes and servers."""
    bucket = int(time.time() // LINK_RATE_WINDOW)
    return spam.count_hit(f"comments:my-data:{who}:{bucket}", LINK_RATE_WINDOW) > limit


# ---------------------------------------------------------------------------------------
# The page behind the link: list, export, delete


@private_page
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    email = tokens.email_from_my_data_token(token)
    if email is None:
        return render(request, "comments/privacy/expired.html", status=400)
    comments = list(
        Comment.objects.by_email(email)
        .select_related("article__category")
        .order_by("-created_at", "-pk")
    )
    if request.method == "GET":
        return _manage_page(request, email, comments)
    action = request.POST.get("action")
    if action == "export":
        return export_response(comments)
    if action == "delete":
        if not request.POST.get("confirm"):
            error = "Cochez « Je confirme » pour supprimer vos commentaires."
            return _manage_page(request, email, comments, confirm_error=error, status=400)
        deleted = delete_comments(comments)
        return render(request, "comments/privacy/deleted.html", {"deleted": deleted})
    return _manage_page(request, email, comments, status=400)


def _manage_page(
    request: HttpRequest,
    email: str,
    comments: list[Comment],
    *,
    confirm_error: str = "",
    status: int = 200,
) -> HttpResponse:
    rows = [
        {
            "comment": comment,
            "status": STATUS_LABELS.get(comment.status, comment.get_status_display()),
            "excerpt": Truncator(" ".join(comment.text.split())).chars(200),
            "url": _public_url(comment),
        }
        for comment in comments
    ]
    context = {"email": email, "rows": rows, "confirm_error": confirm_error}
    return render(request, "comments/privacy/manage.html", context, status=status)


def _public_url(comment: Comment) -> str:
    """Where the comment can be read, or '' when readers cannot see its article (an
    unpublished article's address would be a desk preview link)."""
    if not comment.article.is_public:
        return ""
    if comment.is_approved:
        return comment.get_absolute_url()
    return comment.article.get_absolute_url()


def export_response(comments: list[Comment]) -> HttpResponse:
    """Everything stored about these comments, IP included while it is kept: it is the
    commenter's own data."""
    data = {
        "site": settings.SITE_NAME,
        "comments": [
            {
                "id": comment.pk,
                "url": _absolute(_public_url(comment)) if comment.is_approved else "",
                "article": {
                    "title": comment.article.title,
                    "url": (
                        _absolute(comment.article.get_absolute_url())
                        if comment.article.is_public
                        else ""
                    ),
                },
                "in_reply_to": comment.parent_id,
                "name": comment.name,
                "email": comment.email,
                "website": comment.website,
                "text": comment.text,
                "status": comment.status,
                "status_label": STATUS_LABELS.get(comment.status, comment.get_status_display()),
                "notify_replies": comment.notify_replies,
                "created_at": comment.created_at.isoformat(),
                "approved_at": comment.approved_at.isoformat() if comment.approved_at else None,
                "ip": comment.ip,
                "user_agent": comment.user_agent,
            }
            for comment in comments
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response.headers["Content-Disposition"] = 'attachment; filename="mes-commentaires.json"'
    return response


def _absolute(path: str) -> str:
    return settings.SITE_URL + path if path else ""


def delete_comments(comments: list[Comment]) -> int:
    """Delete these comments. Other people's replies under them are kept: each moves up to
    the nearest ancestor that stays (or becomes a top comment), so deleting one's own words
    never erases someone else's."""
    mine = {comment.pk for comment in comments}
    if not mine:
        return 0
    article_ids = {comment.article_id for comment in comments}
    threads = {comment.thread_id or comment.pk for comment in comments}
    with transaction.atomic():
        family = {
            comment.pk: comment
            for comment in Comment.objects.filter(Q(thread_id__in=threads) | Q(pk__in=mine))
            .select_for_update()
            .only("pk", "parent_id", "thread_id", "depth")
        }
        survivors = sorted(
            (comment for comment in family.values() if comment.pk not in mine),
            # An ancestor is always shallower: parents are placed before their children.
            key=lambda comment: (comment.depth, comment.pk),
        )
        changed = []
        for comment in survivors:
            before = (comment.parent_id, comment.thread_id, comment.depth)
            parent_id = comment.parent_id
            while parent_id in mine:
                parent_id = family[parent_id].parent_id
            parent = family.get(parent_id) if parent_id else None
            if parent_id and parent is None:
                continue  # an ancestor outside the thread: inconsistent data, left alone
            comment.parent_id = parent_id
            comment.depth = parent.depth + 1 if parent else 0
            comment.thread_id = (parent.thread_id or parent.pk) if parent else comment.pk
            if (comment.parent_id, comment.thread_id, comment.depth) != before:
                changed.append(comment)
        # Re-attached first: the delete cascades along parent and thread.
        Comment.objects.bulk_update(changed, ["parent", "thread", "depth"])
        Comment.objects.filter(pk__in=mine).delete()
        refresh_counts(article_ids)
    return len(mine)


# ---------------------------------------------------------------------------------------
# Unsubscribing from reply notices


@private_page
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    # Exempt as a whole only because the one-click POST of RFC 8058 comes from a mail
    # client without a CSRF token; the page's own button is still checked below.
    comment = tokens.comment_from_unsubscribe_token(token)
    if comment is None:
        return render(request, "comments/privacy/unsubscribe_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "comments/privacy/unsubscribe.html")
    if request.POST.get("List-Unsubscribe") == ONE_CLICK_VALUE:
        return _unsubscribe(request, comment)
    return _unsubscribe_from_page(request, comment)


def _unsubscribe(request: HttpRequest, comment: Comment) -> HttpResponse:
    Comment.objects.filter(Q(pk=comment.pk) | Q(email_key=comment.email_key)).update(
        notify_replies=False
    )
    return render(request, "comments/privacy/unsubscribed.html")


_unsubscribe_from_page = csrf_protect(_unsubscribe)
