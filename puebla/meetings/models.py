"""Meetings of the process: the Conference, the RCGM, networks, groups, workshops, seminars.

Text people read has `_es` and `_en` columns (puebla.core.bilingual). Dates carry their precision
(puebla.meetings.precision): a meeting the sources date only to a year is kept as that year.
"""

import datetime
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.access import Audience, AudienceFields, CountryOwnedFields
from puebla.core.bilingual import bilingual
from puebla.core.provenance import Provenance
from puebla.core.text import text_in
from puebla.meetings import precision
from puebla.meetings.precision import Precision
from puebla.meetings.querysets import (
    AgendaItemQuerySet,
    AttendanceQuerySet,
    MeetingQuerySet,
    NominationQuerySet,
    ParticipationRequestQuerySet,
)


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone name such as America/Costa_Rica."),
            params={"value": value},
        )


class City(Provenance):
    """A host city, once however the sources spell it ("México D.F.", "Ciudad de México")."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    # Blank allowed in each language: a source may give a name in one language only.
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=100)
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the country is not in the directory or not known."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=60, blank=True, validators=[validate_time_zone]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["slug"]
        # One city of a name per country, in each language (the service also folds accents
        # and compares across languages, with a message that says which city it is).
        constraints = [
            models.UniqueConstraint(
                Lower(f"name_{code}"),
                "country",
                condition=~Q(**{f"name_{code}": ""}),
                name=f"city_one_name_{code}_per_country",
                violation_error_message=_("This country already has a city of this name."),
            )
            for code in ("es", "en")
        ]

    def __str__(self):
        return text_in(self, "name")


def _precision_check(end: str) -> Q:
    """The date is there exactly when its precision says one is known, and no finer than that."""
    date, known_to = f"{end}_date", f"{end}_precision"
    return (
        Q(**{known_to: "none", f"{date}__isnull": True})
        | Q(**{known_to: "day", f"{date}__isnull": False})
        | Q(**{known_to: "month", f"{date}__day": 1})
        | Q(**{known_to: "year", f"{date}__day": 1, f"{date}__month": 1})
    )


class Meeting(AudienceFields, Provenance):
    class Kind(models.TextChoices):
        VICE_MINISTERIAL = "vice_ministerial", _("Vice-Ministerial meeting (Conference)")
        RCGM = "rcgm", _("Regional Consultation Group on Migration")
        NETWORK = "network", _("Liaison officer network meeting")
        GROUP = "group", _("Working or ad-hoc group meeting")
        BI_REGIONAL = "bi_regional", _("Bi-regional plenary")
        WORKSHOP = "workshop", _("Workshop")
        SEMINAR = "seminar", _("Seminar")
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")
        VIRTUAL = "virtual", _("Virtual meeting")
        OTHER = "other", _("Other meeting")

    class Status(models.TextChoices):
        NOT_GIVEN = "", _("Not given")
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    class DocumentsLanguage(models.TextChoices):
        NOT_GIVEN = "", _("Not given")
        SPANISH = "es", _("Spanish only")
        ENGLISH = "en", _("English only")
        BOTH = "es_en", _("Spanish and English")

    EDITING_BODY_FIELD = "body"
    # Statuses of a meeting people are still to attend: an online one needs its link.
    AHEAD = (Status.PLANNED, Status.CONFIRMED)

    slug = models.SlugField(_("key"), max_length=100, unique=True)
    # The calendar identity (RFC 5545 UID) never changes; SEQUENCE counts the edits.
    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Blank allowed in each language (a source may give one only); clean() wants one at least.
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=300)
    body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    convened_by_presidency = models.BooleanField(
        _("convened by the Presidency Pro-Tempore"), default=False
    )
    # The government that convened it, when the source names one ("the Government of
    # Honduras (PPT)"): shown as the source words it, beside or instead of the Presidency.
    convening_country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("convened by the government of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    convening_bodies = models.ManyToManyField(
        "directory.Body", verbose_name=_("convened by"), blank=True, related_name="+"
    )
    convening_organisations = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("convened by (organisations)"),
        blank=True,
        related_name="+",
    )
    supporting_organisations = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("supported by"), blank=True, related_name="+"
    )
    supporting_bodies = models.ManyToManyField(
        "directory.Body", verbose_name=_("supported by (bodies)"), blank=True, related_name="+"
    )
    host_country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    online_link = models.URLField(_("link to join online"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(
        _("start known to"), max_length=5, choices=Precision.choices, default=Precision.NOT_GIVEN
    )
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Local time in the host city.")
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end known to"), max_length=5, choices=Precision.choices, default=Precision.NOT_GIVEN
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Local time in the host city.")
    )
    # The last day the meeting may run, from its dates and their precision (set by clean()):
    # what "upcoming" and "past" compare with today.
    last_day = models.DateField(_("last possible day"), null=True, blank=True, editable=False)
    description_es, description_en = bilingual(models.TextField, _("description"))
    # A Conference's own motto, when the source gives it as the conference's ("The motto of the
    # conference was …"), not its Presidency's (directory.Presidency.motto).
    motto_es, motto_en = bilingual(models.CharField, _("motto"), max_length=300)
    objectives_general_es, objectives_general_en = bilingual(
        models.TextField, _("general objectives")
    )
    objectives_specific_es, objectives_specific_en = bilingual(
        models.TextField, _("specific objectives")
    )
    expected_results_es, expected_results_en = bilingual(models.TextField, _("expected results"))
    participant_profile_es, participant_profile_en = bilingual(
        models.TextField, _("participant profile")
    )
    costs_note_es, costs_note_en = bilingual(models.TextField, _("who covers which costs"))
    documents_language = models.CharField(
        _("language of the documents"),
        max_length=5,
        choices=DocumentsLanguage.choices,
        blank=True,
    )
    documents_note_es, documents_note_en = bilingual(models.TextField, _("about the documents"))
    seats_per_country = models.PositiveSmallIntegerField(
        _("seats per country"), null=True, blank=True
    )
    nomination_deadline = models.DateField(
        _("nomination deadline"),
        null=True,
        blank=True,
        help_text=_("The last day on which countries may nominate delegates."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_(
            "Nominations past a country's seats go on its waiting list; "
            "without one they are refused."
        ),
    )
    participants_audience = models.CharField(
        _("who may see the participant list"),
        max_length=20,
        choices=[
            (value, label)
            for value, label in Audience.choices
            # An intranet page: signed-in people only, so "public" is not offered.
            if value not in (Audience.PUBLIC, Audience.BODY, Audience.COUNTRY)
        ],
        default=Audience.SECRETARIAT,
    )
    observers_may_request = models.BooleanField(
        _("observers and civil society may request participation"), default=False
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(_("announced"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    history = HistoricalRecords(
        m2m_fields=[
            "audience_bodies",
            "convening_bodies",
            "convening_organisations",
            "supporting_organisations",
            "supporting_bodies",
        ]
    )

    class Meta(AudienceFields.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = [F("start_date").asc(nulls_last=True), "slug"]
        constraints = [
            *AudienceFields.Meta.constraints,
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="meeting_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(online=True, status__in=["planned", "confirmed"], online_link=""),
                name="meeting_online_ahead_has_link",
            ),
            *[
                models.CheckConstraint(condition=condition, name=name)
                for name, condition in (
                    ("meeting_start_precision_consistent", _precision_check("start")),
                    ("meeting_end_precision_consistent", _precision_check("end")),
                )
            ],
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(start_precision="day"),
                name="meeting_start_time_needs_day",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_precision="day"),
                name="meeting_end_time_needs_day",
            ),
        ]
        # The calendar's reads (MeetingQuerySet): past meetings a page at a time, newest
        # first, walk the first index and stop; upcoming ones, and the count of either tab,
        # are a range of the second (read from it alone).
        indexes = [
            models.Index(fields=["-start_date", "slug"], name="meeting_newest_first"),
            models.Index(fields=["last_day", "audience"], name="meeting_last_day"),
        ]

    def __str__(self):
        return text_in(self, "title") or self.slug

    def clean(self):
        super().clean()  # provenance: an inferred field needs its note
        errors = {}
        if not (self.title_es or self.title_en):
            errors["title_es"] = _("Give the title in Spanish, in English, or in both.")
        for end in ("start", "end"):
            date, known_to = getattr(self, f"{end}_date"), getattr(self, f"{end}_precision")
            if not precision.is_consistent(date, known_to):
                errors[f"{end}_date"] = (
                    _("Give no date when it is not given.")
                    if known_to == Precision.NOT_GIVEN
                    else _("The date is more precise than its stated precision, or missing.")
                )
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end must not be before the start.")
        if self.end_date and not self.start_date:
            errors["start_date"] = _("A meeting with an end needs a start.")
        if self.online and self.status in self.AHEAD and not self.online_link:
            errors["online_link"] = _("An online meeting needs the link to join it.")
        for end in ("start", "end"):
            if getattr(self, f"{end}_time") and getattr(self, f"{end}_precision") != Precision.DAY:
                errors[f"{end}_time"] = _("A time needs an exact day.")
        if (
            self.city_id
            and self.host_country_id
            and self.city.country_id
            not in (
                None,
                self.host_country_id,
            )
        ):
            errors["city"] = _("The city is not in the host country.")
        if errors:
            raise ValidationError(errors)
        self.last_day = precision.last_day(self.end_date, self.end_precision) or precision.last_day(
            self.start_date, self.start_precision
        )

    @property
    def plain_title(self) -> str:
        """The title as plain text in the active language, else in the other one (for an
        attribute, where `{% localized %}`'s markup cannot go)."""
        return text_in(self, "title") or self.slug

    def describe_start(self) -> str:
        return precision.describe(self.start_date, self.start_precision)

    def describe_end(self) -> str:
        return precision.describe(self.end_date, self.end_precision)

    # The fields that say when the meeting is: a date the sources imply without stating it
    # (a year deduced from the Conference's number) is marked wherever it is shown.
    DATE_FIELDS = frozenset({"start_date", "end_date"})

    @property
    def dates_inferred(self) -> bool:
        return bool(self.inferred_fields & self.DATE_FIELDS)

    def dates_mark(self) -> str:
        """What stands beside the dates when they are inferred (empty otherwise): the one
        wording of lists, feeds, mail and exports."""
        return _("date inferred: the meeting's page says why") if self.dates_inferred else ""

    def describe_span(self) -> str:
        """From start to end, no more precise than known: "12 to 14 November 2019", "2014"."""
        if self.start_date is None:
            return str(_("not given"))
        if self.end_date and self.end_date != self.start_date:
            return _("%(start)s to %(end)s") % {
                "start": self.describe_start(),
                "end": self.describe_end(),
            }
        return self.describe_start()

    def with_dates_mark(self, dates: str) -> str:
        """`dates` (text that shows this meeting's dates) followed by the mark when they are
        inferred: "2014 (date inferred: …)"."""
        mark = self.dates_mark() if self.start_date else ""
        return f"{dates} ({mark})" if mark else dates

    def describe_dates(self) -> str:
        """The span as plain text, marked when inferred (feeds, mail)."""
        return self.with_dates_mark(self.describe_span())

    @property
    def has_exact_day(self) -> bool:
        """Dated to the day, so a calendar can hold it."""
        return self.start_precision == Precision.DAY

    @property
    def spans_days(self) -> bool:
        return bool(self.end_date and self.start_date and self.end_date > self.start_date)

    @property
    def exact_end(self) -> datetime.date | None:
        """The last day when known to the day, else None (then the meeting is one day long)."""
        return self.end_date if self.end_precision == Precision.DAY else None

    @property
    def time_zone(self) -> str:
        return self.city.time_zone if self.city_id else ""


class AgendaItem(models.Model):
    """A part of a meeting's programme; seen and edited exactly when its meeting is."""

    ACCESS_PARENT = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    date = models.DateField(_("day"), null=True, blank=True)
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=300)

    objects = AgendaItemQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agendaitem_one_per_position"
            ),
        ]

    def __str__(self):
        return text_in(self, "title")


class Nomination(CountryOwnedFields):
    """A delegate a member state's focal points put forward for a meeting.

    Country-owned (puebla.core.access): its country's officials and the secretariat see it,
    its country's focal points edit it. A nomination holds one of the country's seats while
    nominated or confirmed; past the seats it waits, in the order nominations were made.
    """

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        WAITING = "waiting", _("On the waiting list")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    SEAT_HOLDING = (Status.NOMINATED, Status.CONFIRMED)
    ACTIVE = (Status.NOMINATED, Status.WAITING, Status.CONFIRMED)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person in the directory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    # Kept lower-case by the service: one person, one active nomination per meeting.
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language for mail"), max_length=2, choices=[("es", "Español"), ("en", "English")]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    nominated_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = NominationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(CountryOwnedFields.Meta):
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["meeting", "owner_country", "created_at", "pk"]
        constraints = [
            *CountryOwnedFields.Meta.constraints,
            # Per country: a country is never told whom another has nominated. A person
            # nominated by two countries is the secretariat's to resolve (it is told).
            models.UniqueConstraint(
                fields=["meeting", "owner_country", "email"],
                condition=Q(status__in=["nominated", "waiting", "confirmed"]),
                name="nomination_one_active_per_country_email",
            ),
            models.UniqueConstraint(
                fields=["meeting", "owner_country", "person"],
                condition=Q(status__in=["nominated", "waiting", "confirmed"]),
                name="nomination_one_active_per_country_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="nomination_declined_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_HOLDING

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class DeadlineReminder(models.Model):
    """That a country was reminded of a meeting's nomination deadline: once per meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="+"
    )
    country = models.ForeignKey(
        "directory.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "country"], name="deadlinereminder_once_per_country"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.country}"


class ParticipationRequest(models.Model):
    """An observer state's or organisation's, or civil society's, request to take part in a
    meeting that allows it (Meeting.observers_may_request); the secretariat accepts or
    declines it. Seen by the account that made it and by the secretariat."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ACCOUNT_FIELD = "requested_by"
    ACTIVE = (Status.REQUESTED, Status.ACCEPTED)

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="participation_requests",
    )
    requested_by = models.ForeignKey(
        "accounts.User", verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ParticipationRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation request")
        verbose_name_plural = _("participation requests")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            # Per account that asks, for the same reason as nominations per country.
            models.UniqueConstraint(
                fields=["meeting", "requested_by", "email"],
                condition=Q(status__in=["requested", "accepted"]),
                name="participationrequest_one_active_per_requester_email",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="participationrequest_declined_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class CalendarFeed(models.Model):
    """A person's own calendar address: the meetings they may see, for calendar programs that
    cannot sign in. Only the token's hash is kept; the person revokes it or makes a new one."""

    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("private calendar address")
        verbose_name_plural = _("private calendar addresses")

    def __str__(self):
        return str(self.user)


class Attendance(Provenance):
    """A state or an organisation that a source says attended a meeting; seen exactly when
    the meeting is. Who represented it is not kept: the sources do not say."""

    ACCESS_PARENT = "meeting"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    objects = AttendanceQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "position"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(country__isnull=False, organisation__isnull=True)
                    | Q(country__isnull=True, organisation__isnull=False)
                ),
                name="attendance_one_party",
            ),
            models.UniqueConstraint(
                fields=["meeting", "country"],
                condition=Q(country__isnull=False),
                name="attendance_one_per_meeting_country",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="attendance_one_per_meeting_organisation",
            ),
        ]

    def __str__(self):
        return str(self.country or self.organisation)
