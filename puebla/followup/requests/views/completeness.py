"""Completeness, for the secretariat: every addressed country's status on every request, and
per country and cycle how many answers were expected, received, and received on time.

A fixed number of queries whatever the number of requests and countries (tests/followup/
test_queries.py): the requests, their addressed countries, and the answers' states are each
read in one query (puebla.followup.requests.completeness) and put together there.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from puebla.core.gates import secretariat_view
from puebla.followup.exports import CONTENT_TYPES
from puebla.followup.matrix.selectors import cycles_newest_first
from puebla.followup.requests.completeness import completeness
from puebla.followup.requests.exports import completeness_xlsx


def completeness_context(now=None) -> dict:
    """puebla.followup.requests.completeness's matrix, laid out for the page: a row per country
    (a dozen, a column each being too wide for a screen), a column per request in a box that
    scrolls with its headers kept in view, then the counts for all requests and for each cycle."""
    data = completeness(now=now)
    rows = [{"country": country, "cells": cells} for country, cells, _counts in data.rows()]
    cycles = {request.cycle_id: request.cycle for request in data.requests}
    groups = [(_("All requests"), data.per_country)] + [
        (str(cycles[cycle_id]) if cycle_id else _("No cycle"), per_country)
        for cycle_id, per_country in data.per_cycle.items()
        if cycle_id is not None
    ]
    counts = [
        {"group": group, "country": country, "counts": per_country[country.pk]}
        for group, per_country in groups
        for country in data.countries
        if country.pk in per_country
    ]
    return {"requests": data.requests, "rows": rows, "counts": counts}


@secretariat_view
def completeness_page(request):
    cycles = cycles_newest_first()
    return render(
        request, "followup/completeness.html", {**completeness_context(), "cycles": cycles}
    )


@secretariat_view
def completeness_export(request):
    """The spreadsheet of puebla.followup.requests.exports (typed text kept from running as a formula),
    in the page's language."""
    content = completeness_xlsx(completeness(), language=request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="completeness.xlsx"'
    return response
