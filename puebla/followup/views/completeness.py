"""Completeness, for the secretariat: every addressed country's status on every request, and
per country and cycle how many answers were expected, received, and received on time.

A fixed number of queries whatever the number of requests and countries (tests/followup/
test_queries.py): the requests, their addressed countries, and the answers' states are each
read in one query and put together here.
"""

import io
from collections import defaultdict

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.gates import secretariat_view
from puebla.directory.models import Country
from puebla.followup.models import Answer, InputRequest

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
    return render(request, "followup/completeness.html", completeness())


@secretariat_view
def completeness_export(request):
    from openpyxl import Workbook

    data = completeness()
    book = Workbook()
    sheet = book.active
    sheet.title = _("Status")[:31]
    sheet.append([_("Request"), _("Due date"), *[str(country) for country in data["countries"]]])
    for row in data["rows"]:
        item = row["request"]
        sheet.append(
            [
                item.title_in(request.LANGUAGE_CODE),
                item.due_date,
                *[_cell_text(cell) for cell in row["cells"]],
            ]
        )
    totals = book.create_sheet(_("Counts")[:31])
    totals.append([_("Cycle"), _("Country"), _("Expected"), _("Received"), _("On time")])
    for row in data["counts"]:
        totals.append([row["group"], str(row["country"]), *row["counts"]])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="completeness.xlsx"'
    return response


def _cell_text(cell) -> str:
    if cell is None:
        return "—"
    text = str(cell["label"])
    if cell["late"]:
        text += " · " + _("late")
    elif cell["overdue"]:
        text += " · " + _("overdue")
    return text
