"""The plans the RCM keeps (the Plan of Action, later the Strategic Plan), as one tree each.

Model API (for views, forms, jobs):

- `Plan`: slug, title_es/title_en, updated_on (the "updated" date its source gives),
  document (the Document record it is, if any), source (file it was imported from).
- `Item`: one node of a plan's tree. `level` is THEME > OBJECTIVE > ACTION > ACTIVITY
  (`Item.Level`); `parent` is the item above (None for a theme); `position` orders every item
  of a plan in reading order (so one query, ordered by position, reads a whole plan as a tree);
  `key` identifies the item across re-imports (unique per plan: "policy/7.2.1").
  It keeps the source's `number` ("7.2.1", "" when the source gives none) and its text and
  schedule per language (text_es/text_en, schedule_es/schedule_en; a language the source
  does not give is empty: show "not given", never the other language's text as if it were).
  `marked` says the source set it in bold italics (its legend: "active, ongoing, or pending
  input"). Status: `status` (a `Status`, or None when the source names none), `status_since`
  (when it last changed: the archive rule counts from it); "status" in `inferred` when the
  importer read it from the bold italics (Status.MARKED) rather than from the source's words. Responsible party:
  `responsible_kind` (Responsible choices) plus `responsible_body` / `responsible_country` /
  `responsible_organisation` for the kinds that name one. Origin: `origin_meeting` or
  `origin_text_es/en` (a declaration). Evidence: `evidence_meetings`, `evidence_documents`.
  Tags: `gcm_objectives`, `sdg_targets`. `weight` (None = 1) and `progress_override`
  (0-100, None = computed) feed the roll-up (puebla.planning.rollup). `archived_on` not None
  means it is in the Historical Plan of Action. `version` goes up by one on every save made
  through `Item.save_edited` (optimistic locking: an edit form sends the version it read).
  History: `item.history` (simple_history, evidence included).
  `Item.objects.editable_by(user)`: the secretariat edits every item, a body's editors the
  items their body is responsible for (puebla.core.access).
- `Status`: the configurable list (key, name_es/name_en, default_progress, position, is_done).
  The six statuses of the issue are created by a migration; `Status.by_key()` maps keys.
- `GcmObjective` (number 1-23, title_es/title_en) and `SdgTarget` (code "10.7", text):
  reference lists loaded from puebla/rcm/gcm_objectives.yaml and sdg_targets.yaml.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.access import editing_condition
from puebla.core.bilingual import bilingual
from puebla.core.provenance import Provenance
from puebla.core.text import text_in
from puebla.planning.cells import without_markup

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Status(models.Model):
    """One entry of the configurable status list; its default progress feeds the roll-up as
    an estimate (the source gives statuses, never progress).

    `MARKED` is the source's own legend for its bold italics, "active, ongoing, or pending
    input": one status for the three, since the source does not say which. The importer gives
    it to a marked item whose words name no status, and lists `status` among the item's
    inferred fields; it has no default progress (no estimate can be drawn from it)."""

    MARKED = "marked"

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_es, name_en = bilingual(models.CharField, _("name"), max_length=100)
    default_progress = models.PositiveSmallIntegerField(
        _("default progress (%)"),
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Empty: items with this status do not count in the progress."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_done = models.BooleanField(
        _("done"), default=False, help_text=_("Done items move to the Historical Plan of Action.")
    )

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statuses")
        ordering = ["position", "key"]

    def __str__(self):
        # In the reader's language (the other when this one is missing): every list of
        # statuses (the edit form's choices, the admin) shows it as the plan's pages do.
        return text_in(self, "name") or self.key

    @classmethod
    def by_key(cls) -> dict[str, "Status"]:
        return {status.key: status for status in cls.objects.all()}


class GcmObjective(models.Model):
    """One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=300)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("Global Compact objective")
        verbose_name_plural = _("Global Compact objectives")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {text_in(self, 'title')}"


class SdgTarget(models.Model):
    """A target of the Sustainable Development Goals ("10.7")."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    goal = models.PositiveSmallIntegerField(_("goal"))
    text_es, text_en = bilingual(models.TextField, _("text"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["goal", "code"]

    def __str__(self):
        return self.code


class Plan(Provenance):
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    title_es, title_en = bilingual(models.CharField, _("title"), max_length=300)
    updated_on = models.DateField(_("updated on"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["position", "slug"]

    def __str__(self):
        return text_in(self, "title") or self.slug


class ItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        # Plans are public: every item is seen by everyone.
        return self.all()

    def editable_by(self, user):
        return self.filter(editing_condition(user, self.model))

    def current(self):
        return self.filter(archived_on__isnull=True)

    def historical(self):
        return self.filter(archived_on__isnull=False)

    def tree_order(self):
        return self.order_by("plan_id", "position")


class Item(Provenance):
    class Level(models.IntegerChoices):
        THEME = 1, _("Theme")
        OBJECTIVE = 2, _("Objective")
        ACTION = 3, _("Implementation action")
        ACTIVITY = 4, _("Activity")

    class Responsible(models.TextChoices):
        NONE = "", _("Not given")
        SECRETARIAT = "secretariat", _("Technical Secretariat")
        PRESIDENCY = "presidency", _("Presidency Pro-Tempore")
        BODY = "body", _("A body")
        COUNTRY = "country", _("A country")
        ORGANISATION = "organisation", _("An organisation")

    EDITING_BODY_FIELD = "responsible_body"

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    key = models.CharField(_("key"), max_length=120)
    number = models.CharField(_("number"), max_length=30, blank=True)
    text_es, text_en = bilingual(models.TextField, _("text"))
    schedule_es, schedule_en = bilingual(models.TextField, _("schedule"))
    marked = models.BooleanField(
        _("marked in the source"),
        default=False,
        help_text=_("In bold italics in the source: active, ongoing, or pending input."),
    )
    status = models.ForeignKey(
        Status,
        verbose_name=_("status"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    responsible_kind = models.CharField(
        _("responsible party"), max_length=20, choices=Responsible.choices, blank=True
    )
    responsible_body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("responsible country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    origin_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("origin (meeting)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    origin_text_es, origin_text_en = bilingual(models.TextField, _("origin"))
    evidence_meetings = models.ManyToManyField(
        "meetings.Meeting", verbose_name=_("evidence: meetings"), blank=True, related_name="+"
    )
    evidence_documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("evidence: documents"), blank=True, related_name="+"
    )
    gcm_objectives = models.ManyToManyField(
        GcmObjective,
        verbose_name=_("Global Compact objectives"),
        blank=True,
        related_name="items",
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, verbose_name=_("SDG targets"), blank=True, related_name="items"
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Its share in its parent's progress; empty counts as 1."),
    )
    progress_override = models.PositiveSmallIntegerField(
        _("progress set by hand (%)"),
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Empty: computed from its status or its parts."),
    )
    archived_on = models.DateField(
        _("moved to the Historical Plan of Action on"), null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ItemQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[evidence_meetings, evidence_documents])

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="planning_item_unique_key"),
            models.CheckConstraint(
                condition=Q(progress_override__isnull=True) | Q(progress_override__lte=100),
                name="planning_item_override_percent",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, level=1) | Q(parent__isnull=False, level__gt=1),
                name="planning_item_theme_is_root",
            ),
        ]
        indexes = [models.Index(fields=["plan", "position"])]

    def __str__(self):
        # Plain text (the admin, a choice's label): the source's <i> markup would show as such.
        text = without_markup(text_in(self, "text"))
        return f"{self.number} {text}".strip()[:80] if self.number else text[:80]

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None

    def clean(self):
        super().clean()
        named = {
            self.Responsible.BODY: "responsible_body",
            self.Responsible.COUNTRY: "responsible_country",
            self.Responsible.ORGANISATION: "responsible_organisation",
        }
        for kind, field_name in named.items():
            chosen = getattr(self, f"{field_name}_id") is not None
            if self.responsible_kind == kind and not chosen:
                raise ValidationError({field_name: _("Choose which one.")})
            if self.responsible_kind != kind and chosen:
                raise ValidationError({field_name: _("Leave empty for this responsible party.")})
        if self.parent_id is not None and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("The item above must be in the same plan.")})

    def save_edited(self, expected_version: int, **kwargs) -> bool:
        """Save with optimistic locking: write only if nobody saved since `expected_version`
        was read. Returns False (and writes nothing) when someone did; the caller reloads and
        shows the other person's change. On success the version goes up by one."""
        with transaction.atomic():
            updated = Item.objects.filter(pk=self.pk, version=expected_version).update(
                version=F("version") + 1
            )
            if not updated:
                return False
            self.version = expected_version + 1
            self.save(**kwargs)
        return True
