"""The document repository: records with metadata in both languages, their files (one per
language, or one bilingual), and every version of each file.

A document has an audience (puebla.core.access); its files and their versions are child
records, seen exactly when the document is. A folder (a body's, a meeting's) gives the
documents made in it their default audience. Files are kept in a storage of their own, never
under a public URL: they are served by a view that checks the audience on every request.
"""

import uuid

from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.access import AudienceFields, AudienceQuerySet, ChildQuerySet
from puebla.core.bilingual import bilingual
from puebla.core.provenance import Provenance
from puebla.core.text import text_in


class Theme(models.TextChoices):
    """The three themes of the Plan of Action."""

    POLICY = "policy", _("Migration policy and management")
    RIGHTS = "rights", _("Human rights")
    DEVELOPMENT = "development", _("Migration and development")


class Folder(AudienceFields):
    """Where a body or a meeting keeps its documents; new documents take its audience."""

    EDITING_BODY_FIELD = "body"

    name_es, name_en = bilingual(models.CharField, _("name"), max_length=200)
    body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AudienceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta(AudienceFields.Meta):
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        ordering = ["name_es", "pk"]

    def __str__(self):
        return text_in(self, "name") or f"#{self.pk}"


class DocumentQuerySet(AudienceQuerySet):
    def for_listing(self):
        return self.select_related("body", "meeting").prefetch_related("files")

    def latest_first(self):
        """Newest first by the date the document bears (its year, then its day), then by
        when it was added: an undated document comes after every dated one."""
        return self.order_by(
            models.F("year").desc(nulls_last=True),
            models.F("date").desc(nulls_last=True),
            "-created_at",
            "slug",
        )


class Document(AudienceFields, Provenance):
    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("Declaration")
        GUIDELINE = "guideline", _("Guidelines")
        MANUAL = "manual", _("Manual")
        STUDY = "study", _("Study")
        REPORT = "report", _("Report")
        MINUTES = "minutes", _("Minutes")
        PRESENTATION = "presentation", _("Presentation")
        MATRIX = "matrix", _("Comparative matrix")
        PLAN = "plan", _("Plan")
        WORK_PLAN = "work_plan", _("Work plan")
        CAMPAIGN = "campaign", _("Campaign")
        OTHER = "other", _("Other document")

    EDITING_BODY_FIELD = "body"

    slug = models.SlugField(_("key"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=400)
    summary_es, summary_en = bilingual(models.TextField, _("summary"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Only when the day is known.")
    )
    body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    folder = models.ForeignKey(
        Folder,
        verbose_name=_("folder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    theme = models.CharField(
        _("Plan of Action theme"), max_length=20, choices=Theme.choices, blank=True
    )
    # A document Puebla holds no file of may still be read somewhere: a meeting's concept
    # note on a host government's site, say.
    external_url = models.URLField(
        _("kept elsewhere at"),
        max_length=500,
        blank=True,
        help_text=_("The address where the document can be read, when Puebla holds no file of it."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["audience_bodies"])

    class Meta(AudienceFields.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = [models.F("year").desc(nulls_last=True), "slug"]
        # The site search asks "which documents may this reader see" of every search: an
        # index holding the audience with the key answers it without reading the documents.
        indexes = [models.Index(fields=["audience", "id"], name="document_audience")]
        constraints = [
            *AudienceFields.Meta.constraints,
            models.CheckConstraint(
                condition=Q(date__isnull=True) | Q(year__isnull=False),
                name="document_date_has_year",
            ),
        ]

    def __str__(self):
        return text_in(self, "title") or self.slug


def documents_storage():
    """The storage the settings name "documents": a folder no URL serves, by default."""
    return storages["documents"]


def stored_name(instance, filename: str) -> str:
    """A name that says nothing and collides with nothing; the extension is the content's."""
    return f"{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class DocumentFile(models.Model):
    """One version of a document's file in one language (or bilingual). The newest version
    of each language is the one shown; older ones are kept, and any can be restored."""

    class Language(models.TextChoices):
        SPANISH = "es", _("Spanish")
        ENGLISH = "en", _("English")
        BILINGUAL = "es_en", _("Bilingual")

    class TextState(models.TextChoices):
        PENDING = "pending", _("Text not read yet")
        READ = "read", _("Text read")
        UNREADABLE = "unreadable", _("Text could not be read")
        NONE = "none", _("No text to read")

    ACCESS_PARENT = "document"

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files"
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=documents_storage, upload_to=stored_name)
    original_name = models.CharField(_("name as uploaded"), max_length=255)
    extension = models.CharField(_("type"), max_length=10)
    mime = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("restored from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,  # empty: loaded by Puebla itself (demo mode), or the account is gone
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    text = models.TextField(_("text"), blank=True, editable=False)
    text_state = models.CharField(
        _("text"), max_length=10, choices=TextState.choices, default=TextState.PENDING
    )
    text_problem = models.CharField(_("why the text could not be read"), max_length=300, blank=True)

    objects = ChildQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["document", "language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language", "version"], name="documentfile_one_version"
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.get_language_display()}, v{self.version})"

    def download_name(self) -> str:
        """The name a download is saved under: the document's key, language and version."""
        return f"{self.document.slug}-{self.language}-v{self.version}.{self.extension}"
