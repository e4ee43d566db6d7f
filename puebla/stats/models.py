"""Migration statistics (SIEMCA/SIEMMES): the structures countries report in, their code lists,
the rounds that ask for figures, and each country's submission with its observations.

Model API (writes go through puebla.stats.services):

- `CodeList`: `key` ("CL_SEX"), name_es/name_en, `source` (where its codes come from, shown
  beside it). `code_list.codes`.
- `Code`: `code` ("F", "GTM", "_T"), name_es/name_en, `position`, `is_total` (the total of the
  list's other codes: "_T"; totals are checked against their parts), `note` (why a code that is
  not in the list's source is there).
- `DataStructure`: `key` and `version` (unique together; a structure in use is `frozen_at` and
  never changes: a change is a new version), name_es/name_en, `frequency` (Frequency: monthly,
  quarterly), the measure's name (measure_es/measure_en), `sensitive` with its
  `suppression_threshold` (small counts hidden at publication), `source`.
  `structure.dimensions` in order.
- `Dimension`: `structure`, `key` ("SEX": the column's name in files), `position`,
  `code_list`, `allowed` (a subset of the list's codes; none means all of them),
  name_es/name_en.
- `Round`: the figures of one structure for the periods `period_start`..`period_end` (as
  puebla.stats.periods writes them: "2026-01", "2026-Q1"), asked of countries by a request for
  input (`request`, puebla.followup: its due date, addressed countries, reminders, digest and
  completeness are the round's).
- `Submission`: country-owned (its officials and the secretariat see it) per (round, country):
  the figures last uploaded (`observations`), the file they came from (`original_file`,
  `original_name`, `sha256`), `uploaded_by`, `uploaded_at`, `rows`, `version`.
- `Observation`: `submission`, `series_key` (the codes of the structure's dimensions in order,
  joined by "."), `period`, `value` (a whole count; None when `status` is NOT_AVAILABLE),
  `status` (ObservationStatus: a reported value, zero included, or not available).
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.access import AudienceQuerySet, ChildQuerySet, CountryOwnedFields
from puebla.core.bilingual import bilingual
from puebla.core.text import text_in
from puebla.documents.models import documents_storage, stored_name
from puebla.stats import periods

SERIES_KEY_SEPARATOR = "."


class CodeList(models.Model):
    key = models.CharField(_("key"), max_length=40, unique=True)
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=200)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("code list")
        verbose_name_plural = _("code lists")
        ordering = ["key"]

    def __str__(self):
        return self.key


class Code(models.Model):
    code_list = models.ForeignKey(
        CodeList, verbose_name=_("code list"), on_delete=models.CASCADE, related_name="codes"
    )
    code = models.CharField(_("code"), max_length=20)
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_total = models.BooleanField(_("total of the other codes"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["code_list", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code_list", "code"], name="stats_code_unique"),
            models.UniqueConstraint(
                fields=["code_list"], condition=Q(is_total=True), name="stats_one_total_per_list"
            ),
        ]

    def __str__(self):
        return f"{self.code} · {text_in(self, 'name')}"


class DataStructure(models.Model):
    class Frequency(models.TextChoices):
        MONTHLY = "M", _("monthly")
        QUARTERLY = "Q", _("quarterly")

    key = models.CharField(_("key"), max_length=40)
    version = models.PositiveIntegerField(_("version"), default=1)
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=300)
    frequency = models.CharField(_("frequency"), max_length=1, choices=Frequency.choices)
    measure_es, measure_en = bilingual(models.CharField, _("measure"), max_length=200)
    sensitive = models.BooleanField(_("small counts hidden at publication"), default=False)
    suppression_threshold = models.PositiveIntegerField(
        _("counts under this are hidden"), default=5, validators=[MinValueValidator(1)]
    )
    source = models.TextField(_("source"), blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("data structure")
        verbose_name_plural = _("data structures")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="stats_structure_version"),
        ]

    def __str__(self):
        return f"{text_in(self, 'name')} (v{self.version})"


class Dimension(models.Model):
    structure = models.ForeignKey(
        DataStructure,
        verbose_name=_("data structure"),
        on_delete=models.CASCADE,
        related_name="dimensions",
    )
    key = models.CharField(_("column"), max_length=40)
    position = models.PositiveIntegerField(_("position"))
    code_list = models.ForeignKey(CodeList, verbose_name=_("code list"), on_delete=models.PROTECT)
    allowed = models.ManyToManyField(
        Code, verbose_name=_("codes allowed (none: the whole list)"), blank=True, related_name="+"
    )
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=200)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["structure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "key"], name="stats_dimension_key"),
            models.UniqueConstraint(
                fields=["structure", "position"], name="stats_dimension_position"
            ),
        ]

    def __str__(self):
        return self.key


class Round(models.Model):
    structure = models.ForeignKey(
        DataStructure,
        verbose_name=_("data structure"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    period_start = models.CharField(_("first period"), max_length=8)
    period_end = models.CharField(_("last period"), max_length=8)
    request = models.OneToOneField(
        "followup.InputRequest",
        verbose_name=_("request for input"),
        on_delete=models.PROTECT,
        related_name="statistics_round",
    )

    class Meta:
        verbose_name = _("statistics round")
        verbose_name_plural = _("statistics rounds")
        ordering = ["-period_end", "structure"]

    def __str__(self):
        return f"{self.structure} · {periods.span(self.period_start, self.period_end)}"


class Submission(CountryOwnedFields):
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="submissions"
    )
    original_file = models.FileField(
        _("file as uploaded"), storage=documents_storage, upload_to=stored_name
    )
    original_name = models.CharField(_("file name as uploaded"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("figures"))
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"))
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    objects = AudienceQuerySet.as_manager()

    class Meta(CountryOwnedFields.Meta):
        verbose_name = _("statistics submission")
        verbose_name_plural = _("statistics submissions")
        ordering = ["round", "owner_country"]
        constraints = [
            *CountryOwnedFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["round", "owner_country"], name="stats_submission_per_country"
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.owner_country}"


class Observation(models.Model):
    class Status(models.TextChoices):
        # SDMX's OBS_STATUS codes: A, a normal value (zero included); M, missing.
        REPORTED = "A", _("reported")
        NOT_AVAILABLE = "M", _("not available")

    # Seen exactly when its submission is (puebla.core.access: the parent's filter).
    ACCESS_PARENT = "submission"

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    series_key = models.CharField(_("series key"), max_length=200)
    period = models.CharField(_("period"), max_length=8)
    value = models.BigIntegerField(_("value"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=1, choices=Status.choices, default=Status.REPORTED
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["submission", "series_key", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "series_key", "period"], name="stats_observation_key"
            ),
            models.CheckConstraint(
                condition=Q(status="M", value__isnull=True)
                | Q(status="A", value__isnull=False, value__gte=0),
                name="stats_observation_value_or_not_available",
            ),
        ]

    def __str__(self):
        return f"{self.series_key} {self.period}: {self.value}"


class Release(models.Model):
    """The approved figures of one structure as published at one moment: public, immutable
    (a correction is a new release with its note). `number` counts the structure's releases
    from 1; the latest is the one `latest` addresses. `example` marks demonstration figures
    (`make run` in demo mode), which every page and file showing them says."""

    structure = models.ForeignKey(
        DataStructure,
        verbose_name=_("data structure"),
        on_delete=models.PROTECT,
        related_name="releases",
    )
    number = models.PositiveIntegerField(_("release"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note_es, note_en = bilingual(models.TextField, _("note"))
    licence = models.CharField(_("licence"), max_length=100, default="CC BY 4.0")
    example = models.BooleanField(_("example figures, not real data"), default=False)
    observations_count = models.PositiveIntegerField(_("figures"))
    hidden_count = models.PositiveIntegerField(_("figures hidden"))
    # SHA-256 of the published cells in order: a release that would change nothing is refused.
    digest = models.CharField(_("SHA-256"), max_length=64)
    # The open data files, written once at publication (a release never changes): a large
    # release's file takes seconds to write, and is then served as a stored file.
    sdmx_csv = models.FileField(
        _("SDMX-CSV file"), storage=documents_storage, upload_to=stored_name, blank=True
    )
    csv_es = models.FileField(
        _("CSV file, Spanish labels"), storage=documents_storage, upload_to=stored_name, blank=True
    )
    csv_en = models.FileField(
        _("CSV file, English labels"), storage=documents_storage, upload_to=stored_name, blank=True
    )

    class Meta:
        verbose_name = _("statistics release")
        verbose_name_plural = _("statistics releases")
        ordering = ["structure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "number"], name="stats_release_number"),
        ]

    def __str__(self):
        return f"{self.structure} · {self.number}"


class ReleasedObservation(models.Model):
    """One published cell: the reporting country's code, the series key and period as in
    Observation, and its value, or none when not available or `confidential` (a small count
    hidden, or a cell that would give one away: puebla.stats.suppression)."""

    release = models.ForeignKey(
        Release, verbose_name=_("release"), on_delete=models.CASCADE, related_name="observations"
    )
    ref_area = models.CharField(_("reporting country"), max_length=3)
    series_key = models.CharField(_("series key"), max_length=200)
    period = models.CharField(_("period"), max_length=8)
    value = models.BigIntegerField(_("value"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=1,
        choices=Observation.Status.choices,
        default=Observation.Status.REPORTED,
    )
    confidential = models.BooleanField(_("confidential"), default=False)

    class Meta:
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")
        ordering = ["release", "ref_area", "series_key", "period"]
        # The public page reads one series (a flow's totals) of a release at a time.
        indexes = [models.Index(fields=["release", "series_key"], name="stats_released_series")]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "ref_area", "series_key", "period"],
                name="stats_released_observation_key",
            ),
            # A hidden cell is never shown, not even as zero.
            models.CheckConstraint(
                condition=Q(confidential=False) | Q(value__isnull=True),
                name="stats_released_confidential_has_no_value",
            ),
        ]

    def __str__(self):
        return f"{self.ref_area}.{self.series_key} {self.period}: {self.value}"
