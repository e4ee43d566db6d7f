"""Completeness: countries by requests with each state, and expected, received and on-time
counts per country and per cycle, at a constant query count as requests grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from puebla.followup.models import Answer, InputRequest, MatrixCycle
from puebla.followup.requests import services
from puebla.followup.requests.completeness import completeness
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
    assert large == small == 4
    assert len(data.countries) == 11 and len(data.requests) == 200
    assert sum(counts.expected for counts in data.per_country.values()) == 2200
