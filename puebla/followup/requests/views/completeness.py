"""Completeness, for the secretariat: every addressed country's status on each request, a page
of requests at a time, and per country and cycle how many answers were expected, received, and
received on time over every request.

A fixed number of queries whatever the number of requests and countries (tests/followup/
test_queries.py): the page's requests, their addressed countries and their answers' states are
each read in one query, and the counts summed by the database
(puebla.followup.requests.completeness).
"""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from puebla.core.gates import secretariat_view
from puebla.followup.exports import CONTENT_TYPES
from puebla.followup.matrix.selectors import cycles_newest_first
from puebla.followup.models import InputRequest
from puebla.followup.requests.completeness import completeness
from puebla.followup.requests.exports import completeness_xlsx

# Requests (columns) per page: enough to compare a season of requests side by side, few enough
# that the page stays quick with years of them. The spreadsheet has every request.
REQUESTS_PER_PAGE = 25


def completeness_context(page_number=None, now=None) -> dict:
    """puebla.followup.requests.completeness's matrix, laid out for the page: a row per country
    (a dozen, a column each being too wide for a screen), a column per request of the page
    (latest due date first: the requests still being answered come first) in a box that
    scrolls with its headers kept in view, then the counts for all requests and for each
    cycle."""
    requests = InputRequest.objects.order_by("-due_date", "-pk")
    page = Paginator(requests, REQUESTS_PER_PAGE).get_page(page_number)
    data = completeness(requests=page.object_list, now=now)
    rows = [{"country": country, "cells": cells} for country, cells, _counts in data.rows()]
    groups = [(_("All requests"), data.per_country)] + [
        (str(cycle), data.per_cycle[cycle.pk]) for cycle in data.cycles
    ]
    counts = [
        {"group": group, "country": country, "counts": per_country[country.pk]}
        for group, per_country in groups
        for country in data.countries
        if country.pk in per_country
    ]
    return {"page": page, "requests": data.requests, "rows": rows, "counts": counts}


@secretariat_view
def completeness_page(request):
    cycles = cycles_newest_first()
    return render(
        request,
        "followup/completeness.html",
        {**completeness_context(request.GET.get("page")), "cycles": cycles},
    )


@secretariat_view
def completeness_export(request):
    """The spreadsheet of puebla.followup.requests.exports (typed text kept from running as a formula),
    in the page's language."""
    content = completeness_xlsx(completeness(), language=request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="completeness.xlsx"'
    return response
