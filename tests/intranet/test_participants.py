"""The participants directory answers "who is Honduras' focal point?" for every signed-in
participant, shows only current appointments, and e-mail addresses only to those allowed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.directory.models import Appointment, Body, Country, Person
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def directory(client, language="en", **query) -> str:
    with translation.override(language):
        url = reverse("intranet:participants")
    return client.get(url, query).content.decode()


@pytest.fixture
def honduras_focal_point():
    user = make_user("focal_point_a", email="hn-focal@example.org")
    user.country = Country.objects.get(iso_code="HN")
    user.full_name = "Honduras Focal Point"
    user.save()
    return user


def test_a_focal_point_finds_another_countrys_focal_point(client, sign_in, honduras_focal_point):
    sign_in("focal_point_a")
    page = directory(client, country=Country.objects.get(iso_code="HN").pk)
    assert "Honduras Focal Point" in page and "hn-focal@example.org" in page
    assert "focal-point-a@example.org" not in page  # Costa Rica's, filtered out


def test_civil_society_sees_names_but_not_private_addresses(client, sign_in, honduras_focal_point):
    sign_in("civil_society")
    page = directory(client)
    assert "Honduras Focal Point" in page
    assert "hn-focal@example.org" not in page
    assert "not shown to you" in page


# What the page shows inside it, per role, written out by hand from DESIGN.md §3 and the
# README: member-state officials and the secretariat read every address (issue 28: the
# secretariat was told "not shown to you" for every one).
SEES_ADDRESSES = {
    "civil_society": False,
    "observer_organisation": False,
    "observer_state": False,
    "official_a": True,
    "focal_point_a": True,
    "official_b": True,
    "liaison_officer": True,
    "secretariat": True,
    "fund_officer": False,
}


@pytest.mark.parametrize(("role", "sees"), SEES_ADDRESSES.items())
def test_who_reads_the_participants_addresses(client, sign_in, honduras_focal_point, role, sees):
    sign_in(role, email=f"reader-{role.replace('_', '-')}@example.org")
    page = directory(client)
    assert "Honduras Focal Point" in page
    assert ("hn-focal@example.org" in page) is sees
    assert ("not shown to you" in page) is not sees


def test_only_current_appointments_are_listed(client, sign_in):
    sign_in("official_a")
    consular = Body.objects.get(slug="network-consular-protection")
    today = timezone.localdate()
    for slug, start, end in (
        ("former", today - datetime.timedelta(days=400), today - datetime.timedelta(days=1)),
        ("current", today - datetime.timedelta(days=10), None),
        ("future", today + datetime.timedelta(days=10), None),
    ):
        person = Person.objects.create(slug=f"p-{slug}", given_name=slug.title(), family_name="Zed")
        Appointment.objects.create(
            person=person, body=consular, title_en="Member", start=start, end=end
        )
    page = directory(client, body=consular.pk)
    assert "Current Zed" in page
    assert "Former Zed" not in page and "Future Zed" not in page


def test_anonymous_visitors_are_sent_to_sign_in(client):
    with translation.override("en"):
        response = client.get(reverse("intranet:participants"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_directory_keeps_its_query_count_as_people_grow(client, sign_in):
    sign_in("official_a")
    bodies = list(Body.objects.all()[:3])

    def grow():
        for number in range(20):
            person = Person.objects.create(
                slug=f"budget-{number}", given_name=f"Budget{number}", family_name="Person"
            )
            for body in bodies:
                Appointment.objects.create(person=person, body=body, title_en="Member")
            focal = make_user("focal_point_a", email=f"budget-focal-{number}@example.org")
            focal.full_name = f"Budget Focal {number}"
            focal.save()

    with translation.override("en"):
        url = reverse("intranet:participants")
    _before, after = assert_queries_constant(client, url, grow)
    assert "Budget19 Person" in after.content.decode()
