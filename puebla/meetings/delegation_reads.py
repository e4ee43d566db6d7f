"""Reads of a meeting's delegations for the pages (DESIGN.md §5): every country's seats and
nominations at a glance, the nominations awaiting the secretariat's confirmation, and whom a
country's official asks to nominate someone. Each keeps a constant number of queries however
many countries and nominations there are (tests/meetings/test_query_budgets.py)."""

from dataclasses import dataclass

from puebla.accounts.models import User
from puebla.core.text import collation_key
from puebla.directory.models import Body, Country
from puebla.meetings.models import Meeting, Nomination
from puebla.meetings.querysets import member_states

STATUSES = ("nominated", "confirmed", "waiting", "declined", "withdrawn")


def countries_with_counts(meeting: Meeting) -> list[dict]:
    """One row per country, by name in the reader's language: every member state, those that
    nominated nobody included, and any other state that nominated (an observer, or a former
    member); each with its count of nominations in every status (STATUSES). Two queries."""
    counts = {
        row["owner_country"]: row
        for row in Nomination.objects.filter(meeting=meeting).summary_by_country()
    }
    countries = Country.objects.filter(
        pk__in=member_states().values("pk")
    ) | Country.objects.filter(pk__in=list(counts))
    rows = [
        {
            "country": country,
            **{status: counts.get(country.pk, {}).get(status, 0) for status in STATUSES},
        }
        for country in countries.distinct()
    ]
    return sorted(rows, key=lambda row: collation_key(str(row["country"])))


def delegations_overview(meeting: Meeting) -> list[dict]:
    """`countries_with_counts`, and for each country its seats left (None when the meeting
    gives no seats) and the names of its current focal points. Three queries."""
    rows = countries_with_counts(meeting)
    names: dict[int, list[str]] = {}
    focal_points = User.objects.focal_points().filter(
        country__in=[row["country"].pk for row in rows]
    )
    for country_id, name, email in focal_points.order_by("full_name", "email").values_list(
        "country_id", "full_name", "email"
    ):
        names.setdefault(country_id, []).append(name or email)
    seats = meeting.seats_per_country
    for row in rows:
        row["seats_left"] = (
            max(seats - row["nominated"] - row["confirmed"], 0) if seats is not None else None
        )
        row["focal_points"] = names.get(row["country"].pk, [])
    return rows


def awaiting_confirmation(meeting: Meeting, user) -> list[Nomination]:
    """The nominations of `meeting` that hold a seat and wait for the secretariat to confirm
    them, as `user` may see them, by country name and then in the order they were made."""
    nominations = (
        Nomination.objects.visible_to(user)
        .filter(meeting=meeting, status=Nomination.Status.NOMINATED)
        .select_related("owner_country")
        .order_by("created_at", "pk")
    )
    return sorted(nominations, key=lambda nomination: collation_key(str(nomination.owner_country)))


@dataclass(frozen=True)
class NominationContacts:
    """Whom a country's official asks to nominate a delegate: the country's focal points by
    name; when it has none, the Technical Secretariat as the directory records it (None when
    the directory has no entry for it)."""

    focal_points: list[str]
    secretariat: Body | None


def nomination_contacts(country: Country) -> NominationContacts:
    names = [
        name or email
        for name, email in User.objects.focal_points_of(country)
        .order_by("full_name", "email")
        .values_list("full_name", "email")
    ]
    if names:
        return NominationContacts(focal_points=names, secretariat=None)
    # The secretariat's own entry in the directory (its contact address from the seeds), never
    # an address made up here.
    secretariat = Body.objects.filter(kind=Body.Kind.SECRETARIAT).order_by("position", "pk").first()
    return NominationContacts(focal_points=[], secretariat=secretariat)
