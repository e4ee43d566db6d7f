"""The Reserve Fund for the Assisted Voluntary Return of Migrants in Highly Vulnerable
Situations: requests (cases), the migrant's identity, the fund's ledger and the access log.

"It is unique in having the Reserve Fund for the Assisted Voluntary Return of Migrants in Highly
Vulnerable Situations. The fund was established in 2004 as a regional mechanism to provide
financial and operational support for the voluntary return of migrants in vulnerable
situations and for persons requiring assistance beyond the support provided through existing
programmes in each RCM member country." (seeds/001_a9ae808082891cad.txt)

Personal data lives apart: `Identity` (name, birth date) and the case's free texts are
encrypted field by field (puebla.fund.crypto), so that history rows, dumps and backups hold
ciphertext only, and a periodic job erases them a set time after the case ends
(puebla.fund.erasure). The anonymised case and the ledger stay for the statistics.

Writes go through puebla.fund.services (the lifecycle) and puebla.fund.ledger (the money);
the ledger and the access log are append-only, enforced here as well as in the services.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from puebla.core.access import ChildQuerySet
from puebla.directory.models import Country, Organisation
from puebla.fund.choices import (  # noqa: F401 (Category, RequesterKind: their keys, re-exported)
    COMMITTING_STATES,
    Category,
    RequesterKind,
    State,
)
from puebla.fund.crypto import EncryptedDateField, EncryptedTextField
from puebla.fund.querysets import AppendOnlyError, AppendOnlyQuerySet, CaseQuerySet, LedgerQuerySet
from puebla.fund.setting_models import (  # noqa: F401 (the app's models live in both modules)
    CaseCategory,
    FundSettings,
    RequesterKindOption,
)


class AppendOnly(models.Model):
    """A record that is written once and never changed or deleted: not by `save()` on an
    existing row, not by `delete()`, not by the queryset's `update()` or `delete()`."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted.")


class AcceptedRequester(models.Model):
    """An organisation the secretariat accepted as a requester of the fund: an international
    organisation or a civil-society organisation, asking on a migrant's behalf. Governments of
    member states need no acceptance."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="fund_acceptance",
    )
    accepted_on = models.DateField(_("accepted on"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    until = models.DateField(
        _("accepted until"),
        null=True,
        blank=True,
        help_text=_("Empty while the acceptance stands."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accepted requesting organisation")
        verbose_name_plural = _("accepted requesting organisations")
        ordering = ["organisation__slug"]

    def __str__(self):
        return str(self.organisation)


class Case(models.Model):
    """A request to the fund for one migrant's return, filed on their behalf by a requesting
    body's account (never by the migrant)."""

    uid = models.UUIDField(_("public key"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    # The secretariat's lists (puebla.fund.setting_models): a row a case used is retired, never
    # deleted, so that the case keeps what it was filed under.
    category = models.ForeignKey(
        CaseCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    requester_kind = models.ForeignKey(
        RequesterKindOption,
        verbose_name=_("requester kind"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # Exactly one of these names the requesting body (constraint below).
    requesting_country = models.ForeignKey(
        Country,
        verbose_name=_("requesting government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    requesting_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    departure_country = models.ForeignKey(
        Country, verbose_name=_("departure country"), on_delete=models.PROTECT, related_name="+"
    )
    return_country = models.ForeignKey(
        Country, verbose_name=_("return country"), on_delete=models.PROTECT, related_name="+"
    )
    return_plan = EncryptedTextField(_("return plan"))
    # The ceiling per case is the secretariat's setting (FundSettings), checked by the services
    # when a request is saved or submitted: no constant here.
    cost = models.DecimalField(
        _("cost of the return plan (USD)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("More than zero, in dollars and cents."),
    )
    national_programmes_gap = EncryptedTextField(
        _("why national programmes cannot cover it"),
    )
    decision_on = models.DateField(_("date of the migrant's decision to return"))
    decision_language = models.CharField(_("language of the decision"), max_length=60)
    decision_by = EncryptedTextField(
        _("decision recorded by"),
        help_text=_("Who informed the migrant and recorded their free and informed decision."),
    )
    guardian_authority = EncryptedTextField(
        _("guardian authority"),
        blank=True,
        help_text=_("For a child or adolescent: the authority that decided with them."),
    )
    approved_amount = models.DecimalField(
        _("approved amount (USD)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decision_reason = EncryptedTextField(_("reason of the decision"), blank=True, editable=False)
    iom_office = models.CharField(
        _("IOM office running the return"), max_length=200, blank=True, editable=False
    )
    returned_on = models.DateField(_("returned on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    # Kept beside the dates they follow from, for the statistics over many cases: grouping by a
    # stored year and averaging stored days costs nothing per row (a year extracted in the
    # site's time zone is a function call per row on SQLite).
    submitted_year = models.PositiveSmallIntegerField(
        _("year of the request"), null=True, blank=True, editable=False
    )
    days_to_return = models.PositiveIntegerField(
        _("days from request to return"), null=True, blank=True, editable=False
    )
    ended_at = models.DateTimeField(
        _("ended"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When it was closed, rejected or withdrawn: the retention period runs from then."
        ),
    )
    erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Reserve Fund case")
        verbose_name_plural = _("Reserve Fund cases")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(cost__gt=0), name="fund_case_cost_positive"),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                name="fund_case_approved_positive",
            ),
            models.CheckConstraint(
                condition=~Q(departure_country=models.F("return_country")),
                name="fund_case_departure_is_not_return",
            ),
            models.CheckConstraint(
                condition=(
                    Q(requesting_country__isnull=False, requesting_organisation__isnull=True)
                    | Q(requesting_country__isnull=True, requesting_organisation__isnull=False)
                ),
                name="fund_case_one_requesting_body",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=COMMITTING_STATES) | Q(approved_amount__isnull=False),
                name="fund_case_approved_has_amount",
            ),
        ]
        indexes = [
            models.Index(fields=["state"], name="fund_case_state"),
            models.Index(fields=["submitted_at"], name="fund_case_submitted"),
            # What the public figures count, a year at a time (puebla.fund.statistics): the
            # database reads a year's requests from this index alone, never the wide rows.
            models.Index(
                fields=[
                    "submitted_year",
                    "category",
                    "departure_country",
                    "return_country",
                    "requester_kind",
                    "state",
                    "days_to_return",
                ],
                name="fund_case_figures",
            ),
            models.Index(fields=["ended_at"], name="fund_case_ended"),
        ]

    def __str__(self):
        # Never the migrant's name: cases are named in logs, mail subjects and history.
        return self.reference

    @property
    def requesting_body(self):
        return self.requesting_country or self.requesting_organisation


class Identity(models.Model):
    """The migrant's identity, one per case, encrypted field by field. Never registered in the
    admin, indexed for search or written to a log; erased a set time after the case ends."""

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="identity"
    )
    given_names = EncryptedTextField(_("given names"))
    family_names = EncryptedTextField(_("family names"))
    birth_date = EncryptedDateField(_("birth date"))
    # HMAC of the normalised name and birth date (puebla.fund.crypto.person_hash): warns of a
    # second request for the same person without storing either in clear.
    person_hash = models.CharField(max_length=64, db_index=True, editable=False)

    # Seen exactly when its case is (its history too: puebla.core.access.history_visible_to).
    ACCESS_PARENT = "case"
    objects = ChildQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["person_hash"])

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self):
        return f"identity of {self.case_id}"

    def __repr__(self):
        return f"<Identity of case {self.case_id}>"

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}".strip()


class Transition(AppendOnly):
    """Who moved a case from one state to another, when, and why."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    # A reason may name the migrant: encrypted, and blanked at erasure (the one exception to
    # append-only, done with a queryset update by the erasure job alone).
    note = EncryptedTextField(_("note"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "pk"]
        base_manager_name = "objects"

    def __str__(self):
        return f"{self.case_id}: {self.from_state} → {self.to_state}"


class Message(models.Model):
    """A question from the fund's reviewer to the requester, or the requester's answer."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_question = models.BooleanField(_("question"))
    text = EncryptedTextField(_("text"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"message {self.pk} on {self.case_id}"


class CaseFile(models.Model):
    """A file attached to a case; its content is encrypted in storage (puebla.fund.files)."""

    # The stored object this row names, for `puebla check-storage` (puebla.backups).
    STORED_FILES = {"stored_name": "documents"}

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="files"
    )
    # The stored object's name is random; the person's own file name is encrypted.
    stored_name = models.CharField(max_length=200, editable=False)
    name = EncryptedTextField(_("file name"))
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"))

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"file {self.pk} of {self.case_id}"


class AccessLogEntry(AppendOnly):
    """One row per view of a case, file download or export: shown on the case."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        DOWNLOAD = "download", _("Downloaded a file")
        EXPORT = "export", _("Exported")

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
        help_text=_("Empty for an export of several cases."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("when"))
    # What was opened: a file's number, an export's kind. Never personal data.
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        base_manager_name = "objects"
        indexes = [models.Index(fields=["case", "at"], name="fund_access_case_at")]

    def __str__(self):
        return f"{self.action} {self.case_id} by {self.user_id}"


class Fund(models.Model):
    """The fund itself: one row, locked (SELECT … FOR UPDATE) by every write that moves or
    commits money, so that two approvals cannot both spend the last dollars."""

    name = models.CharField(_("name"), max_length=200, default="Reserve Fund")

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self):
        return self.name


class LedgerEntry(AppendOnly):
    """One movement of the fund's money, in USD: a contribution (positive), a disbursement to
    the IOM office running a return (negative), or a reversal that cancels an earlier entry.

    Corrections are reversals, never edits: the ledger is append-only.
    """

    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", _("Contribution")
        DISBURSEMENT = "disbursement", _("Disbursement")
        REVERSAL = "reversal", _("Reversal")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount (USD)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Money in is positive, money out negative."),
    )
    entry_date = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    donor = models.CharField(_("donor"), max_length=200, blank=True)
    currency = models.CharField(_("currency received"), max_length=3, default="USD")
    original_amount = models.DecimalField(
        _("amount in the currency received"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    rate = models.DecimalField(
        _("rate (USD per unit)"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    iom_office = models.CharField(_("IOM office"), max_length=200, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"))

    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["entry_date", "pk"]
        base_manager_name = "objects"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="contribution") | Q(amount__gt=0, case__isnull=True),
                name="fund_ledger_contribution_is_money_in",
            ),
            models.CheckConstraint(
                condition=~Q(kind="disbursement") | Q(amount__lt=0, case__isnull=False),
                name="fund_ledger_disbursement_is_money_out_for_a_case",
            ),
            models.CheckConstraint(
                condition=Q(kind="reversal", reverses__isnull=False)
                | (~Q(kind="reversal") & Q(reverses__isnull=True)),
                name="fund_ledger_reversal_names_its_entry",
            ),
            models.CheckConstraint(
                condition=Q(currency="USD", original_amount__isnull=True, rate__isnull=True)
                | (~Q(currency="USD") & Q(original_amount__gt=0, rate__gt=0, kind="contribution")),
                name="fund_ledger_other_currency_has_rate",
            ),
        ]
        indexes = [models.Index(fields=["case", "kind"], name="fund_ledger_case_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} USD ({self.entry_date})"
