"""About twenty years of the Reserve Fund: requests filed by member-state governments and
organisations for every category, most of them long closed, a few still under way, and the
fund's ledger (contributions in, disbursements to the IOM offices out) that pays for them.

What the benchmark measures is the public figures page (puebla.fund.statistics), which groups
every filed request by year and dimension. Names and texts are plainly made up ("Persona
generada 12") and encrypted as the real ones are (the fields do it on the way in). Written
with bulk inserts, so what the services would derive is computed here (the reference, the
person's keyed hash, the dates of submission and of the end); the page cache is told once.
"""

import datetime
import random
import secrets
from decimal import Decimal

from bench.generators import Generator, Size

# Outcomes of a request of a past year, by weight (puebla.fund.models.State).
PAST_STATES = {
    "closed": 60,
    "return_confirmed": 4,
    "rejected": 14,
    "withdrawn": 10,
    "disbursed": 2,
}
# This year's: some are still being decided.
CURRENT_STATES = {
    "draft": 5,
    "submitted": 10,
    "under_review": 10,
    "approved": 8,
    "disbursed": 8,
    "return_confirmed": 5,
    "closed": 30,
    "rejected": 8,
    "withdrawn": 6,
}
CATEGORIES = {
    "unaccompanied_child": 5,
    "disability": 2,
    "elderly": 1,
    "injury_or_illness": 3,
}
PAID_STATES = {"disbursed", "return_confirmed", "closed"}
APPROVED_STATES = {"approved", *PAID_STATES}
ENDING_STATES = {"closed", "rejected", "withdrawn"}
LANGUAGES = ["Spanish", "English", "K'iche'", "Garifuna", "Haitian Creole", "Mam"]
IOM_OFFICES = ["IOM San José", "IOM Guatemala", "IOM Tegucigalpa", "IOM San Salvador"]
CENT = Decimal("0.01")


def generate(sizes: dict[str, int], rng: random.Random) -> dict[str, int]:
    from django.db import transaction

    from puebla.core.pagecache import bump_content_version

    with transaction.atomic():
        created = _generate(sizes, rng)
    bump_content_version()
    return created


def _generate(sizes, rng) -> dict[str, int]:
    from puebla.fund.fund_settings import fund_settings
    from puebla.fund.models import Case, CaseCategory, Identity, LedgerEntry, RequesterKindOption

    fund_settings()  # the secretariat's lists, with Puebla's starting values
    lists = {
        "category": {row.code: row for row in CaseCategory.objects.all()},
        "kind": {row.code: row for row in RequesterKindOption.objects.all()},
    }
    today = datetime.date.today()
    requesters, officers = _accounts()
    countries, organisations = _parties()
    cases, identities = [], []
    first_year = today.year - sizes["years"] + 1
    per_year = _spread(sizes["fund-cases"], today.year - first_year + 1)
    number = Case.objects.filter(reference__startswith="RF-B").count()
    for year, count in zip(range(first_year, today.year + 1), per_year, strict=True):
        for _ in range(count):
            number += 1
            case, identity = _case(number, year, today, rng, countries, organisations, lists)
            case.filed_by = requesters[case.requester_kind.code]
            if case.state not in {"draft", "submitted"}:
                case.reviewed_by = officers[0]
            if case.state in APPROVED_STATES | {"rejected"}:
                case.decided_by = officers[1]
            cases.append(case)
            identities.append(identity)
    Case.objects.bulk_create(cases, batch_size=500)
    for case, identity in zip(cases, identities, strict=True):
        identity.case = case
    Identity.objects.bulk_create(identities, batch_size=500)
    entries = _ledger(sizes["fund-ledger-entries"], cases, officers[1], rng, first_year, today)
    LedgerEntry.objects.bulk_create(entries, batch_size=1000)
    return {"fund cases": len(cases), "fund ledger entries": len(entries)}


def _spread(total: int, years: int) -> list[int]:
    """`total` requests over `years` years, growing a little each year."""
    weights = [1 + index / years for index in range(years)]
    counts = [int(total * weight / sum(weights)) for weight in weights]
    counts[-1] += total - sum(counts)
    return counts


def _accounts():
    """A requesting official, an organisation's account and two fund officers (the bench's
    own, made once as every account is)."""
    from puebla.accounts.models import User
    from puebla.accounts.roles import role_user_create

    def account(role, email):
        user = User.objects.filter(email=email).first()
        return user or role_user_create(role, email=email, password=secrets.token_urlsafe(16))

    government = account("official_a", "bench-fund-official@example.org")
    organisation = account("civil_society", "bench-fund-organisation@example.org")
    officers = [
        account("fund_officer", f"bench-fund-officer-{number}@example.org") for number in (1, 2)
    ]
    requesters = {
        "government": government,
        "international": organisation,
        "civil_society": organisation,
    }
    return requesters, officers


def _parties():
    from puebla.directory.models import Country, Membership, Organisation

    members = Membership.objects.current().filter(status=Membership.Status.MEMBER)
    countries = list(Country.objects.filter(pk__in=members.values("country")).order_by("pk"))
    if len(countries) < 2:  # a database without the RCM's members: any states
        countries = list(Country.objects.order_by("pk"))
    organisations = {
        "civil_society": list(Organisation.objects.filter(kind="civil_society").order_by("pk")),
        "international": list(Organisation.objects.exclude(kind="civil_society").order_by("pk")),
    }
    return countries, organisations


def _case(number, year, today, rng, countries, organisations, lists):
    from puebla.fund import crypto
    from puebla.fund.models import Case, Identity

    states = PAST_STATES if year < today.year else CURRENT_STATES
    state = rng.choices(list(states), list(states.values()))[0]
    category = rng.choices(list(CATEGORIES), list(CATEGORIES.values()))[0]
    departure, arrival = rng.sample(countries, 2)
    kind = rng.choices(["government", "international", "civil_society"], [6, 2, 2])[0]
    if kind != "government" and not organisations[kind]:
        kind = "government"
    last = min(datetime.date(year, 12, 31), today)
    submitted_day = datetime.date(year, 1, 1) + datetime.timedelta(
        days=rng.randint(0, max(0, (last - datetime.date(year, 1, 1)).days - 1))
    )
    submitted_at = datetime.datetime.combine(
        submitted_day, datetime.time(rng.randint(8, 17)), tzinfo=datetime.UTC
    )
    returned_on = None
    if state in {"return_confirmed", "closed"}:
        returned_on = min(today, submitted_day + datetime.timedelta(days=rng.randint(7, 120)))
    ended_at = None
    if state in ENDING_STATES:
        ended_day = returned_on or submitted_day + datetime.timedelta(days=rng.randint(5, 60))
        ended_at = datetime.datetime.combine(
            min(ended_day, today), datetime.time(12), tzinfo=datetime.UTC
        )
    age = {
        "unaccompanied_child": rng.randint(8, 17),
        "elderly": rng.randint(71, 90),
    }.get(category, rng.randint(19, 69))
    birth_date = submitted_day - datetime.timedelta(days=age * 365 + rng.randint(30, 300))
    cost = Decimal(rng.randint(15000, 100000)) / 100
    given, family = "Persona", f"Generada {number}"
    case = Case(
        reference=f"RF-B{number:07d}",
        state=state,
        category=lists["category"][category],
        requester_kind=lists["kind"][kind],
        requesting_country=rng.choice((departure, arrival)) if kind == "government" else None,
        requesting_organisation=(rng.choice(organisations[kind]) if kind != "government" else None),
        departure_country=departure,
        return_country=arrival,
        return_plan="Texto generado para la prueba de carga.",
        cost=cost,
        national_programmes_gap="Texto generado para la prueba de carga.",
        decision_on=submitted_day - datetime.timedelta(days=rng.randint(1, 10)),
        decision_language=rng.choice(LANGUAGES),
        decision_by="Persona generada que registró la decisión",
        guardian_authority="Autoridad generada" if category == "unaccompanied_child" else "",
        approved_amount=cost if state in APPROVED_STATES else None,
        iom_office=rng.choice(IOM_OFFICES) if state in PAID_STATES else "",
        returned_on=returned_on,
        submitted_at=None if state == "draft" else submitted_at,
        # What the services store at submission and at the return (the statistics read them);
        # between 8 and 17 h UTC the day is the same in the secretariat's time zone.
        submitted_year=None if state == "draft" else submitted_day.year,
        days_to_return=(returned_on - submitted_day).days if returned_on else None,
        ended_at=ended_at,
    )
    identity = Identity(
        given_names=given,
        family_names=family,
        birth_date=birth_date,
        person_hash=crypto.person_hash(f"{given} {family}", birth_date),
    )
    return case, identity


def _ledger(count, cases, officer, rng, first_year, today):
    """Disbursements for the paid cases (one or two each, as far as `count` allows), and
    contributions that pay for them and for what approved cases still wait for."""
    from puebla.fund.models import LedgerEntry

    now = datetime.datetime.now(tz=datetime.UTC)
    paid = [case for case in cases if case.state in PAID_STATES]
    room = max(0, count - max(1, count // 2))  # at least half the entries are contributions
    disbursements = []
    for case in paid:
        if len(disbursements) >= room:
            break
        amounts = [case.approved_amount]
        if len(disbursements) + 2 <= room and rng.random() < 0.5:  # paid in two parts
            first = (case.approved_amount / 2).quantize(CENT)
            amounts = [first, case.approved_amount - first]
        day = case.submitted_at.date() + datetime.timedelta(days=rng.randint(3, 20))
        for amount in amounts:
            disbursements.append(
                LedgerEntry(
                    kind="disbursement",
                    amount=-amount,
                    entry_date=min(day, today),
                    case=case,
                    iom_office=case.iom_office,
                    reference=f"BENCH-D{len(disbursements) + 1}",
                    recorded_by=officer,
                    recorded_at=now,
                )
            )
    committed = sum(
        (case.approved_amount for case in cases if case.state == "approved"), Decimal(0)
    )
    needed = -sum((entry.amount for entry in disbursements), Decimal(0)) + committed
    contributions = count - len(disbursements)
    # Enough for everything, and some to spare, in equal parts over the years.
    each = max(Decimal("100.00"), (needed * Decimal("1.2") / max(1, contributions)).quantize(CENT))
    span = (today - datetime.date(first_year, 1, 1)).days
    entries = [
        LedgerEntry(
            kind="contribution",
            amount=each,
            entry_date=datetime.date(first_year, 1, 1)
            + datetime.timedelta(days=span * number // max(1, contributions)),
            donor=f"Donante generado {rng.randint(1, 40)}",
            reference=f"BENCH-C{number + 1}",
            recorded_by=officer,
            recorded_at=now,
        )
        for number in range(contributions)
    ]
    return entries + disbursements


GENERATOR = Generator(
    name="fund",
    sizes=(
        Size("fund-cases", 10000, "Reserve Fund requests over the years, most of them closed"),
        Size("fund-ledger-entries", 30000, "entries of the fund's ledger (money in and out)"),
    ),
    generate=generate,
)
