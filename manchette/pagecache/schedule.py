"""When the next scheduled article goes live: no cached page may outlive that moment,
since a scheduled article joins the site at its time with no save to announce it.

Kept in the shared cache and recomputed on every article change (on save, and again
once the change commits), so a reader's page view costs no query for it. Should two
changes race, the task run at the article's time (tasks.scheduled_article_due) still
refreshes every page then."""

from __future__ import annotations

import datetime

from django.core.cache import caches
from django.utils import timezone

from . import versions

KEY = "pc:next-publication"
FAR_AWAY = datetime.timedelta(days=365)


def next_publication() -> datetime.datetime:
    """The time the next scheduled article goes live, or a year from now."""
    due = caches[versions.ALIAS].get(KEY)
    if due is None or due <= timezone.now():
        due = recompute()
    return due


def recompute() -> datetime.datetime:
    from manchette.articles.models import Article

    now = timezone.now()
    due = (
        Article.objects.filter(status__in=Article.LIVE_STATUSES, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    ) or now + FAR_AWAY
    caches[versions.ALIAS].set(KEY, due, timeout=None)
    return due


def seconds_until_next_publication() -> int:
    return max(0, int((next_publication() - timezone.now()).total_seconds()))
