"""E-mails that follow a comment: the moderators' digest, reply and author notices."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from manchette.background import enqueue_once

from . import mail, tasks, tokens
from .models import Comment

logger = logging.getLogger(__name__)

DIGEST_LOCK = "comments:moderation-digest-scheduled"


def _never_raises(function: Callable[[Comment], None]) -> Callable[[Comment], None]:
    """These run in on_commit callbacks of the reader's request: an error here must not
    turn a comment that is already stored into an error page."""

    @functools.wraps(function)
    def wrapper(comment: Comment) -> None:
        try:
            function(comment)
        except Exception:
            logger.exception("Notifications for comment %s failed", comment.pk)

    return wrapper


@_never_raises
def comment_held(comment: Comment) -> None:
    """A comment waits for moderation: the moderators hear of it in a digest."""
    tasks.schedule_purge()
    schedule_digest()


@_never_raises
def comment_approved(comment: Comment) -> None:
    """A comment is published: tell the commenter it answers, if they asked, and the
    authors of the article."""
    tasks.schedule_purge()
    notify_reply(comment)
    notify_authors(comment)


def schedule_digest() -> bool:
    """Queue the moderators' digest to run COMMENTS_DIGEST_DELAY seconds from now,
    unless one is already queued: comments held in the meantime join that one, since
    the digest lists whatever is pending when it runs."""
    delay = settings.COMMENTS_DIGEST_DELAY
    return enqueue_once(DIGEST_LOCK, tasks.send_moderation_digest, within=delay, delay=delay)


def notify_reply(reply: Comment) -> None:
    """Tell the parent's author of a reply, if they asked to be, and the reply is not
    their own. Only the replier's name goes in it, never their address."""
    parent = reply.parent
    if parent is None or not parent.notify_replies or not parent.email.strip():
        return
    if parent.email_key == reply.email_key:
        return
    article = reply.article
    unsubscribe = tokens.unsubscribe_url(parent)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(name)s a répondu à votre commentaire sur « %(title)s »") % {
            "name": reply.name,
            "title": article.title,
        }
        body = render_to_string(
            "comments/email/reply.txt",
            {
                "parent": parent,
                "parent_excerpt": tasks.excerpt(parent.text, 160),
                "reply": reply,
                "reply_excerpt": tasks.excerpt(reply.text, 1000, keep_lines=True),
                "article": article,
                "reply_url": settings.SITE_URL + reply.get_absolute_url(),
                "unsubscribe_url": unsubscribe,
                "my_data_url": settings.SITE_URL + reverse("comments:my-data"),
                "site_name": settings.SITE_NAME,
            },
        )
    mail.queue_email(
        [parent.email.strip()],
        tasks.one_line(subject),
        body,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            # RFC 8058: mail clients unsubscribe with one POST, without a page to read.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def author_emails(comment: Comment) -> list[str]:
    """Addresses of the article's authors who have an active account, but not the
    commenter's own (an author commenting under their article)."""
    emails = (
        get_user_model()
        .objects.filter(is_active=True, author__bylines__article_id=comment.article_id)
        .exclude(email="")
        .order_by("author__bylines__position", "pk")
        .values_list("email", flat=True)
    )
    commenter = comment.email.strip().lower()
    result: list[str] = []
    for email in emails:
        email = email.strip()
        if (
            email
            and email.lower() != commenter
            and email.lower() not in {known.lower() for known in result}
        ):
            result.append(email)
    return result


def notify_authors(comment: Comment) -> None:
    """Tell the article's authors of a newly published comment; not of the newsroom's
    own replies, which they would hear of from their colleagues."""
    if comment.by_staff_id:
        return
    recipients = author_emails(comment)
    if not recipients:
        return
    article = comment.article
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nouveau commentaire sur « %(title)s »") % {"title": article.title}
        body = render_to_string(
            "comments/email/author_notice.txt",
            {
                "comment": comment,
                "excerpt": tasks.excerpt(comment.text, 1000, keep_lines=True),
                "article": article,
                "comment_url": settings.SITE_URL + comment.get_absolute_url(),
                "site_name": settings.SITE_NAME,
            },
        )
    mail.queue_email(recipients, tasks.one_line(subject), body)
