"""The completeness matrix costs the same queries with 11 countries and 200 requests as with
one request: a page of requests, their countries and the answers are each read once, and the
counts over every request are summed by the database."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.followup.models import Answer, InputRequest
from puebla.followup.requests.views.completeness import REQUESTS_PER_PAGE
from puebla.meetings.querysets import member_states
from tests.followup import factories
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def grow(count: int, countries):
    """`count` requests to every country, each country's answer in a different state."""
    today = timezone.localdate()
    requests = InputRequest.objects.bulk_create(
        InputRequest(
            title_en=f"Budget request {n}", due_date=today + datetime.timedelta(days=n - 100)
        )
        for n in range(count)
    )
    Through = InputRequest.countries.through
    Through.objects.bulk_create(
        Through(inputrequest_id=request.pk, country_id=country.pk)
        for request in requests
        for country in countries
    )
    states = [state for state, _label in Answer.State.choices]
    Answer.objects.bulk_create(
        Answer(
            request=request,
            owner_country=country,
            state=states[(n + m) % len(states)],
            late=(n + m) % 3 == 0,
        )
        for n, request in enumerate(requests)
        for m, country in enumerate(countries)
    )


def test_completeness_keeps_its_query_count_with_11_countries_and_200_requests(client):
    countries = list(member_states())
    assert len(countries) == 11
    secretariat = make_user("secretariat", email="ts-budget@example.org")
    factories.make_request(by=secretariat, codes=["CR"])
    client.force_login(secretariat)
    with translation.override("en"):
        url = reverse("followup:completeness")
    _before, after = assert_queries_constant(client, url, lambda: grow(200, countries))
    page = html.unescape(after.content.decode())
    # A page of requests, the latest due first: a column per request (and the countries'
    # column), a row per country.
    assert "Budget request 199" in page and "Budget request 0<" not in page
    matrix = page.split('class="completeness"')[1].split("</table>")[0]
    assert matrix.count('<th scope="col">') == REQUESTS_PER_PAGE + 1
    assert matrix.count('<th scope="row">') == 11
    pages = -(-201 // REQUESTS_PER_PAGE)
    assert f"Page 1 of {pages}" in page
    last = html.unescape(client.get(f"{url}?page={pages}").content.decode())
    assert "Budget request 0<" in last and "Budget request 199" not in last
    # Every page counts every request: Costa Rica's 201 answers owed, on the first page and the last.
    costa_rica = Answer.objects.filter(owner_country__iso_code="CR")
    received = costa_rica.filter(state__in=Answer.RECEIVED)
    counts = (
        f'<td>All requests</td>\n      <th scope="row">Costa Rica</th>\n'
        f"      <td>201</td>\n      <td>{received.count()}</td>\n"
        f"      <td>{received.filter(late=False).count()}</td>"
    )
    assert counts in page and counts in last
