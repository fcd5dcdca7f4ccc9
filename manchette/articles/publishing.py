"""Every change of an article's state (review, scheduling, publication, unpublication,
archiving, deletion): who may make it, and the line it writes in the newsroom's journal.

The journal is Django's admin log (LogEntry), shown read-only in the desk. A scheduled
article is journaled twice when it is scheduled: "Programmé pour le …" by the editor, now,
and "Publié" by the system account at its publication time, the time readers first see
it (nothing runs at that time: the published() query lets the article in). That second
line is withdrawn whenever the schedule is undone or moved, so it never promises a
publication that will not happen.

`by=None` is the server itself (a management command run by whoever holds the shell): no
rights check, and its lines are signed by the system account.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import is_editor, may_edit
from .models import Article
from .templatetags.news import long_date

if TYPE_CHECKING:
    from manchette.accounts.models import User

Status = Article.Status

# What an author may give their own articles; publishing and what follows is the editors'.
AUTHOR_STATUSES = frozenset({Status.DRAFT, Status.REVIEW})

# The account that signs what nobody in the newsroom did at that moment: an article going
# live at its scheduled time, a command run on the server. LogEntry.user may not be empty;
# the account is inactive and has no password, so nobody can sign in with it.
SYSTEM_USERNAME = "système"


class PublishingRefused(PermissionDenied):
    """A change the user may not make; the message says why, in French. A PermissionDenied,
    so that a view which lets it through answers 403."""


def may_publish(user: User) -> bool:
    """Whether `user` may publish, schedule, unpublish and archive, and set the dates."""
    return is_editor(user)


def statuses_for(user: User) -> list[str]:
    """The statuses `user` may give an article, in the model's order."""
    if may_publish(user):
        return list(Status.values)
    return [status for status in Status.values if status in AUTHOR_STATUSES]


def may_work_on(user: User, article: Article) -> bool:
    """Whether `user` may change or delete `article` as it stands: editors any article, an
    author their own while it is a draft or in review."""
    if article.status not in AUTHOR_STATUSES and not may_publish(user):
        return False
    return may_edit(user, article)


def save_article(article: Article, *, by: User | None, note: str = "") -> None:
    """Save `article` as edited (its status included) and journal what that did to its
    life. Refused when `by` may not move it from its stored status to its new one."""
    before, before_at = _stored_state(article)
    if by is not None and not _may_move(by, article, before, article.status):
        raise PublishingRefused(_refusal(before, article.status))
    with transaction.atomic():
        article.save()
        _journal_change(by, article, before, before_at, note)


def submit_for_review(article: Article, *, by: User | None) -> None:
    """A draft goes to the editors: "Envoyé en relecture"."""
    _change(article, Status.REVIEW, by=by)


def send_back(article: Article, *, by: User | None, note: str = "") -> None:
    """An article in review goes back to draft, with the editor's note in the journal."""
    if article.status != Status.REVIEW:
        raise PublishingRefused(_("Seul un article en relecture peut être renvoyé."))
    _change(article, Status.DRAFT, by=by, note=note)


def schedule(article: Article, at: datetime.datetime, *, by: User | None) -> None:
    """Publication at `at`, a time to come: readers see the article from then on."""
    if at <= timezone.now():
        raise ValueError(_("Une publication programmée doit avoir lieu dans le futur."))
    article.published_at = at
    _change(article, Status.SCHEDULED, by=by)


def publish(article: Article, *, by: User | None) -> None:
    """Publication now; an article already dated in the past keeps its date."""
    now = timezone.now()
    if article.published_at is None or article.published_at > now:
        article.published_at = now
    _change(article, Status.PUBLISHED, by=by)


def unpublish(article: Article, *, by: User | None) -> None:
    """Back to draft: readers no longer see it."""
    _change(article, Status.DRAFT, by=by)


def archive(article: Article, *, by: User | None) -> None:
    """Out of the site's pages and feeds, kept for the record."""
    _change(article, Status.ARCHIVED, by=by)


def delete(article: Article, *, by: User | None) -> None:
    """Django's delete, with the rights check and the journal's "Suppression" line."""
    if by is not None and not may_work_on(by, article):
        raise PublishingRefused(_("Vous ne pouvez pas supprimer cet article."))
    with transaction.atomic():
        _withdraw_scheduled_line(article)
        _journal(by, article, "", flag=DELETION)
        article.delete()


def set_imported_status(article: Article, status: str) -> None:
    """The status an import gives an article (the caller saves it). The source site
    decided it, not someone in the newsroom: no rights check, and no journal line per
    article (an import of thousands of posts would bury the newsroom's own lines; the
    import's report says what it did)."""
    if not same_state(article.status, status):
        article.status = status


def same_state(current: str, wanted: str) -> bool:
    """Whether an article in `current` is already what `wanted` asks: scheduled and
    published are one state, a scheduled article becoming published by itself."""
    live = Article.LIVE_STATUSES
    return current == wanted or (current in live and wanted in live)


def system_user() -> User:
    """The system account, created on first use."""
    user, _created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "password": make_password(None)},
    )
    return user


# ----- internals ---------------------------------------------------------------------


def _change(article: Article, status: str, *, by: User | None, note: str = "") -> None:
    article.status = status
    save_article(article, by=by, note=note)


def _stored_state(article: Article) -> tuple[str | None, datetime.datetime | None]:
    if article.pk is None:
        return None, None
    row = Article.objects.filter(pk=article.pk).values_list("status", "published_at").first()
    return row if row is not None else (None, None)


def _may_move(user: User, article: Article, before: str | None, after: str) -> bool:
    """Editors move any article anywhere; an author moves their own between draft and
    review, and creates theirs in one of those two."""
    if not may_edit(user, article):
        return False
    if may_publish(user):
        return True
    return (before is None or before in AUTHOR_STATUSES) and after in AUTHOR_STATUSES


def _refusal(before: str | None, after: str) -> str:
    if before is None or before == after:
        return _("Vous ne pouvez pas donner à cet article l’état « %s ».") % Status(after).label
    return _("Vous ne pouvez pas faire passer cet article de « %(before)s » à « %(after)s ».") % {
        "before": Status(before).label,
        "after": Status(after).label,
    }


def _journal_change(
    by: User | None,
    article: Article,
    before: str | None,
    before_at: datetime.datetime | None,
    note: str,
) -> None:
    now = timezone.now()
    moved = article.status != before or article.published_at != before_at
    if before == Status.SCHEDULED and moved:
        _withdraw_scheduled_line(article)
    line = _line(article, before, before_at, now)
    if line is None:
        return
    if note:
        line = _("%(line)s — note : %(note)s") % {"line": line, "note": note}
    _journal(by, article, line)
    if article.status == Status.SCHEDULED and article.published_at > now:
        _journal(None, article, _("Publié"), at=article.published_at)


def _line(
    article: Article,
    before: str | None,
    before_at: datetime.datetime | None,
    now: datetime.datetime,
) -> str | None:
    """What a save did to an article's life, in the journal's words, if anything."""
    after, live = article.status, Article.LIVE_STATUSES
    if after in live and article.published_at > now:
        if before == after and article.published_at == before_at:
            return None
        return _("Programmé pour le %s") % long_date(article.published_at)
    if after == before:
        return None
    if after in live:
        if before in live and before_at is not None and before_at <= now:
            return None  # already live: the system journaled it at its time
        return _("Publié")
    if before in live:
        return _("Dépublié (%s)") % Status(after).label.lower()
    if after == Status.REVIEW:
        return _("Envoyé en relecture")
    return _("État : %s") % Status(after).label


def _journal(
    by: User | None,
    article: Article,
    message: str,
    *,
    flag: int = CHANGE,
    at: datetime.datetime | None = None,
) -> None:
    LogEntry.objects.create(
        user=by or system_user(),
        content_type=ContentType.objects.get_for_model(article, for_concrete_model=False),
        object_id=str(article.pk),
        object_repr=str(article)[:200],
        action_flag=flag,
        change_message=message,
        action_time=at or timezone.now(),
    )


def _withdraw_scheduled_line(article: Article) -> None:
    """Remove the system's "Publié" line still to come: the schedule changed."""
    LogEntry.objects.filter(
        user__username=SYSTEM_USERNAME,
        content_type=ContentType.objects.get_for_model(article, for_concrete_model=False),
        object_id=str(article.pk),
        action_time__gt=timezone.now(),
    ).delete()
