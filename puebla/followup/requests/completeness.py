"""Who still owes what: countries by requests, each cell the country's answer state, with
expected, received and on-time counts per country and per matrix cycle.

Four queries whatever the numbers of countries, requests and answers (the countries, the
requests, who each request addresses, the answers' states): the secretariat's matrix of 11
countries by 200 requests costs what one of 1 by 1 does.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from puebla.core.bilingual import language_column
from puebla.directory.models import Country
from puebla.followup.models import Answer, InputRequest

State = Answer.State


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


@dataclass
class Counts:
    expected: int = 0
    received: int = 0
    on_time: int = 0

    def add(self, cell: Cell) -> None:
        self.expected += 1
        self.received += cell.received
        self.on_time += cell.on_time


@dataclass
class Completeness:
    countries: list[Country]
    requests: list[InputRequest]
    # (request id, country id) -> Cell, for the countries each request addresses only.
    cells: dict[tuple[int, int], Cell]
    per_country: dict[int, Counts]
    # cycle id (None: requests outside a matrix cycle) -> country id -> Counts
    per_cycle: dict[int | None, dict[int, Counts]] = field(default_factory=dict)

    def cell(self, request_id: int, country_id: int) -> Cell | None:
        """None when the request does not address the country."""
        return self.cells.get((request_id, country_id))

    def rows(self):
        """(country, [cell or None for each request], counts), in the countries' order."""
        for country in self.countries:
            yield (
                country,
                [self.cells.get((request.pk, country.pk)) for request in self.requests],
                self.per_country[country.pk],
            )


def completeness(*, requests=None, now: datetime.datetime | None = None) -> Completeness:
    """The matrix of `requests` (default: every request, soonest due first)."""
    now = now or timezone.now()
    requests = list(
        (requests if requests is not None else InputRequest.objects.all())
        .select_related("cycle__meeting")
        .order_by("due_date", "pk")
    )
    by_id = {request.pk: request for request in requests}
    addressed = list(
        InputRequest.countries.through.objects.filter(inputrequest_id__in=by_id).values_list(
            "inputrequest_id", "country_id"
        )
    )
    country_ids = {country_id for _request, country_id in addressed}
    countries = list(Country.objects.filter(pk__in=country_ids).order_by(language_column("name")))
    cells = {pair: Cell(overdue=by_id[pair[0]].is_past_due(now)) for pair in addressed}
    for answer_id, request_id, country_id, state, late in Answer.objects.filter(
        request_id__in=by_id
    ).values_list("pk", "request_id", "owner_country_id", "state", "late"):
        cell = cells.get((request_id, country_id))
        if cell is None:
            continue  # the request no longer addresses that country: not owed
        cell.state, cell.late, cell.answer_id = state, late, answer_id
        cell.overdue = cell.overdue and not cell.received
    per_country = {country.pk: Counts() for country in countries}
    per_cycle: dict[int | None, dict[int, Counts]] = defaultdict(lambda: defaultdict(Counts))
    for (request_id, country_id), cell in cells.items():
        per_country[country_id].add(cell)
        per_cycle[by_id[request_id].cycle_id][country_id].add(cell)
    return Completeness(
        countries=countries,
        requests=requests,
        cells=cells,
        per_country=per_country,
        per_cycle={cycle: dict(counts) for cycle, counts in per_cycle.items()},
    )
