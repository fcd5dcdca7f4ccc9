"""Template filters for news pages: French typography and French dates."""

from __future__ import annotations

import datetime
import functools

from django import template
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from manchette.lib.typography import french_typography

register = template.Library()


@register.filter
def typo(value: object) -> SafeString:
    """French typographic spaces on a title or standfirst, escaped first."""
    return mark_safe(_typeset(str(conditional_escape(value))))


@functools.lru_cache(maxsize=8192)
def _typeset(escaped: str) -> str:
    # The same titles come back on every listing and page: set each once per process.
    return french_typography(escaped)


@register.filter
def iso_time(value: datetime.datetime | None) -> str:
    """A <time datetime> value: ISO 8601 to the second, in the site's time zone. Django's
    'c' format adds microseconds, and HTML allows at most three decimals."""
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def long_date(value: datetime.datetime | datetime.date | None) -> str:
    """'23 novembre 2026 à 18 h 05' (or '1er décembre 2026' for a date)."""
    if value is None:
        return ""
    has_time = isinstance(value, datetime.datetime)
    if has_time:
        value = timezone.localtime(value)
    french = (get_language() or "fr").startswith("fr")
    if not french:
        return dateformat.format(value, "j F Y, H:i" if has_time else "j F Y")
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day}\u00a0{dateformat.format(value, 'F Y')}"
    if has_time:
        text += f" à {value.hour}\u00a0h\u00a0{value.minute:02d}"
    return text
