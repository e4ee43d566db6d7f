"""The fund's money: an append-only ledger in USD, and the figures derived from it.

    balance    = the sum of every entry (contributions in, disbursements out, reversals)
    committed  = what approved cases may still receive (approved amount - net disbursed)
    available  = balance - committed: what a new approval may use

Nothing is stored besides the entries, so nothing can disagree with them. Every write that
moves or commits money locks the one `Fund` row first (`locked_fund`): on PostgreSQL the row
lock orders two approvals for the last dollars; on SQLite the write transaction (begun
IMMEDIATE) does. Amounts are Decimal; a float is refused.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from puebla.core.access import is_fund_officer
from puebla.fund.models import COMMITTING_STATES, Case, Fund, LedgerEntry
from puebla.fund.querysets import sum_of_money

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Position:
    balance: Decimal
    committed: Decimal
    available: Decimal


def locked_fund() -> Fund:
    """The fund's row, locked until the transaction ends. Call inside `transaction.atomic`,
    before locking any case (one order everywhere: no deadlock)."""
    fund = Fund.objects.select_for_update().order_by("pk").first()
    if fund is None:
        # Made by the migration; a database emptied by hand gets it back.
        fund = Fund.objects.create()
    return fund


def position(*, fund: Fund | None = None) -> Position:
    """Balance, committed and available now (three aggregate queries whatever the size)."""
    balance = LedgerEntry.objects.balance()
    approved = sum_of_money(Case.objects.filter(state__in=COMMITTING_STATES), "approved_amount")
    # Disbursements are negative: adding them takes what was paid out off the commitment.
    paid = LedgerEntry.objects.filter(case__state__in=COMMITTING_STATES).total()
    committed = approved + paid
    return Position(balance=balance, committed=committed, available=balance - committed)


def usd(amount: Decimal) -> str:
    """An amount as the pages show it, in the reader's language (850,00 in Spanish): a message
    that names money must write it as the page around it does."""
    return number_format(amount, decimal_pos=2)


def approval_funds_refusal(available: Decimal) -> str | None:
    """Why no request can be approved for lack of money when the fund has `available` for new
    approvals (Position.available), or None. An approval commits part of what is available
    (puebla.fund.services.case_approve checks the amount)."""
    if available <= 0:
        return _(
            "The fund has USD %(available)s available for new approvals: a fund officer "
            "records a contribution in the ledger first."
        ) % {"available": usd(available)}
    return None


def record(*, fund: Fund, by, **values) -> LedgerEntry:
    """Write one entry (the callers have validated it and hold the fund's lock)."""
    entry = LedgerEntry(recorded_by=by, recorded_at=timezone.now(), **values)
    entry.full_clean()
    entry.save()
    return entry


def _amount(value: Any, *, field: str) -> Decimal:
    if isinstance(value, float):
        raise ValidationError({field: _("Give the amount as a decimal number, not a float.")})
    try:
        # No thousands separators or decimal commas: "1,50" could mean 1.50 or 150.
        amount = Decimal(str(value).strip())
    except (InvalidOperation, TypeError):
        raise ValidationError({field: _("Give the amount as a number, such as 2500.00.")}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({field: _("The amount can have at most two decimals (cents).")})
    return amount


@transaction.atomic
def contribution_record(
    *,
    by,
    donor: str,
    entry_date: datetime.date,
    reference: str,
    amount: Any = None,
    currency: str = "USD",
    original_amount: Any = None,
    rate: Any = None,
    note: str = "",
) -> LedgerEntry:
    """Money in from `donor`. In USD give `amount`; in another currency give the amount
    received and its rate (USD per unit), and the USD amount is their product in cents."""
    if not is_fund_officer(by):
        raise ValidationError(_("Only a Reserve Fund officer can do this."))
    errors = {}
    if not (donor or "").strip():
        errors["donor"] = _("Name the donor.")
    if not (reference or "").strip():
        errors["reference"] = _("Give the reference of the transfer or receipt.")
    if not isinstance(entry_date, datetime.date):
        errors["entry_date"] = _("Give the date the money was received.")
    elif entry_date > timezone.localdate():
        errors["entry_date"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    currency = (currency or "USD").strip().upper()
    if currency == "USD":
        if original_amount is not None or rate is not None:
            raise ValidationError({"rate": _("A contribution in USD has no exchange rate.")})
        usd = _amount(amount, field="amount")
        original = None
        rate_value = None
    else:
        if len(currency) != 3 or not currency.isalpha():
            raise ValidationError({"currency": _("Give the currency's three-letter ISO code.")})
        if rate is None or original_amount is None:
            raise ValidationError(
                {
                    "rate": _(
                        "A contribution in another currency needs the amount received and "
                        "its exchange rate to USD."
                    )
                }
            )
        original = _amount(original_amount, field="original_amount")
        if isinstance(rate, float):
            raise ValidationError({"rate": _("Give the rate as a decimal number, not a float.")})
        try:
            rate_value = Decimal(str(rate).strip())
        except InvalidOperation:
            rate_value = Decimal(0)
        if not rate_value.is_finite() or rate_value <= 0 or rate_value.as_tuple().exponent < -6:
            raise ValidationError(
                {"rate": _("The rate is USD per unit, more than zero, with up to six decimals.")}
            )
        usd = (original * rate_value).quantize(CENT, rounding=ROUND_HALF_UP)
        if usd <= 0:
            raise ValidationError({"original_amount": _("That is less than one US cent.")})
        if amount is not None and _amount(amount, field="amount") != usd:
            raise ValidationError(
                {"amount": _("At that rate the amount is USD %(usd)s.") % {"usd": usd}}
            )
    fund = locked_fund()
    return record(
        fund=fund,
        by=by,
        kind=LedgerEntry.Kind.CONTRIBUTION,
        amount=usd,
        entry_date=entry_date,
        donor=donor.strip(),
        reference=reference.strip(),
        currency=currency,
        original_amount=original,
        rate=rate_value,
        note=(note or "").strip(),
    )


@transaction.atomic
def entry_reverse(
    *, entry: LedgerEntry, by, reason: str, entry_date: datetime.date | None = None
) -> LedgerEntry:
    """Correct a mistaken entry by writing its opposite (the ledger is never edited). A
    reversal is not reversed again: record the right entry instead. Refused when taking a
    contribution back would leave approved cases without their money."""
    if not is_fund_officer(by):
        raise ValidationError(_("Only a Reserve Fund officer can do this."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    fund = locked_fund()
    entry = LedgerEntry.objects.get(pk=entry.pk)
    if entry.kind == LedgerEntry.Kind.REVERSAL:
        raise ValidationError(_("A reversal is not reversed: record the correct entry instead."))
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been reversed."))
    if entry.amount > 0 and position(fund=fund).available < entry.amount:
        raise ValidationError(
            _(
                "Taking back this contribution would leave approved cases without their "
                "money: the fund has USD %(available)s available."
            )
            % {"available": position(fund=fund).available}
        )
    return record(
        fund=fund,
        by=by,
        kind=LedgerEntry.Kind.REVERSAL,
        amount=-entry.amount,
        entry_date=entry_date or timezone.localdate(),
        case=entry.case,
        reverses=entry,
        note=reason.strip()[:300],
    )
