"""The calendar and a meeting page cost as many queries with many meetings as with few."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Body, Country, Organisation
from puebla.meetings.models import AgendaItem, City, Meeting
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant

pytestmark = pytest.mark.django_db


def url(name: str, *args, query: str = "") -> str:
    with translation.override("en"):
        return reverse(f"meetings:{name}", args=args) + query


@pytest.mark.parametrize(
    "query", ["?when=past", "?when=past&kind=workshop&country=CR&q=test", "?when=undated&page=2"]
)
def test_calendar(client, query):
    cities = list(City.objects.all())

    def grow():
        for number in range(60):
            city = cities[number % len(cities)]
            make_meeting(
                title_en=f"Test workshop {number}",
                city=city,
                host_country=city.country,
                body=Body.objects.get(slug="rcgm"),
                start_date=datetime.date(2000 + number % 20, 1 + number % 12, 1)
                if number % 3
                else None,
                start_precision="month" if number % 3 else "none",
            )

    before, after = assert_queries_constant(client, url("calendar", query=query), grow)
    assert after.content != before.content


def test_meeting_page(client):
    meeting = Meeting.objects.get(slug="xxi-rcm")

    def grow():
        for number in range(20):
            AgendaItem.objects.create(
                meeting=meeting, position=10 + number, title_en=f"Session {number}"
            )
        meeting.convening_bodies.set(Body.objects.all())
        meeting.supporting_organisations.set(Organisation.objects.all())
        meeting.supporting_bodies.set(Body.objects.all())

    _before, after = assert_queries_constant(client, url("meeting", "xxi-rcm"), grow)
    assert "Session 19" in after.content.decode()


@pytest.mark.parametrize(
    ("name", "args"), [("calendar_ics", ()), ("body_ics", ("rcgm",)), ("announced", ())]
)
def test_feeds(client, name, args):
    def grow():
        for number in range(30):
            make_meeting(
                title_en=f"Dated meeting {number}",
                city=City.objects.get(slug="san-jose"),
                host_country=Country.objects.get(iso_code="CR"),
                body=Body.objects.get(slug="rcgm"),
                start_date=datetime.date(2030, 1, 1) + datetime.timedelta(days=number),
                start_precision="day",
            )

    _before, after = assert_queries_constant(client, url(name, *args), grow)
    assert b"Dated meeting 29" in after.content
