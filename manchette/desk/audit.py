"""The newsroom's journal: who published, unpublished, scheduled or deleted what, and
when, beside the moderators' decisions. Kept in Django's admin log (LogEntry), which
the desk already writes for every change and deletion, and shown read-only in the desk
(desk/admin.py)."""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.http import HttpRequest
from django.utils.translation import gettext as _

from manchette.articles.models import Article
from manchette.articles.templatetags.news import long_date

Status = Article.Status


def editorial_event(before: str | None, article: Article) -> str | None:
    """What a save did to an article's life, in the journal's words, if anything."""
    after = article.status
    if after == before:
        return None
    if after in Article.LIVE_STATUSES and article.published_at and not article.is_public:
        return _("Programmé pour le %s") % long_date(article.published_at)
    if after in Article.LIVE_STATUSES:
        return _("Publié")
    if before in Article.LIVE_STATUSES:
        return _("Dépublié (%s)") % Status(after).label.lower()
    if after == Status.REVIEW:
        return _("Envoyé en relecture")
    return _("État : %s") % Status(after).label


def record_change(request: HttpRequest, article: Article, before: str | None) -> None:
    """Write the journal's line for a save of `article` whose status was `before`."""
    if event := editorial_event(before, article):
        LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=[article], action_flag=CHANGE, change_message=event
        )
