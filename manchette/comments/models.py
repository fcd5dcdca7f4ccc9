"""Readers' comments on articles, threaded, with their moderation status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from manchette.importers.refs import import_ref_field, unique_import_ref


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def by_email(self, email: str) -> CommentQuerySet:
        return self.filter(email__iexact=email.strip())


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
    website = models.URLField(_("site web"), max_length=300, blank=True)
    text = models.TextField(_("commentaire"))
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
            models.Index(fields=["email"]),
        ]
        constraints = [unique_import_ref("comment")]

    def __str__(self) -> str:
        return f"{self.name} : {self.text[:50]}"

    def save(self, *args, **kwargs) -> None:
        if self.parent_id:
            self.depth = self.parent.depth + 1
            self.thread_id = self.parent.thread_id or self.parent_id
        super().save(*args, **kwargs)
        if self.thread_id is None:
            self.thread_id = self.pk
            Comment.objects.filter(pk=self.pk).update(thread=self.pk)

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"commentaire-{self.pk}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
