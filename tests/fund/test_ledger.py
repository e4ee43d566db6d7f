"""The fund's ledger (puebla.fund.ledger): append-only, Decimal, contributions in USD or with
their rate, reversals for corrections, and balance / committed / available derived."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from puebla.fund import ledger, services
from puebla.fund.models import AppendOnlyError, LedgerEntry, State
from tests.fund import factories
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def officer():
    return factories.officer(1)


def contribution(officer, **values):
    values = {
        "by": officer,
        "donor": "Government of Canada",
        "entry_date": timezone.localdate(),
        "reference": "TR-2026-001",
        **values,
    }
    return ledger.contribution_record(**values)


def refused(step, *, says: str):
    before = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        step()
    assert says in " ".join(error.value.messages)
    assert LedgerEntry.objects.count() == before


def test_a_contribution_in_usd(officer):
    entry = contribution(officer, amount=Decimal("2500.50"))
    assert (entry.kind, entry.amount, entry.currency, entry.rate) == (
        "contribution",
        Decimal("2500.50"),
        "USD",
        None,
    )
    assert ledger.position() == ledger.Position(
        balance=Decimal("2500.50"), committed=Decimal("0.00"), available=Decimal("2500.50")
    )


def test_a_contribution_in_another_currency_needs_its_rate(officer):
    refused(
        lambda: contribution(officer, currency="MXN", original_amount="10000"),
        says="needs the amount received and its exchange rate",
    )
    entry = contribution(officer, currency="mxn", original_amount="10000.00", rate="0.058321")
    # 10,000 times 0.058321 is 583.21 exactly; rounding half up to the cent otherwise.
    assert (entry.currency, entry.amount, entry.rate) == (
        "MXN",
        Decimal("583.21"),
        Decimal("0.058321"),
    )
    rounded = contribution(officer, currency="EUR", original_amount="100.00", rate="1.084455")
    assert rounded.amount == Decimal("108.45")
    refused(
        lambda: contribution(
            officer, currency="EUR", original_amount="100", rate="1.1", amount="1"
        ),
        says="At that rate the amount is USD 110.00.",
    )


def test_a_contribution_in_usd_has_no_rate(officer):
    refused(lambda: contribution(officer, amount="10", rate="1.0"), says="has no exchange rate")


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"amount": "0"}, "more than zero"),
        ({"amount": "-10"}, "more than zero"),
        ({"amount": "10.005"}, "at most two decimals"),
        ({"amount": 10.5}, "not a float"),
        ({"amount": "ten"}, "Give the amount as a number"),
        ({"amount": "10", "donor": " "}, "Name the donor."),
        ({"amount": "10", "reference": ""}, "Give the reference"),
        # A day ahead of when the test runs (a lambda: read then, not at import).
        (
            {
                "amount": "10",
                "entry_date": lambda: timezone.localdate() + datetime.timedelta(days=1),
            },
            "cannot be in the future",
        ),
        ({"currency": "EURO", "original_amount": "1", "rate": "1"}, "three-letter ISO code"),
        ({"currency": "EUR", "original_amount": "1", "rate": "0"}, "more than zero"),
    ],
)
def test_a_bad_contribution_is_refused(officer, values, says):
    values = {name: value() if callable(value) else value for name, value in values.items()}
    refused(lambda: contribution(officer, **values), says=says)


def test_only_a_fund_officer_records_money(officer):
    for role in ("secretariat", "official_a"):
        refused(
            lambda role=role: contribution(make_user(role), amount="10"),
            says="Only a Reserve Fund officer",
        )


def test_the_ledger_is_never_changed_or_deleted(officer):
    entry = contribution(officer, amount="100")
    entry.amount = Decimal("1000")
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1"))
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.bulk_update([entry], ["amount"])
    assert LedgerEntry.objects.get().amount == Decimal("100.00")


def test_the_database_refuses_an_entry_against_its_kind(officer):
    with transaction.atomic(), pytest.raises(IntegrityError):
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.CONTRIBUTION,
            amount=Decimal("-5"),
            entry_date=timezone.localdate(),
            recorded_by=officer,
            recorded_at=timezone.now(),
        )


def test_a_mistaken_contribution_is_corrected_by_its_reversal(officer):
    wrong = contribution(officer, amount="1000.00")
    refused(
        lambda: ledger.entry_reverse(entry=wrong, by=officer, reason=""), says="Give the reason"
    )
    reversal = ledger.entry_reverse(entry=wrong, by=officer, reason="Typed 1000 for 100.")
    assert (reversal.kind, reversal.amount, reversal.reverses) == (
        "reversal",
        Decimal("-1000.00"),
        wrong,
    )
    assert ledger.position().balance == Decimal("0.00")
    refused(
        lambda: ledger.entry_reverse(entry=wrong, by=officer, reason="again"),
        says="already been reversed",
    )
    refused(
        lambda: ledger.entry_reverse(entry=reversal, by=officer, reason="undo"),
        says="A reversal is not reversed",
    )


def test_a_contribution_that_funds_approvals_cannot_be_taken_back(officer):
    """Otherwise the balance would fall below what approved cases are owed."""
    money = contribution(officer, amount="1000.00")
    factories.case_in(
        State.APPROVED,
        requester=make_user("official_a"),
        reviewer=officer,
        approver=factories.officer(2),
    )
    refused(
        lambda: ledger.entry_reverse(entry=money, by=officer, reason="Bounced."),
        says="would leave approved cases without their money",
    )


def test_a_mistaken_disbursement_is_reversed_for_its_case(officer):
    contribution(officer, amount="1000.00")
    approver = factories.officer(2)
    case = factories.case_in(
        State.APPROVED, requester=make_user("official_a"), reviewer=officer, approver=approver
    )
    paid = services.case_disburse(case=case, by=approver, amount="600.00", iom_office="IOM")
    ledger.entry_reverse(entry=paid, by=approver, reason="Paid to the wrong office.")
    assert LedgerEntry.objects.disbursed_for(case) == Decimal("0.00")
    assert ledger.position() == ledger.Position(
        balance=Decimal("1000.00"), committed=Decimal("640.00"), available=Decimal("360.00")
    )
    services.case_disburse(case=case, by=approver, amount="640.00", iom_office="IOM San José")
    assert ledger.position().available == Decimal("360.00")
