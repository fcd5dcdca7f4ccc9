"""Sending e-mail through the task queue, so a slow or failing mail server never
blocks or breaks a reader's request; failed sends are tried again later."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def queue_email(to: list[str], subject: str, body: str, headers: dict | None = None) -> None:
    """Hand an e-mail to the worker. Never raises: a queue problem is logged, and the
    reader's comment is already stored."""
    try:
        send_email.enqueue(to=to, subject=subject, body=body, headers=headers or {})
    except Exception:
        logger.exception("Could not queue an e-mail %r", subject)


@task()
def send_email(
    to: list[str], subject: str, body: str, headers: dict | None = None, attempt: int = 1
) -> bool:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    try:
        message.send()
        return True
    except Exception as error:  # SMTP, network and DNS errors alike
        logger.warning("Sending %r failed (attempt %d): %s", subject, attempt, error)
        _retry(to, subject, body, headers, attempt)
        return False


def _retry(to, subject, body, headers, attempt: int) -> None:
    if attempt >= MAX_ATTEMPTS:
        logger.error("Gave up sending %r after %d attempts", subject, attempt)
        return
    backend = send_email.get_backend()
    if not backend.supports_defer:
        # The immediate backend (tests) cannot wait; try again at once.
        send_email.call(to, subject, body, headers, attempt + 1)
        return
    # 1, 2, 4, 8 minutes: a mail server back within a quarter of an hour loses nothing.
    delay = datetime.timedelta(minutes=2 ** (attempt - 1))
    send_email.using(run_after=timezone.now() + delay).enqueue(
        to=to, subject=subject, body=body, headers=headers, attempt=attempt + 1
    )
