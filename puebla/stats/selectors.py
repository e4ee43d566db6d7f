"""Reads of the statistics shared by pages: the intranet home's panel, a round's completeness."""

from dataclasses import dataclass

from django.db.models import Count, Q

from puebla.core import access
from puebla.core.text import text_in
from puebla.followup.visibility import official_country_id
from puebla.stats import periods
from puebla.stats.models import (
    SERIES_KEY_SEPARATOR,
    Code,
    Observation,
    Release,
    ReleasedObservation,
    Round,
    Submission,
)
from puebla.stats.validation import dimension_specs

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


def published_structures() -> list:
    """Each structure with releases, with its latest release, for the statistics index."""
    latest = {}
    for release in Release.objects.select_related("structure").order_by("-published_at", "-pk"):
        latest.setdefault(release.structure.key, release)
    return sorted(latest.values(), key=lambda release: release.structure.key)


def release_or_none(key: str, number: int | None = None) -> Release | None:
    """Release `number` of the structure `key` (any version), or its latest."""
    releases = Release.objects.select_related("structure").filter(structure__key=key)
    if number is None:
        return releases.order_by("-number").first()
    return releases.filter(number=number).first()


@dataclass
class SeriesCell:
    value: int | None
    confidential: bool = False
    not_available: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None and not self.confidential and not self.not_available


@dataclass
class SeriesTable:
    """The totals of one flow per reporting country (columns) and period (rows)."""

    flows: list  # (code, name) of the first dimension's allowed codes
    flow: str
    countries: list  # (code, name)
    periods: list[str]
    cells: dict  # (country, period) → SeriesCell

    def rows(self):
        for period in self.periods:
            yield (
                period,
                [
                    self.cells.get((code, period), SeriesCell(None))
                    for code, _name in self.countries
                ],
            )

    @property
    def has_confidential(self) -> bool:
        return any(cell.confidential for cell in self.cells.values())

    @property
    def has_not_available(self) -> bool:
        return any(cell.not_available for cell in self.cells.values())

    @property
    def has_missing(self) -> bool:
        return any(cell.missing for _period, row in self.rows() for cell in row)

    def chart_points(self) -> list[dict]:
        names = dict(self.countries)
        return [
            {"series": names[code], "period": period, "value": self.cells[(code, period)].value}
            for code, _name in self.countries
            for period in self.periods
            if (code, period) in self.cells
        ]


def series_table(release: Release, flow: str | None, language: str) -> SeriesTable:
    """The release's totals (every dimension but the first at its total code) for `flow` (a
    code of the first dimension; its first code when not one of them): the page's chart and
    table. Three queries, however many figures."""
    specs = dimension_specs(release.structure)
    flow_codes = [
        (code.code, text_in(code, "name", language))
        for code in Code.objects.filter(code_list__key=specs[0].list_key, code__in=specs[0].codes)
    ]
    chosen = flow if flow in dict(flow_codes) else flow_codes[0][0]
    key = SERIES_KEY_SEPARATOR.join([chosen, *(spec.total or "" for spec in specs[1:])])
    cells = {}
    for area, period, value, status, confidential in ReleasedObservation.objects.filter(
        release=release, series_key=key
    ).values_list("ref_area", "period", "value", "status", "confidential"):
        cells[(area, period)] = SeriesCell(
            value, confidential, status == Observation.Status.NOT_AVAILABLE
        )
    areas = sorted({area for area, _period in cells})
    names = {
        code.code: text_in(code, "name", language)
        for code in Code.objects.filter(code_list__key="CL_AREA", code__in=areas)
    }
    countries = sorted(((area, names.get(area, area)) for area in areas), key=lambda c: c[1])
    return SeriesTable(
        flows=flow_codes,
        flow=chosen,
        countries=countries,
        periods=sorted({period for _area, period in cells}, key=periods.ordinal),
        cells=cells,
    )
