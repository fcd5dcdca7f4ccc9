"""Fixtures of the comment tests: a real SMTP server that keeps what it receives."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from manchette.tests.fresh_process import free_port


@dataclass
class ReceivedMail:
    envelope_to: list[str]
    message: EmailMessage
    raw: bytes

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        return self.message.get_content().replace("\r\n", "\n")


class Inbox(list):
    """Messages received, in order; set `refuse` to make the server reject every message
    at the DATA step, as a full or misconfigured mail server does."""

    refuse: bool = False
    host: str = "127.0.0.1"
    port: int = 0


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.inbox.refuse:
            return "554 5.7.1 Message refused"
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        self.inbox.append(ReceivedMail(list(envelope.rcpt_tos), message, raw))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings) -> Iterator[Inbox]:
    """A local SMTP server, with Django's SMTP backend pointed at it. The Controller has
    received a message before the SMTP transaction ends, so with the immediate task
    backend a test reads its inbox as soon as the code under test returns."""
    inbox = Inbox()
    # The Controller cannot bind port 0: it connects to its own port to check it started.
    inbox.port = free_port()
    controller = Controller(_Handler(inbox), hostname=inbox.host, port=inbox.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = inbox.host
    settings.EMAIL_PORT = inbox.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield inbox
    finally:
        controller.stop()
