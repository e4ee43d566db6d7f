"""Reads of the statistics shared by pages: the intranet home's panel, a round's completeness."""

from dataclasses import dataclass

from django.db.models import Count, Q

from puebla.core import access
from puebla.followup.visibility import official_country_id
from puebla.stats import periods
from puebla.stats.models import Observation, Round, Submission

SHOWN = 5


def panel_context(request) -> dict | None:
    """The latest rounds, for the secretariat (with how many countries uploaded) and for a
    member state's officials (those that ask their country, with whether it uploaded);
    nothing for anyone else."""
    user = request.user
    rounds = Round.objects.select_related("structure", "request").order_by("-pk")
    if access.is_secretariat(user):
        rounds = rounds.annotate(uploaded=Count("submissions"))
        return {"rounds": list(rounds[:SHOWN]), "secretariat": True}
    country_id = official_country_id(user)
    if country_id is None:
        return None
    rounds = rounds.filter(request__countries=country_id).annotate(
        uploaded=Count("submissions", filter=Q(submissions__owner_country_id=country_id))
    )
    listed = list(rounds[:SHOWN])
    return {"rounds": listed, "secretariat": False} if listed else None


@dataclass
class CountryCompleteness:
    """A country's figures in a round: the periods it gave figures for (of those asked), the
    cells it gave, how many of those were not available, and whether its last upload came by
    the due date."""

    periods_received: int
    periods_expected: int
    reported: int  # cells with a value, zero included
    not_available: int  # cells given as "not available" (M)
    on_time: bool | None  # None: nothing uploaded

    @property
    def share_filled(self) -> float | None:
        """The share of the cells given that hold a value: zero counts as filled, "not
        available" does not."""
        given = self.reported + self.not_available
        return self.reported / given if given else None

    @property
    def percent_filled(self) -> int | None:
        share = self.share_filled
        return None if share is None else round(share * 100)


def round_completeness(round: Round) -> dict[int, CountryCompleteness]:
    """Per country asked (by id), its completeness in `round`, in two queries."""
    expected = periods.periods_between(round.period_start, round.period_end)
    counts = (
        Observation.objects.filter(submission__round=round, period__in=expected)
        .values("submission__owner_country_id", "period")
        .annotate(
            reported=Count("pk", filter=Q(status=Observation.Status.REPORTED)),
            not_available=Count("pk", filter=Q(status=Observation.Status.NOT_AVAILABLE)),
        )
    )
    per_country: dict[int, list[dict]] = {}
    for row in counts:
        per_country.setdefault(row["submission__owner_country_id"], []).append(row)
    uploaded = dict(
        Submission.objects.filter(round=round).values_list("owner_country_id", "uploaded_at")
    )
    closes_at = round.request.closes_at
    result = {}
    for country_id in round.request.countries.values_list("pk", flat=True):
        rows = per_country.get(country_id, [])
        when = uploaded.get(country_id)
        result[country_id] = CountryCompleteness(
            periods_received=len(rows),
            periods_expected=len(expected),
            reported=sum(row["reported"] for row in rows),
            not_available=sum(row["not_available"] for row in rows),
            on_time=None if when is None else when < closes_at,
        )
    return result
