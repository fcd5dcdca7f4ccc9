"""Readers' comments on articles, threaded, with their moderation status."""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from manchette.lib.import_refs import import_ref_field, unique_import_ref


def email_key(address: str) -> str:
    """The one form in which addresses are compared (see docs/decisions.md): the domain
    in ASCII (IDNA, as Django's mail sends it) and lowercase, the local part with its
    ASCII letters lowercased and every other character kept as typed. Unicode case
    folding would make `gmaıl` (dotless ı) or a Kelvin sign match someone else's address."""
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return _ascii_lower(address.strip())
    # Not a valid domain name: compared as typed, it can match nobody else's.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{_ascii_lower(local)}@{_ascii_lower(domain)}"


def _ascii_lower(text: str) -> str:
    return re.sub(r"[A-Z]+", lambda match: match.group().lower(), text)


INVISIBLE = {"Cf", "Cc"}


def visible_text(text: str) -> str:
    """The text as a reader sees it: invisible format characters (zero-width spaces and
    joiners, soft hyphens, byte order marks) and control characters out, spaces collapsed."""
    shown = "".join(
        char for char in text if char.isspace() or unicodedata.category(char) not in INVISIBLE
    )
    return " ".join(shown.split())


def text_digest(text: str) -> str:
    """Two comments with this same digest read the same: case and invisible characters
    aside."""
    return hashlib.sha256(visible_text(text).casefold().encode()).hexdigest()[:32]


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def by_email(self, email: str) -> CommentQuerySet:
        return self.filter(email_key=email_key(email))

    # Importers store comments in bulk, which skips save(): the derived fields are filled
    # here too.
    def bulk_create(self, objs: Iterable[Comment], *args, **kwargs) -> list[Comment]:
        objs = list(objs)
        for comment in objs:
            comment.fill_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Iterable[Comment], fields: Iterable[str], *args, **kwargs) -> int:
        objs, fields = list(objs), list(fields)
        for comment in objs:
            comment.fill_keys(fields)
        fields += [key for source, key in DERIVED if source in fields and key not in fields]
        return super().bulk_update(objs, fields, *args, **kwargs)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        APPROVED = "approved", _("Approuvé")
        SPAM = "spam", _("Indésirable")
        TRASH = "trash", _("Corbeille")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    # The top comment of the thread (itself for a top comment): threads are paginated
    # as a whole, so one query fetches every reply of a page's threads.
    thread = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    # The address as compared (email_key()): always an exact match, on every database.
    email_key = models.CharField(max_length=254, editable=False, db_index=True, default="")
    website = models.URLField(_("site web"), max_length=300, blank=True)
    text = models.TextField(_("commentaire"))
    # Finds the same text posted twice, whatever its case or invisible characters.
    text_digest = models.CharField(max_length=32, editable=False, default="")
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Why the screening held or refused it, for the moderators.
    reason = models.CharField(_("motif"), max_length=200, blank=True)
    notify_replies = models.BooleanField(_("prévenir des réponses"), default=False)
    by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("réponse de la rédaction"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Not auto_now_add: imported comments keep their own dates.
    created_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    approved_at = models.DateTimeField(_("approuvé le"), null=True, blank=True, editable=False)
    # Kept for spam defence only, and erased after COMMENTS_IP_RETENTION_DAYS.
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True, editable=False)
    user_agent = models.CharField(_("navigateur"), max_length=300, blank=True, editable=False)

    import_ref = import_ref_field()

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["article", "text_digest"]),
        ]
        constraints = [unique_import_ref("comment")]

    def __str__(self) -> str:
        return f"{self.name} : {self.text[:50]}"

    def save(self, *args, **kwargs) -> None:
        self.fill_keys(kwargs.get("update_fields"))
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, *(key for src, key in DERIVED if src in fields)}
        if self.parent_id:
            self.depth = self.parent.depth + 1
            self.thread_id = self.parent.thread_id or self.parent_id
        super().save(*args, **kwargs)
        if self.thread_id is None:
            self.thread_id = self.pk
            Comment.objects.filter(pk=self.pk).update(thread=self.pk)

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def fill_keys(self, fields: Iterable[str] | None = None) -> None:
        """Derive the keys of the fields about to be written (all of them by default):
        a moderation decision writes neither the address nor the text."""
        if fields is None or "email" in fields:
            self.email_key = email_key(self.email)
        if fields is None or "text" in fields:
            self.text_digest = text_digest(self.text)

    @property
    def anchor(self) -> str:
        return f"commentaire-{self.pk}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


# Fields computed from another on every save: (source, derived).
DERIVED = [("email", "email_key"), ("text", "text_digest")]
