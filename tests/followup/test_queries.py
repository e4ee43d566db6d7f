"""The completeness matrix costs the same queries with 11 countries and 200 requests as with
one request: the requests, their countries and the answers are each read once."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.followup.models import Answer, InputRequest
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
    assert "Budget request 199" in page
    # A column per request (and the countries' column), a row per country.
    matrix = page.split('class="completeness"')[1].split("</table>")[0]
    assert matrix.count('<th scope="col">') == 201 + 1
    assert matrix.count('<th scope="row">') == 11
