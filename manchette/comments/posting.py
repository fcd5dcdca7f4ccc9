"""Posting a comment: every rule a new comment passes before it is stored."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from manchette.articles.models import Article

from . import moderation, spam
from .models import Comment, email_key, text_digest


def reply_parent(article: Article, parent_id: int | None) -> Comment | None:
    """The comment a reply hangs under: it must be an approved comment of the same
    article; past the maximum depth, the reply joins its parent's level."""
    if not parent_id:
        return None
    parent = Comment.objects.approved().filter(pk=parent_id).first()
    if parent is None or parent.article_id != article.pk:
        raise spam.Refused(_("Ce commentaire ne peut pas recevoir de réponse ici."))
    while parent.depth >= settings.COMMENTS_MAX_DEPTH - 1 and parent.parent_id:
        parent = parent.parent
    return parent


def is_known_commenter(email: str, posted_here: Iterable[int]) -> bool:
    """Whether one of the comments this browser posted has this address and was approved:
    the proof that skips first-comment moderation, which a typed address is not."""
    posted_here = list(posted_here)
    if not posted_here:
        return False
    mine = Comment.objects.approved().filter(pk__in=posted_here)
    return mine.filter(email_key=email_key(email)).exists()


def closed_reason(article: Article | None) -> str | None:
    if article is None or not article.is_public:
        return _("Cet article n’existe pas ou n’est pas publié : il ne reçoit pas de commentaires.")
    if not article.comments_are_open:
        return _("Les commentaires sont fermés pour cet article.")
    return None


def post_comment(
    article: Article,
    data: dict,
    *,
    ip: str | None,
    user_agent: str = "",
    permalink: str = "",
    posted_here: Iterable[int] = (),
    timed: bool = True,
) -> Comment:
    """Store a comment from a valid form's cleaned data, or raise spam.Refused.
    `posted_here`: the comments this browser posted before (browser.posted_here)."""
    if reason := closed_reason(article):
        raise spam.Refused(reason)
    parent = reply_parent(article, data.get("parent"))
    same_text = Comment.objects.filter(article=article, text_digest=text_digest(data["text"]))
    if same_text.exclude(status=Comment.Status.TRASH).exists():
        raise spam.Refused(_("Ce commentaire a déjà été publié."))
    spam.check_rate(ip, data["email"])
    comment = Comment(
        article=article,
        parent=parent,
        name=data["name"],
        email=data["email"].strip(),
        website=data.get("website", ""),
        text=data["text"],
        notify_replies=data.get("notify_replies", False),
        ip=ip,
        user_agent=user_agent[:300],
    )
    comment.status, comment.reason = moderation.screen(
        comment,
        permalink=permalink,
        known_commenter=is_known_commenter(comment.email, posted_here),
        timed=timed,
    )
    with transaction.atomic():
        if comment.status == Comment.Status.APPROVED:
            comment.approved_at = timezone.now()
        comment.save()
        if comment.status == Comment.Status.APPROVED:
            moderation.refresh_counts([article.pk])
    _announce(comment)
    return comment


def _announce(comment: Comment) -> None:
    from . import notifications

    if comment.status == Comment.Status.APPROVED:
        transaction.on_commit(lambda: notifications.comment_approved(comment))
    elif comment.status == Comment.Status.PENDING:
        transaction.on_commit(lambda: notifications.comment_held(comment))
