"""Completeness: countries by requests with each state, and expected, received and on-time
counts per country and per cycle (summed by the database, as the cells would sum them), at a
constant query count as requests grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from puebla.followup.models import Answer, InputRequest, MatrixCycle
from puebla.followup.requests import services
from puebla.followup.requests.completeness import answer_counts, completeness
from puebla.meetings.querysets import member_states
from tests.followup.factories import country, make_request, person
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_states_and_counts(django_capture_on_commit_callbacks):
    ts = person(None)
    cr, gt, mx = person("CR", focal=True), person("GT", focal=True), person("MX", focal=True)
    cycle = MatrixCycle.objects.create(meeting=make_meeting(kind="rcgm"))
    one = make_request(by=ts, codes=("CR", "GT", "MX"), due_in=1, cycle=cycle)
    two = make_request(by=ts, codes=("CR", "GT"), due_in=10)
    services.answer_submit(request=one, country=country("CR"), by=cr, text="a")  # on time
    late = one.closes_at + datetime.timedelta(hours=1)
    answer = services.answer_submit(request=one, country=country("GT"), by=gt, text="b", now=late)
    services.answer_save_draft(request=one, country=country("MX"), by=mx, text="c")
    first = services.answer_submit(request=two, country=country("CR"), by=cr, text="d")
    services.answer_return(answer=first, by=ts, comment="más")
    services.answer_accept(answer=answer, by=ts)

    data = completeness(now=late)
    states = {
        (request.pk, code): (cell.state, cell.late, cell.overdue)
        for request in (one, two)
        for code in ("CR", "GT", "MX")
        if (cell := data.cell(request.pk, country(code).pk))
    }
    assert states == {
        (one.pk, "CR"): ("submitted", False, False),
        (one.pk, "GT"): ("accepted", True, False),
        (one.pk, "MX"): ("draft", False, True),
        (two.pk, "CR"): ("returned", False, False),
        (two.pk, "GT"): ("not_started", False, False),
    }
    assert data.cell(two.pk, country("MX").pk) is None  # not asked
    counts = {c.iso_code: vars(data.per_country[c.pk]) for c in data.countries}
    assert counts == {
        "CR": {"expected": 2, "received": 1, "on_time": 1},
        "GT": {"expected": 2, "received": 1, "on_time": 0},
        "MX": {"expected": 1, "received": 0, "on_time": 0},
    }
    in_cycle = {country_id: vars(c) for country_id, c in data.per_cycle[cycle.pk].items()}
    assert in_cycle[country("GT").pk] == {"expected": 1, "received": 1, "on_time": 0}
    assert vars(data.per_cycle[None][country("CR").pk]) == {
        "expected": 1,
        "received": 0,
        "on_time": 0,
    }


def grow(requests: int, by) -> None:
    """`requests` more requests to every member state, each with a mix of answers."""
    states = member_states()
    due = timezone.localdate() + datetime.timedelta(days=5)
    made = InputRequest.objects.bulk_create(
        InputRequest(title_en=f"Bulk {n}", due_date=due, created_by=by) for n in range(requests)
    )
    through = InputRequest.countries.through
    through.objects.bulk_create(
        through(inputrequest_id=request.pk, country_id=state.pk)
        for request in made
        for state in states
    )
    cycle = list(Answer.State)
    Answer.objects.bulk_create(
        Answer(request=request, owner_country=state, state=cycle[(n + i) % len(cycle)])
        for n, request in enumerate(made)
        for i, state in enumerate(states)
    )


def queries(now) -> int:
    with CaptureQueriesContext(connection) as captured:
        data = completeness(now=now)
        list(data.rows())
    return len(captured.captured_queries), data


def test_constant_query_count_with_11_countries_and_200_requests():
    ts = person(None)
    now = timezone.now()
    grow(1, ts)
    small, _data = queries(now)
    grow(199, ts)
    large, data = queries(now)
    # Nine queries, less the cycles' names: these requests are in no cycle.
    assert large == small == 8
    assert len(data.countries) == 11 and len(data.requests) == 200
    assert sum(counts.expected for counts in data.per_country.values()) == 2200


def counted_one_by_one() -> dict:
    """The counts as the page made them before the database summed them: every addressed
    country of every request, and its answer if it has one (the cells, in Python)."""
    answers = {
        (answer.request_id, answer.owner_country_id): answer for answer in Answer.objects.all()
    }
    counts: dict = {}
    for pair in InputRequest.countries.through.objects.values_list("inputrequest_id", "country_id"):
        request = InputRequest.objects.get(pk=pair[0])
        key = (request.cycle_id, pair[1])
        expected, received, on_time = counts.get(key, (0, 0, 0))
        answer = answers.get(pair)
        got = answer is not None and answer.state in Answer.RECEIVED
        counts[key] = (expected + 1, received + got, on_time + (got and not answer.late))
    return counts


def test_the_databases_sums_are_the_cells_counted_one_by_one():
    ts = person(None)
    first = MatrixCycle.objects.create(meeting=make_meeting(kind="rcgm"))
    second = MatrixCycle.objects.create(meeting=make_meeting(kind="rcgm"))
    grow(12, ts)  # every state, to every member state
    InputRequest.objects.filter(title_en__in=["Bulk 3", "Bulk 7"]).update(cycle=first)
    InputRequest.objects.filter(title_en="Bulk 8").update(cycle=second)
    every_fourth = list(Answer.objects.order_by("pk").values_list("pk", flat=True))[::4]
    Answer.objects.filter(pk__in=every_fourth).update(late=True)
    # An answer whose request no longer addresses its country is not owed, nor counted.
    for title, code in (("Bulk 5", "CR"), ("Bulk 3", "GT")):
        dropped = InputRequest.objects.get(title_en=title)
        dropped.countries.remove(country(code))
        assert Answer.objects.filter(request=dropped, owner_country=country(code)).exists()

    per_country, per_cycle = answer_counts()
    summed = {
        (cycle_id, country_id): (counts.expected, counts.received, counts.on_time)
        for cycle_id, by_country in per_cycle.items()
        for country_id, counts in by_country.items()
    }
    one_by_one = counted_one_by_one()
    assert summed == one_by_one
    totals = {
        country_id: tuple(
            sum(counts[i] for (_cycle, other), counts in one_by_one.items() if other == country_id)
            for i in range(3)
        )
        for _cycle, country_id in one_by_one
    }
    assert {pk: (c.expected, c.received, c.on_time) for pk, c in per_country.items()} == totals
    assert any(received > on_time > 0 for _expected, received, on_time in summed.values())
    assert summed[(None, country("CR").pk)][0] == 8  # 12 requests, 3 in cycles, 1 dropped
    assert summed[(first.pk, country("GT").pk)][0] == 1  # Bulk 3 no longer asks Guatemala
