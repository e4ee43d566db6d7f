"""Who still owes what: countries by requests, each cell the country's answer state, with
expected, received and on-time counts per country and per matrix cycle.

The states are read for the requests shown (a page of them, or every request for the
spreadsheet); the counts always cover every request and are summed by the database, so that
neither the queries nor the rows read in Python grow with the years of requests: at most nine
queries (the requests, who they address, their answers' states, four sums, the countries and
the cycles' names), whether the follow-up holds 1 request or 2,000 to 11 countries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.bilingual import language_column
from puebla.directory.models import Country
from puebla.followup.models import Answer, InputRequest, MatrixCycle

State = Answer.State
# Who each request addresses: one row per request and country, the answers owed.
Addressed = InputRequest.countries.through


@dataclass
class Cell:
    state: str = State.NOT_STARTED
    late: bool = False
    overdue: bool = False  # past the due date and not received
    answer_id: int | None = None

    @property
    def received(self) -> bool:
        return self.state in Answer.RECEIVED

    @property
    def on_time(self) -> bool:
        return self.received and not self.late

    @property
    def label(self) -> str:
        """The state's name in the active language."""
        return str(State(self.state).label)

    @property
    def text(self) -> str:
        """The state's name, and whether the answer came late or is overdue: "Submitted · late"."""
        if self.late:
            return f"{self.label} · {_('late')}"
        if self.overdue:
            return f"{self.label} · {_('overdue')}"
        return self.label


@dataclass
class Counts:
    expected: int = 0
    received: int = 0
    on_time: int = 0

    def without(self, other: "Counts") -> "Counts":
        return Counts(
            self.expected - other.expected,
            self.received - other.received,
            self.on_time - other.on_time,
        )


@dataclass
class Completeness:
    # Every country a request addresses, by name: the matrix's rows and the counts' countries.
    countries: list[Country]
    # The requests whose states are shown, in the order they were given.
    requests: list[InputRequest]
    # (request id, country id) -> Cell, for the countries each shown request addresses only.
    cells: dict[tuple[int, int], Cell]
    # Over every request: country id -> Counts.
    per_country: dict[int, Counts]
    # Over every request: cycle id (None: requests outside a matrix cycle) -> country id -> Counts.
    per_cycle: dict[int | None, dict[int, Counts]]
    # The cycles of per_cycle, the meeting's latest first.
    cycles: list[MatrixCycle]

    def cell(self, request_id: int, country_id: int) -> Cell | None:
        """None when the request does not address the country."""
        return self.cells.get((request_id, country_id))

    def rows(self):
        """(country, [cell or None for each shown request], counts), in the countries' order."""
        for country in self.countries:
            yield (
                country,
                [self.cells.get((request.pk, country.pk)) for request in self.requests],
                self.per_country.get(country.pk, Counts()),
            )


def completeness(*, requests=None, now: datetime.datetime | None = None) -> Completeness:
    """The states of `requests` (default: every request, soonest due first) in each country
    they address, and the counts over every request."""
    if requests is None:
        requests = InputRequest.objects.order_by("due_date", "pk")
    requests = list(requests)
    per_country, per_cycle = answer_counts()
    cells = request_states(requests, now=now or timezone.now())
    country_ids = set(per_country) | {country_id for _request, country_id in cells}
    return Completeness(
        countries=list(
            Country.objects.filter(pk__in=country_ids).order_by(language_column("name"))
        ),
        requests=requests,
        cells=cells,
        per_country=per_country,
        per_cycle=per_cycle,
        cycles=list(
            MatrixCycle.objects.filter(pk__in=[pk for pk in per_cycle if pk is not None])
            .select_related("meeting")
            .order_by("-meeting__start_date", "-pk")
        ),
    )


def request_states(
    requests: list[InputRequest], *, now: datetime.datetime
) -> dict[tuple[int, int], Cell]:
    """(request id, country id) -> Cell for each country each of `requests` addresses."""
    by_id = {request.pk: request for request in requests}
    addressed = Addressed.objects.filter(inputrequest_id__in=by_id).values_list(
        "inputrequest_id", "country_id"
    )
    cells = {pair: Cell(overdue=by_id[pair[0]].is_past_due(now)) for pair in addressed}
    answers = Answer.objects.filter(request_id__in=by_id).order_by()
    for answer_id, request_id, country_id, state, late in answers.values_list(
        "pk", "request_id", "owner_country_id", "state", "late"
    ):
        cell = cells.get((request_id, country_id))
        if cell is None:
            continue  # the request no longer addresses that country: not owed
        cell.state, cell.late, cell.answer_id = state, late, answer_id
        cell.overdue = cell.overdue and not cell.received
    return cells


def answer_counts() -> tuple[dict[int, Counts], dict[int | None, dict[int, Counts]]]:
    """Over every request, the answers expected (one per addressed country), received
    (submitted or accepted) and received on time: per country, and per cycle (None: outside a
    cycle) and country.

    Summed per country over every request, then per cycle over the requests in a cycle only,
    "outside a cycle" being the difference: a request's cycle is a join that, made for every
    answer, costs as much as the sums themselves, and most requests belong to no cycle."""
    per_country = {
        country_id: counts
        for (_cycle, country_id), counts in _summed(
            Addressed.objects.all(), Answer.objects.all(), by_cycle=False
        ).items()
    }
    in_a_cycle = InputRequest.objects.filter(cycle__isnull=False).values("pk")
    in_cycles = _summed(
        Addressed.objects.filter(inputrequest_id__in=in_a_cycle),
        Answer.objects.filter(request_id__in=in_a_cycle),
        by_cycle=True,
    )
    per_cycle: dict[int | None, dict[int, Counts]] = defaultdict(dict)
    outside = dict(per_country)
    for (cycle_id, country_id), counts in in_cycles.items():
        per_cycle[cycle_id][country_id] = counts
        outside[country_id] = outside[country_id].without(counts)
    outside = {country_id: counts for country_id, counts in outside.items() if counts.expected}
    if outside:
        per_cycle[None] = outside
    return per_country, dict(per_cycle)


def _summed(addressed, answers, *, by_cycle: bool) -> dict[tuple[int | None, int], Counts]:
    """(cycle id, None unless `by_cycle`; country id) -> Counts, from `addressed` (who the
    requests address) and their `answers`, in two grouped sums."""
    counts: dict[tuple[int | None, int], Counts] = defaultdict(Counts)
    cycle = {"cycle_id": F("inputrequest__cycle_id")} if by_cycle else {}
    for row in addressed.order_by().values("country_id", **cycle).annotate(expected=Count("pk")):
        counts[row.get("cycle_id"), row["country_id"]].expected = row["expected"]
    # An answer counts only while its request still addresses its country, as in the cells.
    still_owed = Addressed.objects.filter(
        inputrequest_id=OuterRef("request_id"), country_id=OuterRef("owner_country_id")
    )
    cycle = {"cycle_id": F("request__cycle_id")} if by_cycle else {}
    received = (
        answers.filter(Exists(still_owed), state__in=Answer.RECEIVED)
        .order_by()
        .values("owner_country_id", **cycle)
        .annotate(received=Count("pk"), on_time=Count("pk", filter=Q(late=False)))
    )
    for row in received:
        sums = counts[row.get("cycle_id"), row["owner_country_id"]]
        sums.received, sums.on_time = row["received"], row["on_time"]
    return counts
