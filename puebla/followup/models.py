"""Commitments follow-up: declarations, their commitments, the secretariat's requests for
input, each country's answer, the reminders that chase it, and the comparative matrix.

Model API (for views, forms, jobs; writes go through each area's services module):

- `Declaration`: of a Vice-Ministerial meeting (`meeting`, a Meeting of kind
  vice_ministerial; `clean()` refuses another kind). title_es/title_en, adopted_on,
  `document` (the declaration's Document, if any). `declaration.commitments`.
- `Commitment`: `declaration`, `number` (as the declaration numbers it: "3", "3.a"; unique per
  declaration), `position` (reading order), text_es/text_en, `theme` (the Plan of Action's
  themes, puebla.documents.models.Theme; blank), responsible parties (`responsible_bodies`,
  `responsible_countries`, free text responsible_es/responsible_en), `plan_items`
  (planning.Item), `gcm_objectives` (planning.GcmObjective). `commitment.requests`.
  The trace: meeting → declaration → commitment → plan_items / requests → answers → files.
- `MatrixCycle`: one per RCGM meeting (`meeting`, unique), `previous` (the cycle its
  changes are compared with, set by matrix.services.cycle_create), `due_date`. `cycle.topics`.
- `MatrixTopic`: `cycle`, `key` (matches a topic across cycles), position, title_es/title_en.
- `MatrixEntry`: country-owned (owner_country) per (topic, country): what changed in
  `policy`, `legislation`, `regulations` (text as the country wrote it), `submitted_at`
  (None: a draft, not in the matrix); `published_at` once matrix.services.cycle_publish opened it
  to an audience, which ends editing.
- `InputRequest`: the secretariat asks `countries` (some or all member states;
  `all_member_states` says which was chosen) for input on a topic (title_es/title_en) and the
  `commitments` (of one declaration) it follows up, optionally within a matrix `cycle`. instructions_es/instructions_en,
  an optional template file (`template_file`, stored like the documents app's files: checked
  by content, kept out of public URLs; `template_name` as uploaded), `due_date`,
  `late_rule` (ACCEPT_LATE: taken and marked late; CLOSED: refused after the due date),
  who is reminded (`remind_focal_points`, `remind_officials`, `remind_head`,
  `escalate_to_head` = after the due date the head of delegation is reminded too),
  reminder text per language (reminder_text_es/en, optional), `created_by`, `created_at`.
  `request.closes_at` is the end of the due date in the secretariat's time zone;
  `request.is_closed(now)` is True past it for a CLOSED request only.
- `ReminderRule`: rows per request. `offset_days` from the due date (-14, -3, 0; positive
  after it), `repeat_days` (7: weekly while overdue; None: once). `rule.dates(until)`.
- `SentReminder`: that `country` was reminded of `request` for the scheduled date
  `scheduled_for` (unique per request, country and date: the claim that makes a reminder go
  once however many workers run).
- `SentDigest`: that `user` got the digest of `on_date` (unique: one digest a day).
- `HeadOfDelegation`: per country, the person reminders escalate to (name, email, language).
- `ReminderPreference`: per user, `digest` (one mail for all the country's pending requests).
- `Answer`: country-owned (puebla.core.access.CountryOwnedFields: its country's officials and
  the secretariat see it; its focal points edit it while unpublished; `published_at` is set
  on acceptance, which ends editing; `audience` stays "secretariat" so it never leaks).
  One per (request, owner_country). `state` (State: NOT_STARTED, DRAFT, SUBMITTED,
  RETURNED, ACCEPTED), `late`, `text` (Markdown source; `answer.text_html` is rendered and
  cleaned by puebla.followup.markdown), `submitted_at`, `submitted_by`, `version`.
  `answer.files` (AnswerFile), `answer.transitions` (Transition), `answer.history`.
  A country with no Answer row has not started.
- `Transition`: from_state, to_state, `by` (user), `on_behalf_of` (the country the
  secretariat acted for when it wrote or submitted a country's answer; None when people acted
  for themselves: a focal point for their own country, the secretariat deciding), `at`,
  `comment`. `transition.actor()` says who, in words.
- `AnswerFile`: a file of an answer (seen exactly when its answer is: ACCESS_PARENT).

Mail links point to the URL named "followup:request" (args=[request.pk]), the request's
page (puebla.followup.requests.links).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from puebla.core.access import AudienceQuerySet, ChildQuerySet, CountryOwnedFields
from puebla.core.bilingual import bilingual
from puebla.core.text import text_in
from puebla.documents.models import Theme, documents_storage, stored_name
from puebla.followup.querysets import InputRequestQuerySet

LANGUAGES = [("es", "Español"), ("en", "English")]


class Declaration(models.Model):
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("Vice-Ministerial meeting"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-adopted_on", "pk"]

    def __str__(self):
        return text_in(self, "title") or str(self.meeting)

    def clean(self):
        if not (self.title_es or self.title_en):
            raise ValidationError(
                {"title_es": _("Give the title in Spanish, in English, or both.")}
            )
        if self.meeting_id and self.meeting.kind != "vice_ministerial":
            raise ValidationError(
                {"meeting": _("A declaration belongs to a Vice-Ministerial meeting.")}
            )


class Commitment(models.Model):
    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    text_es, text_en = bilingual(models.TextField, _("text"))
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    responsible_bodies = models.ManyToManyField(
        "directory.Body", verbose_name=_("responsible bodies"), blank=True, related_name="+"
    )
    responsible_countries = models.ManyToManyField(
        "directory.Country",
        verbose_name=_("responsible countries"),
        blank=True,
        related_name="+",
    )
    responsible_es, responsible_en = bilingual(models.CharField, _("responsible"), max_length=300)
    plan_items = models.ManyToManyField(
        "planning.Item",
        verbose_name=_("Plan of Action items"),
        blank=True,
        related_name="commitments",
    )
    gcm_objectives = models.ManyToManyField(
        "planning.GcmObjective",
        verbose_name=_("Global Compact objectives"),
        blank=True,
        related_name="commitments",
    )

    history = HistoricalRecords(m2m_fields=[plan_items, gcm_objectives])

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["declaration", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "number"], name="commitment_one_per_number"
            )
        ]

    def __str__(self):
        return f"{self.number}. {text_in(self, 'text')[:80]}"

    def clean(self):
        if not (self.text_es or self.text_en):
            raise ValidationError({"text_es": _("Give the text in Spanish, in English, or both.")})


class MatrixCycle(models.Model):
    """The comparative matrix collected before one RCGM meeting."""

    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("RCGM meeting"),
        on_delete=models.PROTECT,
        related_name="matrix_cycle",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("input due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comparative matrix cycle")
        verbose_name_plural = _("comparative matrix cycles")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.meeting)

    def is_past_due(self, today: datetime.date) -> bool:
        return bool(self.due_date and self.due_date < today)

    def clean(self):
        if self.meeting_id and self.meeting.kind != "rcgm":
            raise ValidationError({"meeting": _("A matrix cycle belongs to an RCGM meeting.")})


class MatrixTopic(models.Model):
    cycle = models.ForeignKey(
        MatrixCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="topics"
    )
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=200)

    class Meta:
        verbose_name = _("matrix topic")
        verbose_name_plural = _("matrix topics")
        ordering = ["cycle", "position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "key"], name="matrixtopic_one_per_key")
        ]

    def __str__(self):
        return text_in(self, "title") or self.key


class MatrixEntry(CountryOwnedFields):
    """A country's changes on one topic of a cycle: seen by its officials and the secretariat."""

    AREAS = ("policy", "legislation", "regulations")

    topic = models.ForeignKey(
        MatrixTopic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="entries"
    )
    policy = models.TextField(_("policy"), blank=True)
    legislation = models.TextField(_("legislation"), blank=True)
    regulations = models.TextField(_("regulations"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = AudienceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(CountryOwnedFields.Meta):
        verbose_name = _("matrix entry")
        verbose_name_plural = _("matrix entries")
        ordering = ["topic", "owner_country"]
        constraints = [
            *CountryOwnedFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["topic", "owner_country"], name="matrixentry_one_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.topic} · {self.owner_country}"


class InputRequest(models.Model):
    class LateRule(models.TextChoices):
        ACCEPT_LATE = "accept_late", _("Accept late answers and mark them late")
        CLOSED = "closed", _("Closed after the due date")

    # The commitments of one declaration that the request follows up (the secretariat
    # "sends reminders to the Member States of the commitments stated at the Vice-Ministerial
    # Declaration", seed 001: several at once). Checked by requests.services.
    commitments = models.ManyToManyField(
        Commitment,
        verbose_name=_("commitments followed up"),
        blank=True,
        related_name="requests",
    )
    cycle = models.ForeignKey(
        MatrixCycle,
        verbose_name=_("matrix cycle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    title_es, title_en = bilingual(models.CharField, _("topic"), max_length=300)
    instructions_es, instructions_en = bilingual(models.TextField, _("instructions"))
    template_file = models.FileField(
        _("template file"), storage=documents_storage, upload_to=stored_name, blank=True
    )
    template_name = models.CharField(_("template as uploaded"), max_length=255, blank=True)
    due_date = models.DateField(_("due date"))
    late_rule = models.CharField(
        _("late answers"), max_length=12, choices=LateRule.choices, default=LateRule.ACCEPT_LATE
    )
    all_member_states = models.BooleanField(_("all member states"), default=False)
    countries = models.ManyToManyField(
        "directory.Country", verbose_name=_("addressed countries"), related_name="+"
    )
    remind_focal_points = models.BooleanField(_("remind the focal points"), default=True)
    remind_officials = models.BooleanField(_("remind all the country's officials"), default=False)
    remind_head = models.BooleanField(_("remind the head of delegation"), default=False)
    escalate_to_head = models.BooleanField(
        _("after the due date, remind the head of delegation too"), default=False
    )
    reminder_text_es, reminder_text_en = bilingual(models.TextField, _("reminder text"))
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[countries, commitments])

    objects = InputRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request for input")
        verbose_name_plural = _("requests for input")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return text_in(self, "title") or str(self.pk)

    def title_in(self, language: str) -> str:
        """The topic in `language`, else the other one, else the commitments followed up
        ("3. Share changes to…; 4. …")."""
        return text_in(self, "title", language) or "; ".join(
            f"{commitment.number}. {text_in(commitment, 'text', language)[:80]}"
            for commitment in self.commitments.all()
        )

    @property
    def closes_at(self) -> datetime.datetime:
        """The end of the due date where the secretariat works: answers are on time until then."""
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        next_day = self.due_date + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone)

    def is_past_due(self, now: datetime.datetime) -> bool:
        return now >= self.closes_at

    @staticmethod
    def past_due(now: datetime.datetime) -> Q:
        """`is_past_due(now)` as a filter: due before the day `now` is where the secretariat works."""
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return Q(due_date__lt=now.astimezone(zone).date())

    def is_closed(self, now: datetime.datetime) -> bool:
        return self.late_rule == self.LateRule.CLOSED and self.is_past_due(now)


class ReminderRule(models.Model):
    request = models.ForeignKey(
        InputRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="reminder_rules",
    )
    offset_days = models.SmallIntegerField(
        _("days from the due date"),
        help_text=_("Negative before the due date (-14), 0 on it, positive after it."),
    )
    repeat_days = models.PositiveSmallIntegerField(
        _("then every (days)"), null=True, blank=True, help_text=_("Empty: once.")
    )

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["request", "offset_days"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "offset_days"], name="reminderrule_one_per_offset"
            ),
            models.CheckConstraint(
                condition=Q(repeat_days__isnull=True) | Q(repeat_days__gt=0),
                name="reminderrule_repeat_positive",
            ),
        ]

    def __str__(self):
        return f"{self.request_id}: {self.offset_days:+d}"

    def dates(self, due_date: datetime.date, until: datetime.date) -> list[datetime.date]:
        """The days this rule reminds on, up to `until` included."""
        first = due_date + datetime.timedelta(days=self.offset_days)
        if not self.repeat_days:
            return [first] if first <= until else []
        days, step = [], datetime.timedelta(days=self.repeat_days)
        while first <= until:
            days.append(first)
            first += step
        return days


class SentReminder(models.Model):
    request = models.ForeignKey(
        InputRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="+"
    )
    country = models.ForeignKey(
        "directory.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    scheduled_for = models.DateField(_("scheduled for"))
    escalated = models.BooleanField(_("escalated"), default=False)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "country", "scheduled_for"], name="sentreminder_once"
            )
        ]

    def __str__(self):
        return f"{self.request_id} · {self.country_id} · {self.scheduled_for}"


class SentDigest(models.Model):
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("account"), on_delete=models.CASCADE, related_name="+"
    )
    on_date = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("sent digest")
        verbose_name_plural = _("sent digests")
        constraints = [
            models.UniqueConstraint(fields=["user", "on_date"], name="sentdigest_once_a_day")
        ]

    def __str__(self):
        return f"{self.user_id} · {self.on_date}"


class HeadOfDelegation(models.Model):
    country = models.OneToOneField(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language for mail"), max_length=2, choices=LANGUAGES)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("head of delegation")
        verbose_name_plural = _("heads of delegation")
        ordering = ["country"]

    def __str__(self):
        return f"{self.full_name} ({self.country})"


class ReminderPreference(models.Model):
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="followup_preference",
    )
    digest = models.BooleanField(
        _("one mail for all pending requests"),
        default=False,
        help_text=_("Receive one reminder listing all your country's pending requests."),
    )

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return str(self.user)


class AnswerQuerySet(AudienceQuerySet):
    def pending(self):
        return self.filter(state__in=Answer.PENDING)


class Answer(CountryOwnedFields):
    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        # Of an answer (la respuesta: "Devuelta"); the fund's "Returned" is another word.
        RETURNED = "returned", pgettext_lazy("answer state", "Returned")
        ACCEPTED = "accepted", _("Accepted")

    # States in which the country still owes the answer.
    PENDING = (State.NOT_STARTED, State.DRAFT, State.RETURNED)
    RECEIVED = (State.SUBMITTED, State.ACCEPTED)

    request = models.ForeignKey(
        InputRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="answers"
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.NOT_STARTED
    )
    late = models.BooleanField(_("late"), default=False)
    text = models.TextField(_("answer"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(CountryOwnedFields.Meta):
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["request", "owner_country"]
        constraints = [
            *CountryOwnedFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["request", "owner_country"], name="answer_one_per_country"
            ),
        ]
        indexes = [
            # Everything the completeness counts read of every answer (received, on time, per
            # country, while still owed): summed from the index alone, not the answers' rows.
            models.Index(
                fields=["owner_country", "state", "late", "request"], name="answer_counted"
            ),
        ]

    def __str__(self):
        return f"{self.request} · {self.owner_country}"

    @property
    def text_html(self):
        from puebla.followup.markdown import render  # markdown imports nothing of ours

        return render(self.text)


class Transition(models.Model):
    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=12, choices=Answer.State.choices)
    to_state = models.CharField(_("to"), max_length=12, choices=Answer.State.choices)
    by = models.ForeignKey(
        "accounts.User", verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        "directory.Country",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"))
    comment = models.TextField(_("comment"), blank=True)

    ACCESS_PARENT = "answer"
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer step")
        verbose_name_plural = _("answer steps")
        # The order they were taken in: a step's `at` may be the moment a service was told
        # (a submission judged at a given time), not the order of the rows.
        ordering = ["answer", "pk"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"

    def actor(self) -> str:
        """Who took the step, for whom they work, and whom they acted for when it was not
        themselves: "Ana Pérez (Costa Rica)", "Luis Mora (Technical Secretariat)", "Luis Mora
        (Technical Secretariat), on behalf of Costa Rica". Answers are written by a country's
        focal points and by the secretariat, who alone has no country (`by__country` and
        `on_behalf_of` should be selected with the step)."""
        person = self.by.full_name or self.by.email
        works_for = self.by.country if self.by.country_id else _("Technical Secretariat")
        if self.on_behalf_of_id and self.on_behalf_of_id != self.by.country_id:
            return _("%(person)s (%(works_for)s), on behalf of %(country)s") % {
                "person": person,
                "works_for": works_for,
                "country": self.on_behalf_of,
            }
        return _("%(person)s (%(works_for)s)") % {"person": person, "works_for": works_for}


class AnswerFile(models.Model):
    ACCESS_PARENT = "answer"

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), storage=documents_storage, upload_to=stored_name)
    original_name = models.CharField(_("name as uploaded"), max_length=255)
    extension = models.CharField(_("type"), max_length=10)
    mime = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer file")
        verbose_name_plural = _("answer files")
        ordering = ["answer", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def download_name(self) -> str:
        """A neutral name: the request, the country and the file's number."""
        return f"request-{self.answer.request_id}-{self.answer.owner_country_id}-{self.pk}.{self.extension}"
