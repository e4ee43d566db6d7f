"""Records every app shares: the mail waiting to go out, the translation desk's translations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OutgoingMail(models.Model):
    """One message, written in the transaction that caused it and sent by a job after commit.

    Its state makes delivery once: a job claims a message before sending it, so a repeated job
    finds it claimed or sent and does nothing. The database holds the retry schedule
    (puebla.core.mail_delivery), so neither a dead worker nor a lost queue loses a message.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed; will be retried")
        GAVE_UP = "gave_up", _("Not sent: refused at every try")

    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    # [{"filename": ..., "content": text, "mimetype": ...}]: calendar files are text.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    # When a worker took it: one that holds it longer than the lease died with it.
    claimed_at = models.DateTimeField(_("taken to be sent"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next try"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return self.subject


class Translation(models.Model):
    """A text written in the translation desk into the language its record lacked.

    The text itself lives in the record's own column (`title_es`); this row says who wrote it,
    when, and from which source text, so pages can mark it "translated by the Technical
    Secretariat" and show it out of date once the source text changes (until someone reviews
    it). A generic relation: the desk serves every kind of bilingual record, and core knows none.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind of record")
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    field = models.CharField(_("text"), max_length=60)
    language = models.CharField(_("language written"), max_length=5)
    source_language = models.CharField(_("language translated from"), max_length=5)
    # The source text as it was when translated or last reviewed: the page compares it with
    # today's to tell whether the translation is out of date, and the desk shows the change.
    source_text = models.TextField(_("source text"))
    by_secretariat = models.BooleanField(_("by the Technical Secretariat"), default=True)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translated by"),
    )
    translated_at = models.DateTimeField(_("translated"))
    reviewed_at = models.DateTimeField(_("last reviewed"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_translation_per_text_and_language",
            )
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} {self.field} → {self.language}"

    def is_out_of_date(self, record) -> bool:
        """Whether `record`'s original has changed since this was translated or reviewed."""
        return getattr(record, f"{self.field}_{self.source_language}") != self.source_text
