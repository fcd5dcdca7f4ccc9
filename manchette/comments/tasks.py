"""Background work of the comments: the moderators' digest and the erasure of old IPs."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import ngettext
from django_tasks import task

from manchette.background import enqueue_once

from . import mail
from .models import Comment

logger = logging.getLogger(__name__)

PURGE_LOCK = "comments:purge-ips-scheduled"
PURGE_INTERVAL = 3600
# Beyond this many, the digest gives the count and sends moderators to the desk: an
# e-mail listing a flood of spam helps nobody.
DIGEST_MAX_LISTED = 50
# Who receives the digest: holders of the permission to delete a comment for good.
MODERATE_PERMISSION = "comments.delete_comment"


def one_line(text: str) -> str:
    """Whitespace folded to single spaces: readers' names end up in subject lines, where
    a line break would make the message unsendable."""
    return " ".join(text.split())


def excerpt(text: str, length: int, *, keep_lines: bool = False) -> str:
    text = text.strip() if keep_lines else " ".join(text.split())
    return Truncator(text).chars(length)


def moderator_emails() -> list[str]:
    """Addresses of everyone who moderates: active users who may delete comments (the
    moderators and administrators; editors may only approve or refuse) and superusers,
    each address once."""
    # A permission, not the desk's role names: comments sit below the desk, and a group an
    # administrator builds by hand with this permission moderates too.
    users = (
        get_user_model()
        .objects.with_perm(
            MODERATE_PERMISSION,
            is_active=True,
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
        .distinct()
    )
    emails: list[str] = []
    seen: set[str] = set()
    for email in users:
        if email.strip() and email.strip().lower() not in seen:
            seen.add(email.strip().lower())
            emails.append(email.strip())
    return emails


@task()
def send_moderation_digest() -> int:
    """Queue one e-mail listing every pending comment to the moderators; returns how
    many comments it announced (0 when nothing was sent)."""
    pending = Comment.objects.pending().select_related("article").order_by("created_at", "pk")
    count = pending.count()
    if not count:
        # Moderated in the meantime: nothing to announce.
        return 0
    recipients = moderator_emails()
    if not recipients:
        logger.warning("%d pending comment(s) but no moderator with an e-mail address", count)
        return 0
    listed = [
        {
            "article": comment.article.title,
            "name": comment.name,
            "email": comment.email,
            "created_at": comment.created_at,
            "reason": comment.reason,
            "excerpt": excerpt(comment.text, 200),
        }
        for comment in pending[:DIGEST_MAX_LISTED]
    ]
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _digest_email(count, listed)
    mail.queue_email(recipients, one_line(subject), body)
    return count


def _digest_email(count: int, listed: list[dict]) -> tuple[str, str]:
    subject = ngettext(
        "[%(site)s] %(count)d commentaire en attente de modération",
        "[%(site)s] %(count)d commentaires en attente de modération",
        count,
    ) % {"site": settings.SITE_NAME, "count": count}
    body = render_to_string(
        "comments/email/moderation_digest.txt",
        {
            "count": count,
            "comments": listed,
            "unlisted": count - len(listed),
            "desk_url": settings.SITE_URL
            + reverse("admin:comments_comment_changelist")
            + "?status__exact=pending",
            "site_name": settings.SITE_NAME,
        },
    )
    return subject, body


def erase_before() -> datetime.datetime:
    # A negative setting would keep addresses forever; treat it as "keep none".
    days = max(settings.COMMENTS_IP_RETENTION_DAYS, 0)
    return timezone.now() - datetime.timedelta(days=days)


@task()
def purge_old_ips() -> int:
    """Erase the IP address and browser of comments older than the retention period;
    returns how many comments lost them."""
    still_kept = Q(ip__isnull=False) | ~Q(user_agent="")
    return (
        Comment.objects.filter(created_at__lt=erase_before())
        .filter(still_kept)
        .update(ip=None, user_agent="")
    )


def schedule_purge() -> None:
    """Queue the purge at most once an hour, from whichever request gets there first,
    so the retention period holds without a cron job."""
    enqueue_once(PURGE_LOCK, purge_old_ips, within=PURGE_INTERVAL)
