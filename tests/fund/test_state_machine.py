"""A hypothesis state machine of the fund's money: contributions and their reversals, requests
approved, paid (in parts), returned and withdrawn, in any order hypothesis finds. After every
step the ledger keeps its promises:

    balance = the sum of the entries (and of what the steps said they moved)
    for every case: 0 <= disbursed <= approved <= the ceiling per case (a setting)
    committed >= 0 and available >= 0

A refused step (ValidationError) must change nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from puebla.fund import ledger, services
from puebla.fund.fund_settings import fund_settings
from puebla.fund.models import Case, LedgerEntry, State
from tests.fund import factories
from tests.roles import make_user

pytestmark = pytest.mark.django_db

cents = st.integers(min_value=1, max_value=300_000).map(lambda n: Decimal(n) / 100)
case_costs = st.integers(min_value=1, max_value=100_000).map(lambda n: Decimal(n) / 100)
picks = st.integers(min_value=0, max_value=10_000)


class FundMachine(RuleBasedStateMachine):
    people: dict = {}

    def __init__(self):
        super().__init__()
        # Each run of the machine in a savepoint of its own, rolled back at the end.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.moved = Decimal("0.00")  # what the steps say went in and out
        self.contributions: list[LedgerEntry] = []
        self.cases: list[int] = []

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def attempt(self, step):
        """Run `step`; if refused, nothing may have changed."""
        before = (
            LedgerEntry.objects.count(),
            list(Case.objects.order_by("pk").values_list("state", "version")),
        )
        try:
            return step()
        except ValidationError:
            after = (
                LedgerEntry.objects.count(),
                list(Case.objects.order_by("pk").values_list("state", "version")),
            )
            assert after == before
            return None

    def case(self, pick: int) -> Case:
        return Case.objects.get(pk=self.cases[pick % len(self.cases)])

    @rule(amount=cents)
    def contribute(self, amount):
        self.contributions.append(factories.contribute(self.people["officer_1"], amount))
        self.moved += amount

    @precondition(lambda self: self.contributions)
    @rule(pick=picks)
    def reverse_a_contribution(self, pick):
        entry = self.contributions[pick % len(self.contributions)]
        reversal = self.attempt(
            lambda: ledger.entry_reverse(entry=entry, by=self.people["officer_1"], reason="Typo.")
        )
        if reversal is not None:
            self.moved += reversal.amount

    @rule(cost=case_costs)
    def file_a_request_and_review_it(self, cost):
        case = services.case_create(
            by=self.people["requester"],
            fields=factories.request_fields(cost=cost),
            identity=factories.identity_fields(),
        )
        services.case_submit(case=case, by=self.people["requester"])
        services.case_review_start(case=case, by=self.people["officer_1"])
        self.cases.append(case.pk)

    @precondition(lambda self: self.cases)
    @rule(pick=picks, share=st.integers(min_value=1, max_value=100))
    def approve(self, pick, share):
        case = self.case(pick)
        amount = max(Decimal("0.01"), (case.cost * share / 100).quantize(Decimal("0.01")))
        available = ledger.position().available
        approved = self.attempt(
            lambda: services.case_approve(case=case, by=self.people["officer_2"], amount=amount)
        )
        if approved is not None:
            assert amount <= available
        elif case.state == State.UNDER_REVIEW:
            assert amount > available  # refused only for want of money

    @precondition(lambda self: self.cases)
    @rule(pick=picks, amount=case_costs)
    def disburse(self, pick, amount):
        case = self.case(pick)
        entry = self.attempt(
            lambda: services.case_disburse(
                case=case, by=self.people["officer_2"], amount=amount, iom_office="IOM"
            )
        )
        if entry is not None:
            self.moved += entry.amount

    @precondition(lambda self: self.cases)
    @rule(pick=picks)
    def confirm_the_return(self, pick):
        self.attempt(
            lambda: services.case_return_confirm(
                case=self.case(pick), by=self.people["officer_2"], returned_on=timezone.localdate()
            )
        )

    @precondition(lambda self: self.cases)
    @rule(pick=picks)
    def withdraw(self, pick):
        case = self.case(pick)
        paid = LedgerEntry.objects.disbursed_for(case)
        if self.attempt(lambda: services.case_withdraw(case=case, by=self.people["requester"])):
            self.moved += paid  # the IOM office gives back what it was paid

    @invariant()
    def the_balance_is_the_sum_of_the_entries(self):
        # Summed here in Python, from each entry's Decimal: not by the code under test.
        total = sum(LedgerEntry.objects.values_list("amount", flat=True), Decimal("0.00"))
        position = ledger.position()
        assert position.balance == total == self.moved

    @invariant()
    def no_case_gets_more_than_its_approval(self):
        for case in Case.objects.all():
            disbursed = LedgerEntry.objects.disbursed_for(case)
            assert disbursed >= 0
            if case.approved_amount is None:
                assert disbursed == 0
            else:
                # The ceiling per case is the secretariat's setting (Puebla's starting value).
                assert disbursed <= case.approved_amount <= fund_settings().ceiling_amount
                assert case.approved_amount <= case.cost

    @invariant()
    def nothing_is_spent_twice(self):
        position = ledger.position()
        assert position.committed >= 0
        assert position.available >= 0
        assert position.available == position.balance - position.committed


def test_the_ledger_keeps_its_promises_whatever_happens():
    FundMachine.people = {
        "requester": make_user("official_a"),
        "officer_1": factories.officer(1),
        "officer_2": factories.officer(2),
    }
    run_state_machine_as_test(
        FundMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
