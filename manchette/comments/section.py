"""What the comments section of an article page shows: threads, form, notices."""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext as _

from manchette.articles.models import Article

from .forms import CommentForm
from .models import Comment
from .posting import closed_reason
from .threads import Node, thread_page

POSTED_SALT = "manchette.comments.posted"


def posted_token(comment: Comment) -> str:
    return signing.dumps(comment.pk, salt=POSTED_SALT)


def notice(comment) -> str:
    if comment.is_approved:
        return _("Merci ! Votre commentaire est publié.")
    return _("Merci ! Votre commentaire est en attente de modération.")


def _posted(request: HttpRequest, article: Article) -> Comment | None:
    """The comment a reader just posted, named by a signed token in the address they are
    sent back to, so they see it (even pending) without a session."""
    token = request.GET.get("commentaire")
    if not token:
        return None
    try:
        pk = signing.loads(token, salt=POSTED_SALT, max_age=3600)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk, article=article).first()


def comments_section(
    request: HttpRequest, article: Article, form: CommentForm | None = None
) -> dict:
    page, threads = thread_page(article, request.GET.get("commentaires"))
    reply_to = None
    if form is None:
        form = CommentForm()
        reply_id = request.GET.get("repondre", "")
        if reply_id.isdigit():
            reply_to = Comment.objects.approved().filter(article=article, pk=int(reply_id)).first()
            if reply_to is not None:
                form.initial["parent"] = reply_to.pk
    posted = _posted(request, article)
    return {
        "comment_page": page,
        "threads": threads,
        "comment_form": form,
        "comments_closed": closed_reason(article),
        "posted_comment": posted,
        "posted_notice": notice(posted) if posted else "",
        "posted_comment_node": Node(posted) if posted else None,
        "reply_to": reply_to,
    }
