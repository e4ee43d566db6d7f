"""The calendar and a meeting page cost as many queries with many meetings as with few; the
intranet's meeting pages (list, delegation, every country's delegations, participants, summary)
as many with many meetings, countries, nominations or focal points as with few."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.models import User
from puebla.directory.models import Body, Country, Membership, Organisation
from puebla.meetings.models import AgendaItem, City, Meeting, Nomination
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

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


def test_calendar_with_more_bodies_and_years(client):
    """The body filter offers each body that has meetings and the year filter each year: one
    query each, however many bodies and years there are."""

    def grow():
        for number in range(30):
            body = Body.objects.create(
                slug=f"group-{number}", kind="working_group", name_en=f"Group {number}"
            )
            make_meeting(
                title_en=f"Group meeting {number}",
                body=body,
                start_date=datetime.date(1970 + number, 6, 1),
                start_precision="month",
            )

    before, after = assert_queries_constant(client, url("calendar", query="?when=past"), grow)
    assert 'value="group-29"' in after.content.decode()
    assert 'value="1970"' in after.content.decode()
    assert 'value="1970"' not in before.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "focal_point_a"])
def test_calendar_upcoming(client, sign_in, role):
    """The default tab, for the public and for a signed-in official (who sees more), from a
    few meetings ahead to many: with none, the empty page would not even run its list query."""
    if role != "anonymous":
        sign_in(role)
    cities = list(City.objects.all())
    today = timezone.localdate()

    def add(numbers):
        for number in numbers:
            city = cities[number % len(cities)]
            make_meeting(
                title_en=f"Upcoming workshop {number}",
                audience=("public", "members")[number % 2] if role != "anonymous" else "public",
                city=city,
                host_country=city.country,
                body=Body.objects.get(slug="rcgm"),
                start_date=today + datetime.timedelta(days=1 + number),
                start_precision="day",
            )

    add(range(2))
    before, after = assert_queries_constant(client, url("calendar"), lambda: add(range(2, 32)))
    assert "Upcoming workshop 1" in before.content.decode()
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


# The intranet's meeting pages: a meeting that takes nominations, and its countries'
# nominations in every status, made straight in the database (the services mail and lock).

STATUSES = ("nominated", "confirmed", "waiting", "declined", "withdrawn")


def delegated_meeting():
    day = timezone.localdate() + datetime.timedelta(days=30)
    return make_meeting(
        title_en="Delegated workshop",
        start_date=day,
        start_precision="day",
        status="confirmed",
        seats_per_country=3,
        nomination_deadline=day - datetime.timedelta(days=10),
        participants_audience="members",
    )


def nominate(meeting, countries, per_country: int, *, first: int = 0) -> None:
    """`per_country` nominations for each of `countries`, cycling through every status."""
    Nomination.objects.bulk_create(
        Nomination(
            meeting=meeting,
            owner_country=country,
            given_name=f"Delegate{number}",
            family_name=country.iso_code,
            position="Director",
            institution="Dirección General de Migración",
            email=f"delegate{number}-{country.iso_code.lower()}@example.org",
            language="en",
            status=STATUSES[number % len(STATUSES)],
            decline_reason="No seat left."
            if STATUSES[number % len(STATUSES)] == "declined"
            else "",
        )
        for country in countries
        for number in range(first, first + per_country)
    )


def several_countries() -> list[Country]:
    """Five member states, Costa Rica first, and a state that is not one (an observer)."""
    current = Membership.objects.current().filter(status="member")
    members = Country.objects.filter(memberships__in=current).distinct().order_by("iso_code")
    others = Country.objects.exclude(pk__in=members.values("pk")).order_by("iso_code")
    return [Country.objects.get(iso_code="CR"), *members.exclude(iso_code="CR")[:4], others[0]]


def test_participation_summary(client, sign_in):
    sign_in("secretariat")
    meeting = delegated_meeting()
    countries = several_countries()
    nominate(meeting, countries[:2], 2)

    def grow():
        nominate(meeting, countries, 25, first=2)

    before, after = assert_queries_constant(client, url("participants_summary", meeting.slug), grow)
    assert after.content != before.content
    # The observer state that nominated now has its row.
    assert str(countries[-1]) in after.content.decode()
    assert str(countries[-1]) not in before.content.decode()


@pytest.mark.parametrize(("role", "query"), [("secretariat", "?country=CR"), ("focal_point_a", "")])
def test_delegation_page(client, sign_in, role, query):
    sign_in(role)
    meeting = delegated_meeting()
    countries = several_countries()
    nominate(meeting, countries, 2)

    def grow():
        nominate(meeting, countries, 40, first=2)

    _before, after = assert_queries_constant(
        client, url("delegation", meeting.slug, query=query), grow
    )
    text = after.content.decode()
    assert "delegate41-cr@example.org" in text
    other = countries[1].iso_code.lower()
    assert f"delegate41-{other}@example.org" not in text  # another country's nominations


def test_delegations_overview(client, sign_in):
    """Every country's row and every nomination awaiting confirmation, however many countries
    nominated, however many nominations and focal points there are."""
    sign_in("secretariat")
    meeting = delegated_meeting()
    countries = several_countries()
    nominate(meeting, countries[:1], 2)

    def grow():
        nominate(meeting, countries, 40, first=2)
        for country in countries[:3]:
            for number in range(3):
                make_user("focal_point_a", email=f"focal-{number}-{country.iso_code}@example.org")
                User.objects.filter(email=f"focal-{number}-{country.iso_code}@example.org").update(
                    country=country
                )

    before, after = assert_queries_constant(client, url("delegations", meeting.slug), grow)
    text = after.content.decode()
    other = countries[1].iso_code.lower()
    assert f"delegate40-{other}@example.org" in text  # awaiting confirmation (40 % 5 == 0)
    assert str(countries[-1]) in text and str(countries[-1]) not in before.content.decode()


@pytest.mark.parametrize("role", ["official_a", "official_b"])
def test_delegation_page_of_an_official_who_does_not_nominate(client, sign_in, role):
    """Told who nominates (Costa Rica's focal points by name) or whom to write to (Guatemala,
    which has none: the secretariat), however many focal points and nominations there are."""
    sign_in(role)
    meeting = delegated_meeting()
    countries = several_countries()
    make_user("focal_point_a")

    def grow():
        nominate(meeting, countries, 20)
        for number in range(5):
            make_user("focal_point_a", email=f"more-focal-{number}@example.org")

    _before, after = assert_queries_constant(client, url("delegation", meeting.slug), grow)
    assert 'id="who-nominates"' in after.content.decode()


@pytest.mark.parametrize("role", ["secretariat", "focal_point_a"])
def test_participants(client, sign_in, role):
    sign_in(role)
    meeting = delegated_meeting()
    countries = several_countries()
    nominate(meeting, countries[:2], 2)

    def grow():
        nominate(meeting, countries, 30, first=2)

    _before, after = assert_queries_constant(client, url("participants", meeting.slug), grow)
    text = after.content.decode()
    assert "Delegate26" in text  # the last confirmed of each country (26 % 5 == 1)
    assert str(countries[-1]) in text


@pytest.mark.parametrize("role", ["secretariat", "focal_point_a"])
@pytest.mark.parametrize("query", ["", "?q=Listed"])
def test_intranet_meeting_list(client, sign_in, role, query):
    sign_in(role)
    cities = list(City.objects.all())
    today = timezone.localdate()

    def grow():
        for number in range(30):
            city = cities[number % len(cities)]
            make_meeting(
                title_en=f"Listed meeting {number}",
                audience=("public", "members")[number % 2],
                body=Body.objects.get(slug="rcgm"),
                city=city,
                host_country=city.country,
                start_date=today + datetime.timedelta(days=number),
                start_precision="day",
                end_date=today + datetime.timedelta(days=number + number % 3),
                end_precision="day",
                status="confirmed",
                seats_per_country=number % 3 or None,
            )

    _before, after = assert_queries_constant(client, url("intranet_list", query=query), grow)
    assert "Listed meeting 29" in after.content.decode()
