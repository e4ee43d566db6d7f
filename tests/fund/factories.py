"""Reserve Fund cases for tests, made through the services (never by saving rows directly),
so that every case in a test went through the lifecycle a user's would."""

import contextlib
import datetime
from decimal import Decimal

from django.db.models.signals import post_save
from django.utils import timezone

from puebla.directory.models import Country, Organisation
from puebla.fund import ledger, services
from puebla.fund.models import AcceptedRequester, Case, Category, State
from tests.clock import SAN_JOSE
from tests.roles import make_user

# A name no test data elsewhere uses, to look for in database files and dumps.
SEEDED_GIVEN_NAMES = "Zacarías Wenceslao"
SEEDED_FAMILY_NAMES = "Quetzalcóatl-Ixchel"

# A second before midnight in San José, and a person who turns 18 at that midnight: 17 when a
# draft is saved at EVE, 18 a moment later.
EVE = datetime.datetime(2026, 3, 9, 23, 59, 59, tzinfo=SAN_JOSE)
EIGHTEEN_AT_MIDNIGHT = datetime.date(2008, 3, 10)


def years_ago(years: int, *, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)


def officer(number: int = 1):
    return make_user("fund_officer", email=f"fund-officer-{number}@example.org")


def accepted(slug: str = "rncom", *, by=None) -> AcceptedRequester:
    """The organisation `slug`, accepted by the secretariat as a requester."""
    by = by or make_user("secretariat", email=f"secretariat-accepts-{slug}@example.org")
    return AcceptedRequester.objects.create(
        organisation=Organisation.objects.get(slug=slug),
        accepted_on=timezone.localdate() - datetime.timedelta(days=30),
        accepted_by=by,
    )


def country(iso_code: str) -> Country:
    return Country.objects.get(iso_code=iso_code)


def request_fields(**overrides) -> dict:
    """A complete request for an unaccompanied adolescent from Costa Rica to Guatemala."""
    fields = {
        "category": Category.UNACCOMPANIED_CHILD,
        "departure_country": country("CR"),
        "return_country": country("GT"),
        "return_plan": "Bus from San José to Guatemala City with an escort; met by the child "
        "protection office.",
        "cost": Decimal("640.00"),
        "national_programmes_gap": "The national programme does not cover escorts abroad.",
        "decision_on": timezone.localdate() - datetime.timedelta(days=3),
        "decision_language": "Spanish",
        "decision_by": "Consular officer with the child's guardian",
        "guardian_authority": "Child protection office of the return country",
    }
    fields.update(overrides)
    return fields


def identity_fields(**overrides) -> dict:
    fields = {
        "given_names": SEEDED_GIVEN_NAMES,
        "family_names": SEEDED_FAMILY_NAMES,
        "birth_date": years_ago(15),
    }
    fields.update(overrides)
    return fields


def contribute(by, amount: str | Decimal, *, donor: str = "A donor state"):
    return ledger.contribution_record(
        by=by,
        donor=donor,
        amount=Decimal(amount),
        entry_date=timezone.localdate(),
        reference=f"TRANSFER-{donor}-{amount}",
    )


def case_in(
    state: str,
    *,
    requester,
    reviewer=None,
    approver=None,
    fields: dict | None = None,
    identity: dict | None = None,
):
    """A case brought to `state` through the services (the fund must hold enough money for an
    approval). Returns the case as saved."""
    case = services.case_create(
        by=requester,
        fields=request_fields(**(fields or {})),
        identity=identity_fields(**(identity or {})),
    )
    path = [
        State.SUBMITTED,
        State.UNDER_REVIEW,
        State.APPROVED,
        State.DISBURSED,
        State.RETURN_CONFIRMED,
        State.CLOSED,
    ]
    if state == State.DRAFT:
        return case
    if state == State.WITHDRAWN:
        return services.case_withdraw(case=case, by=requester, reason="The family changed plans.")
    steps = {
        State.SUBMITTED: lambda: services.case_submit(case=case, by=requester),
        State.UNDER_REVIEW: lambda: services.case_review_start(case=case, by=reviewer),
        State.APPROVED: lambda: services.case_approve(case=case, by=approver),
        State.DISBURSED: lambda: services.case_disburse(
            case=case, by=approver, amount=case.approved_amount, iom_office="IOM San José"
        ),
        State.RETURN_CONFIRMED: lambda: services.case_return_confirm(
            case=case, by=approver, returned_on=timezone.localdate()
        ),
        State.CLOSED: lambda: services.case_close(case=case, by=approver),
    }
    target = State.UNDER_REVIEW if state == State.REJECTED else state
    for step in path:
        steps[step]()
        case.refresh_from_db()
        if step == target:
            break
    if state == State.REJECTED:
        services.case_reject(case=case, by=approver, reason="Covered by a national programme.")
        case.refresh_from_db()
    return case


@contextlib.contextmanager
def midnight_once_a_case_is_written(clock):
    """Move `clock` (a time_machine traveller standing at EVE, not ticking) past midnight as
    soon as a case's row is next written: a draft saved before midnight is submitted after it,
    as when a person saves and submits at 23:59:59. The real services run; only the clock
    moves, once."""
    passed = []

    def past_midnight(sender, **kwargs):
        if not passed:
            passed.append(True)
            clock.shift(datetime.timedelta(seconds=2))

    post_save.connect(past_midnight, sender=Case, weak=False, dispatch_uid="midnight")
    try:
        yield
    finally:
        post_save.disconnect(sender=Case, dispatch_uid="midnight")
