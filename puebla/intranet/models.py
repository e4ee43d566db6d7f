"""Notices the secretariat posts to an audience: the intranet's simplest restricted record."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from puebla.core.access import AudienceFields, AudienceQuerySet


class Notice(AudienceFields):
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    published_on = models.DateField(_("published on"))

    objects = AudienceQuerySet.as_manager()
    # Its history is registered in translation.py, after the translated columns exist.

    class Meta(AudienceFields.Meta):
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-published_on", "slug"]

    def __str__(self):
        return self.title
