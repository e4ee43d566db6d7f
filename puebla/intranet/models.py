"""Notices the secretariat posts to an audience: the intranet's simplest restricted record."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.access import AudienceFields, AudienceQuerySet, is_secretariat
from puebla.core.bilingual import bilingual
from puebla.core.indexes import NullsLastIndex
from puebla.core.provenance import Provenance
from puebla.core.text import text_in


class NoticeQuerySet(AudienceQuerySet):
    def with_slug(self, slug: str):
        """The notice whose key, in either language, is `slug`."""
        return self.filter(Q(slug=slug) | Q(slug_es=slug))

    def visible_to(self, user):
        """A notice dated later is published that day: until then only the secretariat, who
        wrote it, sees it. Undated notices (the samples') are shown."""
        visible = super().visible_to(user)
        if is_secretariat(user):
            return visible
        # "Not dated later" (undated or dated up to today) said as one negated test, not an OR
        # of two date ranges: SQLite would read those from the date index and then sort them
        # all, where this lets it walk the index in the list's order and stop at its LIMIT.
        return visible.exclude(published_on__gt=timezone.localdate())


class Notice(Provenance, AudienceFields):
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    # The key in Spanish URLs, made from the Spanish title; the English key works there too.
    slug_es = models.SlugField(
        _("key in Spanish"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=200)
    body_es, body_en = bilingual(models.TextField, _("text"))
    # Empty when the date is not known (the sample notices'): shown as "not given", never guessed.
    published_on = models.DateField(_("published on"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["audience_bodies"])

    class Meta(AudienceFields.Meta):
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        # Undated notices last, on SQLite and PostgreSQL alike.
        ordering = [F("published_on").desc(nulls_last=True), "slug"]
        indexes = [
            # The home's latest notices and the notices' pages: read in this order, a LIMIT's
            # worth, rather than every notice the reader may see sorted first.
            NullsLastIndex(fields=["-published_on", "slug"], name="notice_latest_first"),
        ]

    def __str__(self):
        return text_in(self, "title")

    def save(self, *args, **kwargs):
        if not self.slug_es and self.title_es:
            self.slug_es = self._free_spanish_slug()
        super().save(*args, **kwargs)

    def _free_spanish_slug(self) -> str:
        base = slugify(self.title_es)[:70] or self.slug
        taken = Notice.objects.exclude(pk=self.pk)
        slug, number = base, 1
        while taken.filter(slug_es=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def slug_in(self, language: str) -> str:
        return self.slug_es if language == "es" and self.slug_es else self.slug

    @property
    def url_slug(self) -> str:
        """The key of this notice's URL in the active language."""
        return self.slug_in(get_language() or "es")
