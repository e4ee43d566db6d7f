"""The Reserve Fund's figures: for the officers, and for the public.

The officers' figures (`case_statistics`) count requests by year of request, departure and
return country, category and requester kind, with the days from request to return.

The public figures (`public_statistics`) are yearly and never show a case: each year has its
number of requests and one table per dimension (category, departure country, return country,
requester kind, outcome). A count from 1 to 4 shows as "fewer than 5" (primary suppression),
and so that a table's total does not give such a count away, more counts of the same table are
hidden until the hidden ones are at least two and add up to 5 or more (secondary suppression);
if the table has no more to hide, its total is hidden too. A year of fewer than 5 requests has
no tables at all: its zeros would describe its few cases. No total across years is published,
so that no second margin exists to subtract from. The median of days to return is shown for a
year with 5 returns or more.

Neither reads identities: the statistics are the same before and after erasure.
"""

import statistics as stats
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case as Choose
from django.db.models import CharField, Count, F, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puebla.directory.models import Country
from puebla.fund.models import Case, CaseCategory, RequesterKindOption, State

THRESHOLD = 5


class Outcome:
    """What became of a request, for the public table (a partition of the states)."""

    PENDING = "pending"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    STATES = {
        PENDING: (State.SUBMITTED, State.UNDER_REVIEW),
        APPROVED: (State.APPROVED, State.DISBURSED),
        RETURNED: (State.RETURN_CONFIRMED, State.CLOSED),
        REJECTED: (State.REJECTED,),
        WITHDRAWN: (State.WITHDRAWN,),
    }
    LABELS = {
        PENDING: gettext_lazy("Being reviewed"),
        APPROVED: gettext_lazy("Approved, return pending"),
        RETURNED: gettext_lazy("Returned"),
        REJECTED: gettext_lazy("Rejected"),
        WITHDRAWN: gettext_lazy("Withdrawn"),
    }


DIMENSIONS = {
    "category": gettext_lazy("By category"),
    "departure_country": gettext_lazy("By departure country"),
    "return_country": gettext_lazy("By return country"),
    "requester_kind": gettext_lazy("By requesting body"),
    "outcome": gettext_lazy("By outcome"),
}


def _requests():
    """Requests that were filed (drafts are not requests yet), with their year of request."""
    return (
        Case.objects.filter(submitted_year__isnull=False)
        .annotate(
            year=F("submitted_year"),
            outcome=Choose(
                *[
                    When(state__in=states, then=Value(outcome))
                    for outcome, states in Outcome.STATES.items()
                ],
                output_field=CharField(),
            ),
        )
        .order_by()
    )


# --- The officers' figures --------------------------------------------------------------------


@dataclass
class Group:
    year: int
    departure_country: Country
    return_country: Country
    category: str  # the key of the secretariat's category (CaseCategory.code)
    requester_kind: str  # and of the kind of requesting body
    category_label: str = ""
    requester_kind_label: str = ""
    requests: int = 0
    returns: int = 0
    days: list[int] = field(default_factory=list, repr=False)

    @property
    def median_days(self) -> float | None:
        return stats.median(self.days) if self.days else None

    @property
    def mean_days(self) -> float | None:
        return round(stats.fmean(self.days), 1) if self.days else None

    def get_category_display(self) -> str:
        return self.category_label

    def get_requester_kind_display(self) -> str:
        return self.requester_kind_label


KEY = ("year", "departure_country_id", "return_country_id", "category", "requester_kind")


def case_statistics(*, year: int | None = None) -> list[Group]:
    """Requests per year of request, departure and return country, category and requester
    kind, with the returns among them and their days from request to return. Three queries
    whatever the number of cases (the year and the days are stored on each case)."""
    requests = _requests()
    if year is not None:
        requests = requests.filter(year=year)
    groups: dict[tuple, Group] = {}
    countries = Country.objects.in_bulk()
    categories = CaseCategory.objects.in_bulk()
    kinds = RequesterKindOption.objects.in_bulk()
    for row in requests.values(*KEY).annotate(n=Count("pk")):
        key = tuple(row[name] for name in KEY)
        category, kind = categories[row["category"]], kinds[row["requester_kind"]]
        groups[key] = Group(
            year=row["year"],
            departure_country=countries[row["departure_country_id"]],
            return_country=countries[row["return_country_id"]],
            category=category.code,
            requester_kind=kind.code,
            category_label=str(category),
            requester_kind_label=str(kind),
            requests=row["n"],
        )
    returned = requests.filter(days_to_return__isnull=False).values_list(*KEY, "days_to_return")
    for *key, days in returned:
        group = groups[tuple(key)]
        group.returns += 1
        group.days.append(days)
    return sorted(
        groups.values(),
        key=lambda g: (-g.year, str(g.departure_country), str(g.return_country), g.category),
    )


# --- The public figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A published count: its value, or None when it is hidden ("fewer than 5" when the count
    itself is small, "not shown" when it is hidden so as not to give a small one away)."""

    value: int | None
    small: bool = False

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self):
        if self.value is not None:
            return str(self.value)
        return _("fewer than 5") if self.small else _("not shown")


@dataclass
class Line:
    key: str
    label: str
    figure: Figure


@dataclass
class Table:
    dimension: str
    title: str
    lines: list[Line]
    total: Figure


@dataclass
class PublicYear:
    year: int
    requests: Figure
    tables: list[Table]
    returns: Figure
    median_days: float | None


def suppress(counts: dict[str, int], total: int) -> tuple[dict[str, Figure], Figure]:
    """Hide counts from 1 to 4, then more (smallest first) until the hidden ones of the table
    are at least two and add up to 5 or more, so that the shown total minus the shown counts
    gives no small count away; if none are left to hide, hide the total too. Zero is shown:
    it is nobody."""
    hidden = {key for key, value in counts.items() if 0 < value < THRESHOLD}
    small = set(hidden)
    if total < THRESHOLD:
        hidden = {key for key, value in counts.items() if value > 0}
        small = set(hidden)
    while hidden and (len(hidden) < 2 or sum(counts[key] for key in hidden) < THRESHOLD):
        candidates = sorted(
            (value, key) for key, value in counts.items() if value > 0 and key not in hidden
        )
        if not candidates:
            break
        hidden.add(candidates[0][1])
    total_hidden = total < THRESHOLD or bool(
        hidden and (len(hidden) < 2 or sum(counts[key] for key in hidden) < THRESHOLD)
    )
    figures = {
        key: Figure(None, small=key in small) if key in hidden else Figure(value)
        for key, value in counts.items()
    }
    total_figure = Figure(None, small=total < THRESHOLD) if total_hidden else Figure(total)
    return figures, total_figure


def public_statistics() -> list[PublicYear]:
    """The published yearly figures, newest year first (see the module's docstring)."""
    # One grouped query over every dimension at once; each table adds up its own lines.
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    columns = [f"{name}_id" if name.endswith("country") else name for name in DIMENSIONS]
    # The secretariat's lists: a line per key, labelled in the reader's language.
    lists = {
        "category": {row.pk: row for row in CaseCategory.objects.all()},
        "requester_kind": {row.pk: row for row in RequesterKindOption.objects.all()},
    }
    for row in _requests().values("year", *columns).annotate(n=Count("pk")):
        for dimension, column in zip(DIMENSIONS, columns, strict=True):
            lines = counts[row["year"]][dimension]
            value = row[column]
            key = lists[dimension][value].code if dimension in lists else str(value)
            lines[key] = lines.get(key, 0) + row["n"]
    days: dict[int, list[int]] = defaultdict(list)
    for year, days_to_return in (
        _requests().filter(days_to_return__isnull=False).values_list("year", "days_to_return")
    ):
        days[year].append(days_to_return)
    countries = {str(pk): str(country) for pk, country in Country.objects.in_bulk().items()}
    years = []
    for year in sorted(counts, reverse=True):
        total = sum(counts[year]["category"].values())
        tables = []
        for dimension, title in DIMENSIONS.items():
            labels = _labels(dimension, counts[year][dimension], countries, lists)
            figures, table_total = suppress(
                {key: counts[year][dimension].get(key, 0) for key in labels}, total
            )
            tables.append(
                Table(
                    dimension=dimension,
                    title=str(title),
                    lines=[Line(key, labels[key], figures[key]) for key in labels],
                    total=table_total,
                )
            )
        outcome = next(table for table in tables if table.dimension == "outcome")
        returned = next(line for line in outcome.lines if line.key == Outcome.RETURNED)
        if total < THRESHOLD:
            # A year of fewer than 5 requests gets no tables: its zeros and the countries
            # listed would say what all its cases were (all children, all from one country).
            tables = []
        years.append(
            PublicYear(
                year=year,
                requests=Figure(total) if total >= THRESHOLD else Figure(None, small=True),
                tables=tables,
                # The outcome table's own figure: shown or hidden as that table needs.
                returns=returned.figure if tables else Figure(None, small=True),
                median_days=stats.median(days[year]) if len(days[year]) >= THRESHOLD else None,
            )
        )
    return years


def _labels(dimension: str, present: dict[str, int], countries: dict[str, str], lists) -> dict:
    """The lines of a table, in order: every category and kind offered, and any retired one
    that has requests that year; every outcome (zero included); the countries that have
    requests, by name."""
    if dimension in lists:
        return {
            row.code: str(row)
            for row in sorted(lists[dimension].values(), key=lambda row: (row.position, row.pk))
            if not row.retired or row.code in present
        }
    if dimension == "outcome":
        return {key: str(label) for key, label in Outcome.LABELS.items()}
    return dict(sorted(((key, countries[key]) for key in present), key=lambda item: item[1]))
