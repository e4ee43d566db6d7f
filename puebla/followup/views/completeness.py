"""Completeness, for the secretariat: every addressed country's status on every request, and
per country and cycle how many answers were expected, received, and received on time.

A fixed number of queries whatever the number of requests and countries (tests/followup/
test_queries.py): the requests, their addressed countries, and the answers' states are each
read in one query and put together here.
"""

from collections import defaultdict

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.gates import secretariat_view
from puebla.directory.models import Country
from puebla.followup.models import Answer, InputRequest, MatrixCycle

State = Answer.State


def completeness(now=None):
    """{"countries", "rows" (request, cells), "counts" (per cycle, per country)}."""
    now = now or timezone.now()
    requests = list(
        InputRequest.objects.select_related("cycle__meeting").order_by("due_date", "pk")
    )
    addressed = defaultdict(set)
    for request_id, country_id in InputRequest.countries.through.objects.values_list(
        "inputrequest_id", "country_id"
    ):
        addressed[request_id].add(country_id)
    countries = list(
        Country.objects.filter(pk__in={c for ids in addressed.values() for c in ids}).order_by(
            "name"
        )
    )
    answers = {
        (request_id, country_id): (state, late)
        for request_id, country_id, state, late in Answer.objects.values_list(
            "request_id", "owner_country_id", "state", "late"
        )
    }
    labels = dict(State.choices)
    rows = []
    # cycle label -> country id -> [expected, received, on time]
    counts = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for request in requests:
        past_due = request.is_past_due(now)
        cells = []
        for country in countries:
            if country.pk not in addressed[request.pk]:
                cells.append(None)
                continue
            state, late = answers.get((request.pk, country.pk), (State.NOT_STARTED, False))
            received = state in Answer.RECEIVED
            cells.append(
                {
                    "state": state,
                    "label": labels[state],
                    "late": late,
                    "overdue": past_due and not received,
                }
            )
            for group in (_("All requests"), str(request.cycle) if request.cycle_id else None):
                if group is None:
                    continue
                tally = counts[group][country.pk]
                tally[0] += 1
                tally[1] += received
                tally[2] += received and not late
        rows.append({"request": request, "cells": cells})
    count_rows = [
        {"group": group, "country": country, "counts": per_country[country.pk]}
        for group, per_country in counts.items()
        for country in countries
        if country.pk in per_country
    ]
    return {"countries": countries, "rows": rows, "counts": count_rows}


@secretariat_view
def completeness_page(request):
    cycles = MatrixCycle.objects.select_related("meeting").order_by("-meeting__start_date", "-pk")
    return render(request, "followup/completeness.html", {**completeness(), "cycles": cycles})


@secretariat_view
def completeness_export(request):
    """The spreadsheet of puebla.followup.exports (typed text kept from running as a formula),
    in the page's language."""
    from puebla.followup.completeness import completeness as completeness_data
    from puebla.followup.exports import CONTENT_TYPES, completeness_xlsx

    content = completeness_xlsx(completeness_data(), language=request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="completeness.xlsx"'
    return response
