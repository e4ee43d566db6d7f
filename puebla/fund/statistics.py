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

from django.db import connections, router
from django.db.models import Case as Choose
from django.db.models import CharField, Count, F, Value, When
from django.db.models.functions import Cast
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
        .annotate(year=F("submitted_year"))
        .order_by()
    )


def _outcome():
    """What became of a request (Outcome), as an expression the database groups on."""
    return Choose(
        *[
            When(state__in=states, then=Value(outcome))
            for outcome, states in Outcome.STATES.items()
        ],
        output_field=CharField(),
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


def published_years() -> list[int]:
    """The years with filed requests, newest first. One query that seeks the index of the year
    once per year (a loose index scan: each step asks for the latest year before the one last
    found), rather than reading an entry per request as DISTINCT would."""
    database = connections[router.db_for_read(Case)]
    table = database.ops.quote_name(Case._meta.db_table)
    year = database.ops.quote_name(Case._meta.get_field("submitted_year").column)
    sql = f"""
        WITH RECURSIVE found (latest) AS (
            SELECT MAX({year}) FROM {table}
            UNION ALL
            SELECT (SELECT MAX({year}) FROM {table} WHERE {year} < found.latest)
            FROM found WHERE found.latest IS NOT NULL
        )
        SELECT latest FROM found WHERE latest IS NOT NULL
    """  # noqa: S608 - the model's own table and column names, quoted
    with database.cursor() as cursor:
        cursor.execute(sql)
        return [latest for (latest,) in cursor.fetchall()]


def public_statistics(*, years: list[int] | None = None) -> list[PublicYear]:
    """The published figures of `years` (every year with requests when None), newest year
    first (see the module's docstring). Counted by the database, grouped by year and line: the
    rows read are the tables' lines, however many requests there are; five queries."""
    requests = _requests()
    if years is not None:
        requests = requests.filter(submitted_year__in=years)
    counts = _counts_by_year(requests)
    days = _days_to_return_by_year(requests)
    # The secretariat's lists: a line per key, labelled in the reader's language.
    lists = {
        "category": {str(row.pk): row for row in CaseCategory.objects.all()},
        "requester_kind": {str(row.pk): row for row in RequesterKindOption.objects.all()},
    }
    countries = {str(pk): str(country) for pk, country in Country.objects.in_bulk().items()}
    published = []
    for year in sorted(counts, reverse=True):
        by_code = {
            dimension: {
                (lists[dimension][key].code if dimension in lists else key): value
                for key, value in lines.items()
            }
            for dimension, lines in counts[year].items()
        }
        total = sum(by_code["category"].values())
        tables = []
        for dimension, title in DIMENSIONS.items():
            present = by_code.get(dimension, {})
            labels = _labels(dimension, present, countries, lists)
            figures, table_total = suppress({key: present.get(key, 0) for key in labels}, total)
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
        returns = sum(days[year].values())
        published.append(
            PublicYear(
                year=year,
                requests=Figure(total) if total >= THRESHOLD else Figure(None, small=True),
                tables=tables,
                # The outcome table's own figure: shown or hidden as that table needs.
                returns=returned.figure if tables else Figure(None, small=True),
                median_days=_median(days[year]) if returns >= THRESHOLD else None,
            )
        )
    return published


def _line_keys() -> dict:
    """What each table counts by: a column of the request (a key as text, so that every
    table's counts come in one column), or what became of it."""
    return {
        "category": Cast("category_id", CharField()),
        "departure_country": Cast("departure_country_id", CharField()),
        "return_country": Cast("return_country_id", CharField()),
        "requester_kind": Cast("requester_kind_id", CharField()),
        "outcome": _outcome(),
    }


def _counts_by_year(requests) -> dict[int, dict[str, dict[str, int]]]:
    """{year: {dimension: {key: requests}}}, in one query: the union of one count per
    dimension, grouped by year and key. Nothing personal is read, nothing is decrypted."""
    grouped = [
        requests.annotate(dimension=Value(dimension), key=key)
        .values("year", "dimension", "key")
        .annotate(requests=Count("pk"))
        for dimension, key in _line_keys().items()
    ]
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in grouped[0].union(*grouped[1:], all=True):
        counts[row["year"]][row["dimension"]][row["key"]] = row["requests"]
    return counts


def _days_to_return_by_year(requests) -> dict[int, dict[int, int]]:
    """{year: {days from request to return: returns}}: as many rows as distinct numbers of
    days, not as returns (one query)."""
    histogram: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        requests.filter(days_to_return__isnull=False)
        .values("year", "days_to_return")
        .annotate(returns=Count("pk"))
    ):
        histogram[row["year"]][row["days_to_return"]] = row["returns"]
    return histogram


def _median(histogram: dict[int, int]) -> float:
    """The median of values given as {value: how many times}: what statistics.median gives
    for the list of every value."""
    ordered = sorted(histogram.items())

    def nth(position: int) -> int:  # the value at a position (from 0) of the sorted values
        for value, times in ordered:
            if position < times:
                return value
            position -= times
        raise IndexError(position)

    count = sum(histogram.values())
    if count % 2:
        return nth(count // 2)
    return (nth(count // 2 - 1) + nth(count // 2)) / 2


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
