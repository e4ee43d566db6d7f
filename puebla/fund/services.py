"""The Reserve Fund's lifecycle, one service per step (DESIGN.md §5.2):

    draft → submitted → under review → approved → disbursed → return confirmed → closed
                                     ↘ rejected
    withdrawn: from any state before the return is confirmed (the migrant has not left yet)

Every service is keyword-only and atomic (case_save is two atomic steps), locks the case's
row, checks who acts and whether the step is allowed from the case's state, validates
everything before it writes, and raises a translated ValidationError — writing nothing — when
something is wrong. Each change of state writes a `Transition` (who, when, why) and a history
row (ciphertext only for personal data).

Money: an approval commits part of the fund, a disbursement spends it, a withdrawal frees it.
Those services lock the single `Fund` row first (puebla.fund.ledger.locked_fund), so that two
approvals for the last dollars are decided one after the other, on SQLite and PostgreSQL.

Four eyes: the officer who reviewed a case (started its review) cannot approve it; a second
fund officer does. Nobody approves or reviews a case they filed.

Every write of the fund, and where it lives (modules of puebla.fund). Each takes `by`
(keyword-only) and checks it through puebla.fund.permissions (`requester_side`,
`acts_for_requester`, `approval_refusal`, `review_refusal`, `withdrawal_refusal`) or the
access model (`is_fund_officer`, `is_secretariat`) before it writes:

    services        case_create, case_update, case_submit; case_save (save a draft, then
                    submit it: a refused submission keeps the draft, SubmissionRefused);
                    case_review_start, case_question_ask, case_question_answer, case_approve,
                    case_reject, case_disburse, case_return_confirm, case_close,
                    case_withdraw; access_log_record (the reader's `user`: the view allowed
                    the reading it logs)
    .files          case_file_add
    .ledger         contribution_record, entry_reverse
    .requesters     requester_accept, requester_acceptance_end

The system's own, which no person runs (hence no `by`): .erasure.fund_erase_due (the daily job
in .tasks) and its case_erase, with .files.case_files_delete; .erasure.fund_reencrypt (a
management command), with .files.case_file_reencrypt. The case's row lock is
.locking.locked_case; the fund's is .ledger.locked_fund, always taken first.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.access import is_fund_officer, is_signed_in
from puebla.fund import crypto, fund_settings, ledger
from puebla.fund.choices import ENDING_STATES, WITHDRAWABLE_STATES
from puebla.fund.locking import locked_case
from puebla.fund.models import (
    AcceptedRequester,
    AccessLogEntry,
    Case,
    Identity,
    LedgerEntry,
    Message,
    RequesterKindOption,
    State,
    Transition,
)
from puebla.fund.permissions import (
    acts_for_requester,
    approval_refusal,
    requester_side,
    review_refusal,
    withdrawal_refusal,
)

# What a requester fills in on a case; the rest is the lifecycle's.
CASE_FIELDS = frozenset(
    {
        "category",
        "departure_country",
        "return_country",
        "return_plan",
        "cost",
        "national_programmes_gap",
        "decision_on",
        "decision_language",
        "decision_by",
        "guardian_authority",
    }
)
IDENTITY_FIELDS = frozenset({"given_names", "family_names", "birth_date"})

OLDEST_AGE = 125


# --- Checks shared by the steps -----------------------------------------------------------


def money(value: Any, *, field: str) -> Decimal:
    """`value` as a Decimal amount in USD: more than zero, at most two decimals. A float is
    refused (binary fractions are not cents). The ceiling per case, a setting of the
    secretariat's, is checked with the request (`_validate_request`)."""
    if isinstance(value, float):
        raise ValidationError({field: _("Give the amount as a decimal number, not a float.")})
    try:
        # No thousands separators or decimal commas: "1,50" could mean 1.50 or 150.
        amount = Decimal(str(value).strip()) if value is not None else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError({field: _("Give the amount in US dollars, such as 850.00.")})
    if amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({field: _("The amount can have at most two decimals (cents).")})
    return amount.quantize(Decimal("0.01"))


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def accepted_requester(organisation_id: int) -> AcceptedRequester | None:
    """The organisation's acceptance as a requester if it stands today, else None."""
    today = timezone.localdate()
    accepted = AcceptedRequester.objects.filter(
        organisation_id=organisation_id, accepted_on__lte=today
    ).first()
    if accepted is None or (accepted.until is not None and accepted.until < today):
        return None
    return accepted


def _filing_kind(code: str, *, new: bool) -> RequesterKindOption:
    """The requester kind `code` (the secretariat's list): refused when the list has none, or
    when it is retired and the request is `new` (a draft filed before keeps its kind)."""
    kind = fund_settings.requester_kind_for(code)
    if kind is None or (new and kind.retired):
        raise ValidationError(
            _(
                "The Technical Secretariat does not take requests from this kind of requesting "
                "body at present."
            )
        )
    return kind


def requesting_body(user, *, departure_country, return_country, new: bool = True) -> dict[str, Any]:
    """Who files for `user`: the government of the departure or return country (a member-state
    official of one of them), or an organisation the secretariat accepted as requester; each
    of a kind of requesting body the secretariat's list offers (`new`) or that the case has.

    The migrant never files, nor does anyone on their own behalf."""
    if not is_signed_in(user):
        raise ValidationError(_("Sign in to file a request."))
    side = requester_side(user)
    if side is not None and side[0] == "country":
        if side[1] not in {
            getattr(departure_country, "pk", departure_country),
            getattr(return_country, "pk", return_country),
        }:
            raise ValidationError(
                _(
                    "A government files a request only when its country is the country of "
                    "departure or of return."
                )
            )
        return {
            "requester_kind": _filing_kind(RequesterKindOption.GOVERNMENT, new=new),
            "requesting_country_id": side[1],
            "requesting_organisation": None,
        }
    if side is not None:
        accepted = accepted_requester(side[1])
        if accepted is None:
            raise ValidationError(
                _(
                    "Your organisation is not accepted as a requester of the Reserve Fund. "
                    "The Technical Secretariat accepts organisations."
                )
            )
        organisation = accepted.organisation
        return {
            "requester_kind": _filing_kind(organisation.kind, new=new),
            "requesting_country": None,
            "requesting_organisation_id": organisation.pk,
        }
    raise ValidationError(
        _(
            "Requests are filed on the migrant's behalf by the government of the departure or "
            "return country, or by an accepted international or civil-society organisation; "
            "never by a person on their own account."
        )
    )


def _require_requester(user, case: Case) -> None:
    if not acts_for_requester(user, case):
        raise ValidationError(_("Only the requesting body can do this."))


def _require_officer(user) -> None:
    if not is_fund_officer(user):
        raise ValidationError(_("Only a Reserve Fund officer can do this."))


def _validate_request(case: Case, identity: Identity, *, on: datetime.date) -> None:
    """The request's own rules (beyond each field's): countries, the ceiling per case and the
    category's ages and guardian authority (the secretariat's settings), the decision.
    Collects every problem into one ValidationError."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    category = case.category if case.category_id else None
    if isinstance(case.cost, Decimal) and (refusal := fund_settings.ceiling_refusal(case.cost)):
        add("cost", refusal)

    if case.departure_country_id and case.departure_country_id == case.return_country_id:
        add("return_country", _("The return country must differ from the departure country."))
    birth_date = identity.birth_date
    if isinstance(birth_date, datetime.date):
        if birth_date > on:
            add("birth_date", _("The birth date cannot be in the future."))
        elif age_on(birth_date, on) > OLDEST_AGE:
            add("birth_date", _("Check the birth date: the person would be over 125."))
        elif category is not None:
            age = age_on(birth_date, on)
            if category.under_age is not None and age >= category.under_age:
                add(
                    "category",
                    _(
                        "The birth date makes the person %(age)s: the category “%(category)s” "
                        "is for persons under %(limit)s."
                    )
                    % {"age": age, "category": category, "limit": category.under_age},
                )
            if category.min_age is not None and age < category.min_age:
                add(
                    "category",
                    _(
                        "The birth date makes the person %(age)s: the category “%(category)s” "
                        "is from age %(limit)s."
                    )
                    % {"age": age, "category": category, "limit": category.min_age},
                )
    if isinstance(case.decision_on, datetime.date) and case.decision_on > on:
        add("decision_on", _("The migrant's decision cannot be dated in the future."))
    if category is not None and category.guardian_required and not case.guardian_authority.strip():
        add(
            "guardian_authority",
            _(
                "For the category “%(category)s”, name the guardian authority that took the decision."
            )
            % {"category": category},
        )
    if errors:
        raise ValidationError(errors)


def _full_clean(case: Case, identity: Identity) -> None:
    """Field rules of both records, and the request's own, as one error."""
    errors: dict[str, list] = {}
    for record, exclude in ((case, ["filed_by"]), (identity, ["case", "person_hash"])):
        try:
            record.full_clean(exclude=exclude, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _refuse_unknown(values: dict, allowed: frozenset) -> None:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(unknown)}
        )


def _require_state(case: Case, *states: str) -> None:
    if case.state not in states:
        raise ValidationError(
            _("This step is not possible while the case is “%(state)s”.")
            % {"state": case.get_state_display()}
        )


def _move(case: Case, to_state: str, *, by, note: str = "", at=None) -> Case:
    """Change the state, write who and when, and save (one history row)."""
    at = at or timezone.now()
    Transition.objects.create(
        case=case, from_state=case.state, to_state=to_state, by=by, at=at, note=note
    )
    case.state = to_state
    if to_state == State.SUBMITTED and case.submitted_at is None:
        case.submitted_at = at
        case.submitted_year = timezone.localtime(at).year
    if to_state in ENDING_STATES:
        case.ended_at = at
    _save(case, by=by)
    return case


def _save(case: Case, *, by) -> None:
    case.version += 1
    case._history_user = by
    case.save()


# --- Filing -----------------------------------------------------------------------------------


@transaction.atomic
def case_create(*, by, fields: dict[str, Any], identity: dict[str, Any]) -> Case:
    """A draft request filed by `by` for their requesting body. Nothing is written if a rule
    is broken; `case_duplicates` tells whether the same person was asked for before."""
    _refuse_unknown(fields, CASE_FIELDS)
    _refuse_unknown(identity, IDENTITY_FIELDS)
    body = requesting_body(
        by,
        departure_country=fields.get("departure_country"),
        return_country=fields.get("return_country"),
    )
    values = _with_category({**fields}, keep=None)
    if "cost" in values:
        values["cost"] = money(values["cost"], field="cost")
    case = Case(**values, **body, filed_by=by)
    # 48 random bits: at 10,000 cases a clash has odds of about one in five million (and the
    # unique constraint would refuse it rather than mix two cases up).
    case.reference = f"RF-{case.uid.hex[:12].upper()}"
    person = Identity(**identity)
    _full_clean(case, person)
    _validate_request(case, person, on=timezone.localdate())
    case._history_user = by
    case.save()
    person.case = case
    _save_identity(person, by=by)
    Transition.objects.create(
        case=case, from_state="", to_state=State.DRAFT, by=by, at=timezone.now()
    )
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    by,
    fields: dict[str, Any] | None = None,
    identity: dict[str, Any] | None = None,
    version: int | None = None,
) -> Case:
    """Change a draft; only its requesting body may, and only while it is a draft."""
    fields, identity = fields or {}, identity or {}
    _refuse_unknown(fields, CASE_FIELDS)
    _refuse_unknown(identity, IDENTITY_FIELDS)
    locked = locked_case(case, version=version)
    _require_requester(by, locked)
    _require_state(locked, State.DRAFT)
    fields = _with_category(fields, keep=locked.category_id)
    if "cost" in fields:
        fields = {**fields, "cost": money(fields["cost"], field="cost")}
    for name, value in fields.items():
        setattr(locked, name, value)
    person = locked.identity
    for name, value in identity.items():
        setattr(person, name, value)
    # A government may change the countries only among those it may file for.
    requesting_body(
        by,
        departure_country=locked.departure_country_id,
        return_country=locked.return_country_id,
        new=False,
    )
    _full_clean(locked, person)
    _validate_request(locked, person, on=timezone.localdate())
    _save(locked, by=by)
    if identity:
        _save_identity(person, by=by)
    return locked


def _with_category(fields: dict[str, Any], *, keep: int | None) -> dict[str, Any]:
    """`fields` with its category (given as itself, its key or its number) as the row of the
    secretariat's list: one offered for new requests, or the draft's own (`keep`), retired
    since."""
    if "category" not in fields:
        return fields
    category = fund_settings.category_for(fields["category"])
    if category is None:
        raise ValidationError({"category": _("Choose a category from the list.")})
    if category.retired and category.pk != keep:
        raise ValidationError(
            {
                "category": _(
                    "The category “%(category)s” is no longer offered for new requests: choose "
                    "another."
                )
                % {"category": category}
            }
        )
    return {**fields, "category": category}


def _save_identity(person: Identity, *, by) -> None:
    person.person_hash = crypto.person_hash(person.full_name, person.birth_date)
    person._history_user = by
    person.save()


def case_duplicates(*, case: Case):
    """Other cases filed for the same person (same normalised name and birth date): a
    warning for the officers and the requester, not a refusal."""
    person = case.identity
    hashes = crypto.person_hashes(person.full_name, person.birth_date)
    return (
        Case.objects.filter(identity__person_hash__in=hashes)
        .exclude(pk=case.pk)
        .order_by("created_at")
    )


@transaction.atomic
def case_submit(*, case: Case, by, version: int | None = None) -> Case:
    """The requesting body sends its draft to the fund; the rules are checked again (a child
    may have turned 18 since the draft)."""
    locked = locked_case(case, version=version)
    _require_requester(by, locked)
    _require_state(locked, State.DRAFT)
    _full_clean(locked, locked.identity)
    _validate_request(locked, locked.identity, on=timezone.localdate())
    return _move(locked, State.SUBMITTED, by=by)


class SubmissionRefused(Exception):
    """`case_save` saved the draft, and its submission was refused: `case` is the draft as
    saved, `error` the ValidationError that says why it could not be submitted."""

    def __init__(self, case: Case, error: ValidationError):
        super().__init__(*error.messages)
        self.case = case
        self.error = error


def case_save(
    *,
    case: Case | None,
    by,
    fields: dict[str, Any],
    identity: dict[str, Any],
    version: int | None = None,
    submit: bool = False,
) -> Case:
    """Save a draft (a new one when `case` is None, else `case` at `version`) and, with
    `submit`, send it to the fund. Two steps, each atomic: the draft first, with all of its
    own checks (a ValidationError, and nothing written, when one fails); then the submission.
    A refused submission keeps the draft just saved, so that nothing typed is lost, and raises
    SubmissionRefused with it and the reasons."""
    if case is None:
        saved = case_create(by=by, fields=fields, identity=identity)
    else:
        saved = case_update(case=case, by=by, fields=fields, identity=identity, version=version)
    if not submit:
        return saved
    try:
        # At the version just saved: a change by someone else in between refuses it too.
        return case_submit(case=saved, by=by, version=saved.version)
    except ValidationError as error:
        raise SubmissionRefused(saved, error) from error


# --- Review and decision -------------------------------------------------------------------


@transaction.atomic
def case_review_start(*, case: Case, by, version: int | None = None) -> Case:
    """A fund officer takes the case up; they become its reviewer (who may not approve it)."""
    locked = locked_case(case, version=version)
    _require_officer(by)
    _require_state(locked, State.SUBMITTED)
    if refusal := review_refusal(by, locked):
        raise ValidationError(refusal)
    locked.reviewed_by = by
    return _move(locked, State.UNDER_REVIEW, by=by)


@transaction.atomic
def case_question_ask(*, case: Case, by, text: str) -> Message:
    """The reviewing officers ask the requesting body something about the request."""
    locked = locked_case(case)
    _require_officer(by)
    _require_state(locked, State.UNDER_REVIEW)
    return _message(locked, by=by, text=text, is_question=True)


@transaction.atomic
def case_question_answer(*, case: Case, by, text: str) -> Message:
    """The requesting body answers the fund's questions."""
    locked = locked_case(case)
    _require_requester(by, locked)
    _require_state(locked, State.UNDER_REVIEW)
    return _message(locked, by=by, text=text, is_question=False)


def _message(case: Case, *, by, text: str, is_question: bool) -> Message:
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the message.")})
    return Message.objects.create(
        case=case, author=by, text=text.strip(), is_question=is_question, at=timezone.now()
    )


@transaction.atomic
def case_approve(
    *,
    case: Case,
    by,
    amount: Any = None,
    note: str = "",
    version: int | None = None,
) -> Case:
    """A second fund officer approves the request for `amount` (the plan's cost by default),
    committing that much of the fund. Refused for the reviewer, for an amount above the cost
    or the limit, and when the fund's available money does not cover it."""
    _require_officer(by)
    fund = ledger.locked_fund()
    locked = locked_case(case, version=version)
    _require_state(locked, State.UNDER_REVIEW)
    if refusal := approval_refusal(by, locked):
        raise ValidationError(refusal)
    amount = money(locked.cost if amount is None else amount, field="amount")
    if amount > locked.cost:
        raise ValidationError(
            {
                "amount": _("The approval cannot exceed the plan's cost (USD %(cost)s).")
                % {"cost": locked.cost}
            }
        )
    available = ledger.position(fund=fund).available
    if amount > available:
        raise ValidationError(
            {
                "amount": _(
                    "The fund has USD %(available)s available, less than the USD %(amount)s "
                    "this approval needs."
                )
                % {"available": ledger.usd(available), "amount": ledger.usd(amount)}
            }
        )
    locked.approved_amount = amount
    locked.decided_by = by
    locked.decision_reason = note.strip()
    return _move(locked, State.APPROVED, by=by, note=note.strip())


@transaction.atomic
def case_reject(*, case: Case, by, reason: str, version: int | None = None) -> Case:
    """A fund officer rejects the request; the reason is required (the requester reads it)."""
    _require_officer(by)
    locked = locked_case(case, version=version)
    _require_state(locked, State.UNDER_REVIEW)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    locked.decided_by = by
    locked.decision_reason = reason.strip()
    return _move(locked, State.REJECTED, by=by, note=reason.strip())


# --- Money out and the return ---------------------------------------------------------------


@transaction.atomic
def case_disburse(
    *,
    case: Case,
    by,
    amount: Any,
    iom_office: str,
    entry_date: datetime.date | None = None,
    reference: str = "",
) -> LedgerEntry:
    """Pay (part of) the approved amount to the IOM office running the return. In total a case
    never receives more than its approval, nor more than the fund holds."""
    _require_officer(by)
    fund = ledger.locked_fund()
    locked = locked_case(case)
    _require_state(locked, State.APPROVED, State.DISBURSED)
    if not (iom_office or "").strip():
        raise ValidationError({"iom_office": _("Name the IOM office that runs the return.")})
    amount = money(amount, field="amount")
    remaining = locked.approved_amount - LedgerEntry.objects.disbursed_for(locked)
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _(
                    "Only USD %(remaining)s of the approved USD %(approved)s is left to disburse."
                )
                % {"remaining": remaining, "approved": locked.approved_amount}
            }
        )
    balance = LedgerEntry.objects.balance()
    if amount > balance:
        raise ValidationError(
            {"amount": _("The fund holds USD %(balance)s only.") % {"balance": balance}}
        )
    entry = ledger.record(
        fund=fund,
        by=by,
        kind=LedgerEntry.Kind.DISBURSEMENT,
        amount=-amount,
        entry_date=entry_date or timezone.localdate(),
        case=locked,
        iom_office=iom_office.strip(),
        reference=reference.strip(),
    )
    locked.iom_office = iom_office.strip()
    if locked.state == State.APPROVED:
        _move(locked, State.DISBURSED, by=by)
    else:
        _save(locked, by=by)
    return entry


@transaction.atomic
def case_return_confirm(*, case: Case, by, returned_on: datetime.date) -> Case:
    """The IOM office reports the migrant home on `returned_on`."""
    _require_officer(by)
    locked = locked_case(case)
    _require_state(locked, State.DISBURSED)
    if not isinstance(returned_on, datetime.date):
        raise ValidationError({"returned_on": _("Give the date of the return.")})
    if returned_on > timezone.localdate():
        raise ValidationError({"returned_on": _("The return cannot be dated in the future.")})
    if returned_on < timezone.localtime(locked.submitted_at).date():
        raise ValidationError({"returned_on": _("The return cannot precede the request.")})
    locked.returned_on = returned_on
    locked.days_to_return = (returned_on - timezone.localtime(locked.submitted_at).date()).days
    return _move(locked, State.RETURN_CONFIRMED, by=by)


@transaction.atomic
def case_close(*, case: Case, by, note: str = "") -> Case:
    """A fund officer closes a case whose return was confirmed; the retention period runs."""
    _require_officer(by)
    locked = locked_case(case)
    _require_state(locked, State.RETURN_CONFIRMED)
    return _move(locked, State.CLOSED, by=by, note=(note or "").strip())


@transaction.atomic
def case_withdraw(*, case: Case, by, reason: str = "", entry_date=None) -> Case:
    """The requesting body withdraws its request, until the migrant has left (a fund officer
    rejects one instead: permissions.withdrawal_refusal). An approval's commitment is freed; money already paid out comes back to the fund as
    reversals of its disbursements (the IOM office returns it)."""
    fund = ledger.locked_fund()
    locked = locked_case(case)
    if refusal := withdrawal_refusal(by, locked):
        raise ValidationError(refusal)
    _require_state(locked, *WITHDRAWABLE_STATES)
    for entry in LedgerEntry.objects.filter(
        case=locked, kind=LedgerEntry.Kind.DISBURSEMENT, reversed_by__isnull=True
    ):
        ledger.record(
            fund=fund,
            by=by,
            kind=LedgerEntry.Kind.REVERSAL,
            amount=-entry.amount,
            entry_date=entry_date or timezone.localdate(),
            case=locked,
            reverses=entry,
            note="withdrawn",
        )
    return _move(locked, State.WITHDRAWN, by=by, note=(reason or "").strip())


# --- The access log ------------------------------------------------------------------------


def access_log_record(*, user, action: str, case: Case | None = None, detail: str = ""):
    """One row per view of a case, file download or export (`AccessLogEntry.Action`). The
    detail names what was opened (a file's number, an export's kind), never personal data."""
    if action not in AccessLogEntry.Action.values:
        raise ValueError(f"Unknown access-log action {action!r}.")
    return AccessLogEntry.objects.create(
        case=case, user=user, action=action, detail=detail[:200], at=timezone.now()
    )
