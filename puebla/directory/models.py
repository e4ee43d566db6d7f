"""Who is who in the consultation process: states, organisations, bodies, presidencies, people.

Translated fields (names, mottos, descriptions) have a column per language
(puebla.core.bilingual).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.bilingual import bilingual
from puebla.core.provenance import Provenance
from puebla.core.text import text_in
from puebla.directory.querysets import (
    AppointmentQuerySet,
    MembershipQuerySet,
    PresidencyQuerySet,
)


class Country(Provenance):
    iso_code = models.CharField(
        _("ISO 3166 code"), max_length=2, unique=True, help_text=_("Two capital letters, e.g. CR.")
    )
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"), name="country_iso_code_two_capitals"
            ),
        ]

    def __str__(self):
        return text_in(self, "name") or self.iso_code


class Organisation(Provenance):
    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International or regional organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil-society network")
        FORUM = "forum", _("Process, forum or platform")

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    acronym_es, acronym_en = bilingual(models.CharField, _("acronym"), max_length=40)
    # Required in one language at least (clean()): an official name the sources give only in
    # English has no Spanish, rather than an invented one.
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=300)
    # A Spanish name and acronym no source document gives may be kept only when they are the
    # organisation's own official usage: this says where (shown beside the Spanish name).
    spanish_name_source = models.URLField(
        _("source of the Spanish name"),
        blank=True,
        help_text=_(
            "When no source document gives the Spanish name or acronym: the organisation's own "
            "page that does (its official website)."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    hosts_secretariat = models.BooleanField(_("hosts the Technical Secretariat"), default=False)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["slug"]

    def __str__(self):
        return text_in(self, "name")

    def clean(self):
        super().clean()
        if not text_in(self, "name"):
            # Not keyed on `name`: forms show the name per language, never the field itself.
            raise ValidationError(_("Give the name in one language at least."))


class Membership(Provenance):
    """A state's or organisation's standing in the process over a span of time.

    `until` empty means the membership is current. Organisations can only be observers.
    """

    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["status", "country__iso_code", "organisation__slug"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(country__isnull=False, organisation__isnull=True)
                    | Q(country__isnull=True, organisation__isnull=False)
                ),
                name="membership_one_party",
            ),
            models.CheckConstraint(
                condition=~Q(status="member", country__isnull=True),
                name="membership_members_are_states",
            ),
            models.CheckConstraint(
                condition=Q(since__isnull=True) | Q(until__isnull=True) | Q(until__gte=F("since")),
                name="membership_until_after_since",
            ),
            # One open-ended standing per party: a state cannot be member and observer at once.
            # Overlaps between closed periods are checked in clean(); SQLite has no exclusion
            # constraint to hold them in the database.
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(until__isnull=True, country__isnull=False),
                name="membership_one_current_per_country",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(until__isnull=True, organisation__isnull=False),
                name="membership_one_current_per_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.party} — {self.get_status_display()}"

    @property
    def party(self):
        return self.country or self.organisation

    def clean(self):
        super().clean()
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("The end date must not be before the start date.")})
        if self.party is not None and self.overlapping().exists():
            raise ValidationError(
                _("%(party)s already has a membership that overlaps these dates.")
                % {"party": self.party}
            )

    def overlapping(self):
        others = Membership.objects.exclude(pk=self.pk)
        if self.country_id:
            others = others.filter(country_id=self.country_id)
        else:
            others = others.filter(organisation_id=self.organisation_id)
        if self.since:
            others = others.filter(Q(until__isnull=True) | Q(until__gte=self.since))
        if self.until:
            others = others.filter(Q(since__isnull=True) | Q(since__lte=self.until))
        return others


class Body(Provenance):
    """A part of the process's structure: the Vice-Ministerial meeting, a network, a group."""

    class Kind(models.TextChoices):
        VICE_MINISTERIAL = "vice_ministerial", _("Vice-Ministerial Meeting")
        CONSULTATION_GROUP = "consultation_group", _("Consultation group")
        LIAISON_NETWORK = "liaison_network", _("Liaison officer network")
        WORKING_GROUP = "working_group", _("Working group")
        AD_HOC_GROUP = "ad_hoc_group", _("Ad-hoc group")
        SECRETARIAT = "secretariat", _("Technical Secretariat")
        CIVIL_SOCIETY_DIALOGUE = "civil_dialogue", _("Civil society dialogue")

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=200)
    acronym_es, acronym_en = bilingual(models.CharField, _("acronym"), max_length=20)
    description_es, description_en = bilingual(models.TextField, _("description"))
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subordinate_bodies",
    )
    established = models.PositiveSmallIntegerField(_("established (year)"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Order on the structure page, smallest first.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["position", "slug"]

    def __str__(self):
        return text_in(self, "name")


class Presidency(Provenance):
    """The Presidency Pro-Tempore of one year. The Troika is derived (PresidencyQuerySet)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="presidencies"
    )
    motto_es, motto_en = bilingual(models.CharField, _("motto"), max_length=300)

    objects = PresidencyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presidency pro-tempore")
        verbose_name_plural = _("presidencies pro-tempore")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2200), name="presidency_plausible_year"
            ),
        ]

    def __str__(self):
        return f"{self.year} — {self.country}"


class Person(Provenance):
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    # An address reaches the public pages only when someone decided it may: an invitation's
    # address is private unless the secretariat ticks this.
    email_is_public = models.BooleanField(
        _("e-mail is public"),
        default=False,
        help_text=_("Show this address on the public contact page."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"


class Appointment(Provenance):
    """A person's place in a body, on behalf of a country or an organisation, for a time.

    `role` says what the appointment allows (an editor edits the body's records); `title` is
    the job title people read ("Coordinator"). An empty start or end leaves the span open.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        EDITOR = "editor", _("Editor")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="appointments"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="appointments"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("on behalf of country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=Role.choices,
        default=Role.MEMBER,
        help_text=_("An editor of a body edits its records."),
    )
    title_es, title_en = bilingual(models.CharField, _("job title"), max_length=120)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    objects = AppointmentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["body", "position", "person__family_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=True) | Q(organisation__isnull=True),
                name="appointment_one_principal",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="appointment_end_after_start",
            ),
            # One appointment per person, body and start. A unique constraint treats NULLs as
            # distinct (and nulls_distinct=False exists on PostgreSQL 15+ only), so the
            # undated case has a partial constraint of its own, which SQLite also enforces.
            models.UniqueConstraint(
                fields=["person", "body", "start"], name="appointment_one_per_person_body_start"
            ),
            models.UniqueConstraint(
                fields=["person", "body"],
                condition=Q(start__isnull=True),
                name="appointment_one_undated_per_person_body",
                violation_error_message=_(
                    "This person already has an appointment to this body without a start "
                    "date. Give this one its start date, or change the other one."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} ({self.body})"


class Milestone(Provenance):
    """A dated fact of the process's history (its founding, the Secretariat's creation ...).

    Dates are kept only to the precision the source gives: a year, or a year and a month.
    """

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    # Required in one language at least (clean()): a document's title the sources give only in
    # English has no Spanish, rather than an invented one.
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=200)
    description_es, description_en = bilingual(models.TextField, _("description"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["year", "month"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="milestone_month_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {text_in(self, 'title')}"

    def clean(self):
        super().clean()
        if not text_in(self, "title"):
            raise ValidationError(_("Give the title in one language at least."))

    @property
    def month_date(self) -> datetime.date | None:
        """The month as a date (its first day) for formatting; None when only the year is known."""
        return datetime.date(self.year, self.month, 1) if self.month else None


class Fact(Provenance):
    """A statement about the process as a whole: what it is, its fundamental tenets, how it is
    funded, how it decides, what it has achieved."""

    class Topic(models.TextChoices):
        ABOUT = "about", _("What the process is")
        FULL_NAME = "name", _("Full name")
        CENTRAL_THEME = "theme", _("Central theme")
        TENET = "tenet", _("Fundamental tenet")
        # The page that states the fundamental tenets lists two more under its own heading
        # "Tenets": kept apart, as the page keeps them.
        LISTED_TENET = "tenet_list", _("Tenet (listed under “Tenets”)")
        DECISIONS = "decisions", _("How decisions are taken")
        POST = "post", _("Post")
        HIGHLIGHT = "highlight", _("Result of the process (RCM Highlights)")
        PROJECT = "project", _("Project")
        FUNDING = "funding", _("Funding")

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    text_es, text_en = bilingual(models.TextField, _("text"))
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fact about the process")
        verbose_name_plural = _("facts about the process")
        ordering = ["topic", "position", "slug"]

    def __str__(self):
        return text_in(self, "text")
