"""Every public list page runs as many queries with many rows as with the RCM's few."""

import datetime
import itertools
import string

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Membership,
    Milestone,
    Organisation,
    Person,
    Presidency,
)
from puebla.documents import services as documents
from puebla.meetings.models import City
from puebla.portal.views.public import STRUCTURE_PER_PAGE
from tests.documents import samples
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant

pytestmark = pytest.mark.django_db


def new_countries(count: int) -> list[Country]:
    """`count` countries with ISO codes no existing country has."""
    taken = set(Country.objects.values_list("iso_code", flat=True))
    codes = (
        a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2) if a + b not in taken
    )
    return [
        Country.objects.create(iso_code=code, name_es=f"País {code}", name_en=f"Country {code}")
        for code in itertools.islice(codes, count)
    ]


def text(response) -> str:
    return response.content.decode()


def test_members_page(client):
    countries = []

    def grow():
        countries.extend(new_countries(50))
        for number, country in enumerate(countries):
            status = Membership.Status.MEMBER if number % 2 else Membership.Status.OBSERVER
            Membership.objects.create(country=country, status=status)
        for number in range(50):
            organisation = Organisation.objects.create(
                slug=f"organisation-{number}",
                acronym_es=f"O{number}",
                acronym_en=f"O{number}",
                name_es=f"Organización {number}",
                name_en=f"Organisation {number}",
                kind=Organisation.Kind.INTERNATIONAL
                if number % 2
                else Organisation.Kind.CIVIL_SOCIETY,
            )
            if number % 2:
                Membership.objects.create(
                    organisation=organisation, status=Membership.Status.OBSERVER
                )

    _, after = assert_queries_constant(client, "/en/members/", grow)
    assert countries[-1].name_en in text(after)
    # The RCM's 23 organisations and these 50: two pages, observers first, each by name.
    pages = [text(after), text(client.get("/en/members/?page=2"))]
    assert "Page 1 of 2" in pages[0] and 'rel="next"' in pages[0]
    assert "Page 2 of 2" in pages[1] and 'rel="prev"' in pages[1]
    for number in range(50):
        shown = [page.count(f"Organisation {number} (O{number})") for page in pages]
        assert sum(shown) == 1, (number, shown)
    assert "Observer organisations" in pages[0] and "Other organisations" in pages[1]


def test_structure_page(client):
    def grow():
        rcgm = Body.objects.get(slug="rcgm")
        kinds = itertools.cycle([Body.Kind.WORKING_GROUP, Body.Kind.AD_HOC_GROUP])
        for number in range(50):
            Body.objects.create(
                slug=f"group-{number}",
                kind=next(kinds),
                name_es=f"Grupo {number}",
                name_en=f"Group {number}",
                description_en=f"What group {number} does.",
                reports_to=rcgm,
                established=2000 + number % 20,
            )

    _, after = assert_queries_constant(client, "/en/structure/", grow)
    # A page at a time: the first holds STRUCTURE_PER_PAGE bodies, the second the rest, and
    # between them every body, each under its kind's heading.
    second = client.get("/en/structure/?page=2")
    assert "Page 1 of 2" in text(after) and "Page 2 of 2" in text(second)
    assert text(after).count("<article>") == STRUCTURE_PER_PAGE
    both = text(after) + text(second)
    assert all(f"Group {number}</h3>" in both for number in range(50))
    assert both.count("<dd>Regional Consultation Group on Migration</dd>") >= 50
    assert "<h2" in text(second).split("<article>")[0].rsplit("</h1>", 1)[-1]


def test_presidencies_page(client):
    def grow():
        for year, country in zip(range(2100, 2150), new_countries(50), strict=True):
            Presidency.objects.create(year=year, country=country, motto_en=f"Motto {year}")

    _, after = assert_queries_constant(client, "/en/presidencies/", grow)
    assert '<th scope="row">2149</th>' in text(after)
    assert "Motto 2100" in text(after)


def test_contact_page(client):
    def grow():
        secretariat = Body.objects.get(kind=Body.Kind.SECRETARIAT)
        for number in range(30):
            person = Person.objects.create(
                slug=f"staff-{number}",
                given_name=f"Staff{number}",
                family_name="Member",
                email=f"staff{number}@example.org",
                email_is_public=True,
            )
            Appointment.objects.create(
                person=person,
                body=secretariat,
                title_es="Asistente",
                title_en="Assistant",
                start=datetime.date(2020, 1, 1),
            )

    _, after = assert_queries_constant(client, "/en/contact/", grow)
    assert "staff29@example.org" in text(after)


def test_home_page(client):
    def grow():
        for number in range(50):
            Milestone.objects.create(
                slug=f"milestone-{number}", year=1997 + number % 20, title_en=f"Milestone {number}"
            )
        for country in new_countries(20):
            Membership.objects.create(country=country, status=Membership.Status.MEMBER)
        # Meetings ahead, in a city, and documents with files: the lists stay a query each.
        today = datetime.date.today()
        city = City.objects.first()
        for number in range(30):
            make_meeting(
                title_en=f"Meeting ahead {number}",
                start_date=today + datetime.timedelta(days=number + 1),
                start_precision="day",
                city=city,
                host_country=city.country,
            )
            document = documents.document_create(
                fields={
                    "slug": f"budget-document-{number}",
                    "kind": "report",
                    "title_en": f"Report {number}",
                    "year": 2100,
                    "audience": "public",
                },
                by=None,
            )
            documents.file_load(
                document=document,
                language="en",
                upload=SimpleUploadedFile("report.pdf", samples.pdf()),
            )

    before, after = assert_queries_constant(client, "/en/", grow)
    assert "Milestone 49" in text(after)
    assert "Meeting ahead 0" in text(after) and "Report 29" in text(after)
    assert "11 member states" in text(before)
    assert "31 member states" in text(after)
