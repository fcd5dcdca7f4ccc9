"""Spam defence that needs no third party: honeypot, signed form time, rate limits,
duplicates, and an optional Akismet-compatible check."""

from __future__ import annotations

import hashlib
import logging
import math
import re
import time
import urllib.parse
import urllib.request

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

from .models import email_key, visible_text

logger = logging.getLogger(__name__)

TIMESTAMP_SALT = "manchette.comments.form-time"


class Refused(Exception):
    """A comment refused before it is stored, with the French reason shown to the reader."""


def form_timestamp() -> str:
    return signing.dumps(time.time(), salt=TIMESTAMP_SALT)


def check_timestamp(token: str) -> None:
    """Bots post at once or replay an old page; people take a few seconds."""
    try:
        issued = float(signing.loads(token, salt=TIMESTAMP_SALT))
        if not math.isfinite(issued):
            raise ValueError(issued)
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        raise Refused(
            _("Le formulaire a expiré ou n’est pas valide. Rechargez la page et réessayez.")
        ) from None
    age = time.time() - issued
    if age < settings.COMMENTS_MIN_SECONDS:
        raise Refused(
            _("Votre commentaire est arrivé trop vite. Relisez-le et envoyez-le de nouveau.")
        )
    if age > settings.COMMENTS_FORM_MAX_AGE:
        raise Refused(
            _("Le formulaire est trop ancien. Rechargez la page : votre texte reste ci-dessous.")
        )


def check_rate(ip: str | None, email: str) -> None:
    """Count posts per IP and per e-mail in the shared cache, so the limits hold across
    every worker process and server."""
    window = settings.COMMENTS_RATE_WINDOW
    bucket = int(time.time() // window)
    limits = [(f"ip:{ip}", settings.COMMENTS_RATE_PER_IP)] if ip else []
    limits.append((f"email:{digest(email_key(email))}", settings.COMMENTS_RATE_PER_EMAIL))
    for who, limit in limits:
        if count_hit(f"comments:rate:{who}:{bucket}", window) > limit:
            raise Refused(
                _(
                    "Vous avez publié beaucoup de commentaires en peu de temps. "
                    "Patientez quelques minutes avant de réessayer."
                )
            )


def count_hit(key: str, window: int) -> int:
    """One more hit on a counter of the shared cache that lives `window` seconds.

    While the cache is down its backend counts every hit as the first
    (manchette/cache_backends.py): the limit fails open, and the comment still meets
    the other rules and moderation, rather than every reader being refused."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def digest(value: str) -> str:
    # Cache keys carry no e-mail address in clear.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def normalized(text: str) -> str:
    # Invisible characters out, so that "v\u200biagra" is still the word it shows.
    return visible_text(text).casefold()


# What a reader's software turns into a link: an address with its scheme, one starting
# with www., a domain with a path (`example.com/page`, any case), or a bare lowercase
# domain (`example.com`; lowercase only, so that "fin.Puis" or "M.Dupont" is no link).
# Not the domain of an e-mail address.
_DOMAIN = r"(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}"
LINK = re.compile(
    rf"(?i:https?://|www\.)\S+|(?i:{_DOMAIN})/\S*|{_DOMAIN}(?![\w@-])",
)


def link_count(text: str) -> int:
    return len(LINK.findall(text))


def contains_word(text: str, words: list[str]) -> str | None:
    folded = normalized(text)
    for word in words:
        if word and re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", folded):
            return word
    return None


def akismet_says_spam(comment, *, permalink: str, referrer: str = "") -> bool:
    """Ask an Akismet-compatible service, when configured. Any failure counts as
    'not spam': the comment then goes through the site's own rules."""
    if not settings.AKISMET_API_KEY:
        return False
    data = urllib.parse.urlencode(
        {
            "api_key": settings.AKISMET_API_KEY,
            "blog": settings.SITE_URL,
            "user_ip": comment.ip or "",
            "user_agent": comment.user_agent,
            "referrer": referrer,
            "permalink": permalink,
            "comment_type": "comment",
            "comment_author": comment.name,
            "comment_author_email": comment.email,
            "comment_author_url": comment.website,
            "comment_content": comment.text,
            "blog_lang": "fr",
        }
    ).encode()
    try:
        with urllib.request.urlopen(settings.AKISMET_URL, data=data, timeout=5) as response:
            return response.read().strip() == b"true"
    except OSError as error:
        logger.warning("Akismet check failed: %s", error)
        return False
