"""Signed preview links of unpublished articles: made and checked here, served by the
desk (desk/preview.py).

A link carries the article's id and a fingerprint of what it was made for: who created
and signs the article, whether it was live (published or scheduled) and its publication
time. It stops working when any of these change, when the article is deleted, or after
PREVIEW_MAX_AGE: a link sent to a source dies when the article changes authors or is
unpublished, and an old draft's link does not come back to life after a publication and
an unpublication (the publication time stays set)."""

from __future__ import annotations

from django.core import signing
from django.utils.crypto import salted_hmac

from .models import Article

PREVIEW_SALT = "manchette.desk.preview"
PREVIEW_MAX_AGE = 30 * 24 * 3600


class PreviewGone(Exception):
    """The link was genuine but no longer shows anything: expired, deleted, changed."""


def _fingerprint(article: Article) -> str:
    author_ids = sorted(article.bylines.values_list("author_id", flat=True))
    published = int(article.published_at.timestamp()) if article.published_at else None
    live = article.status in Article.LIVE_STATUSES
    state = f"{article.created_by_id}|{author_ids}|{live}|{published}"
    # An HMAC, not the state itself: the signed payload is readable by whoever has it.
    return salted_hmac(PREVIEW_SALT, state).hexdigest()[:24]


def make_preview_token(article: Article) -> str:
    return signing.dumps([article.pk, _fingerprint(article)], salt=PREVIEW_SALT, compress=True)


def article_for_token(token: str) -> Article:
    """The article a link shows (the caller sends readers of a public one to its
    address). Raises signing.BadSignature for a forged link and PreviewGone for a
    genuine one that no longer holds."""
    from .queries import article_page_queryset

    try:
        pk, fingerprint = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PreviewGone from None
    except (TypeError, ValueError):  # genuine, but made before links had fingerprints
        raise PreviewGone from None
    article = article_page_queryset().filter(pk=pk).first()
    if article is None:
        raise PreviewGone
    # Once public, the article is everyone's: any genuine link may lead to it.
    if not article.is_public and _fingerprint(article) != fingerprint:
        raise PreviewGone
    return article
