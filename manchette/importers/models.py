"""Old addresses of imported items, answered with a 301 to their new address."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class OldLink(models.Model):
    # Path and query as the old site used them ("/?p=12", "/2019/05/04/un-titre/").
    path = models.CharField(_("ancienne adresse"), max_length=1000, unique=True)
    # The item it now leads to (followed at request time, so renames are followed)…
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    # …or a fixed address (a media file, a feed).
    url = models.CharField(_("nouvelle adresse"), max_length=1000, blank=True)
    source = models.CharField(_("origine"), max_length=50, default="wordpress")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ancienne adresse")
        verbose_name_plural = _("anciennes adresses")

    def __str__(self) -> str:
        return self.path

    def destination(self) -> str | None:
        if self.url:
            return self.url
        target = self.target
        return target.get_absolute_url() if target is not None else None
