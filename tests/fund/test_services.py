"""The lifecycle's steps (puebla.fund.services): every allowed and forbidden transition, who may
take each step, and bad input refused with a message and nothing written."""

from decimal import Decimal

import pytest

from puebla.fund.models import Case, LedgerEntry, State, Transition
from tests.fund import factories
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    officer_1, officer_2 = factories.officer(1), factories.officer(2)
    factories.contribute(officer_1, "5000.00")
    return {
        "requester": make_user("official_a"),
        "reviewer": officer_1,
        "approver": officer_2,
    }


def test_a_case_goes_from_draft_to_closed(people):
    case = factories.case_in(State.CLOSED, **people)
    assert case.state == State.CLOSED
    assert list(Transition.objects.filter(case=case).values_list("to_state", flat=True)) == [
        State.DRAFT,
        State.SUBMITTED,
        State.UNDER_REVIEW,
        State.APPROVED,
        State.DISBURSED,
        State.RETURN_CONFIRMED,
        State.CLOSED,
    ]
    assert LedgerEntry.objects.disbursed_for(case) == Decimal("640.00")
    assert Case.objects.get(pk=case.pk).identity.given_names == factories.SEEDED_GIVEN_NAMES
