"""Signed tokens in links sent by e-mail: a commenter's data, and unsubscribing."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Comment, email_key

MY_DATA_SALT = "manchette.comments.my-data"
MY_DATA_MAX_AGE = 24 * 3600
UNSUBSCRIBE_SALT = "manchette.comments.unsubscribe"


def my_data_url(email: str) -> str:
    token = signing.dumps(email_key(email), salt=MY_DATA_SALT, compress=True)
    return settings.SITE_URL + reverse("comments:my-data-manage", kwargs={"token": token})


def email_from_my_data_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=MY_DATA_SALT, max_age=MY_DATA_MAX_AGE)
    except signing.BadSignature:
        return None


def unsubscribe_url(comment: Comment) -> str:
    # No expiry: a one-click unsubscribe link must work however old the e-mail is.
    token = signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("comments:unsubscribe", kwargs={"token": token})


def comment_from_unsubscribe_token(token: str) -> Comment | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk).first()
