"""Invariants of the directory held by the database, and the derived Troika."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from puebla.directory.models import Country, Membership, Organisation, Presidency

pytestmark = pytest.mark.django_db


def test_troika_of_the_first_presidency_on_record_has_no_previous():
    troika = Presidency.objects.troika(1996)
    assert troika.previous is None
    assert troika.current.country.iso_code == "MX"
    assert troika.next is None  # 1997 is not on record


def test_troika_of_the_last_presidency_on_record_has_no_next():
    troika = Presidency.objects.troika(2020)
    assert troika.previous.country.iso_code == "GT"
    assert troika.current.country.iso_code == "CR"
    assert troika.next is None


def test_troika_in_the_middle_and_outside_the_record():
    middle = Presidency.objects.troika(2016)
    assert (
        middle.previous.country.iso_code,
        middle.current.country.iso_code,
        middle.next.country.iso_code,
    ) == ("MX", "HN", "SV")
    beyond = Presidency.objects.troika(2021)
    assert (beyond.previous.year, beyond.current, beyond.next) == (2020, None, None)


def test_latest_presidency_up_to_a_year_without_one():
    assert Presidency.objects.latest_up_to(2026).year == 2020
    assert Presidency.objects.latest_up_to(1995) is None


def test_one_presidency_a_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        Presidency.objects.create(year=2020, country=Country.objects.get(iso_code="PA"))


def test_a_country_cannot_be_member_and_observer_at_once():
    belize = Country.objects.get(iso_code="BZ")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(country=belize, status=Membership.Status.OBSERVER)


def test_overlapping_closed_memberships_are_refused_by_validation():
    jamaica = Country.objects.get(iso_code="JM")
    jamaica.memberships.update(since=datetime.date(2005, 1, 1))
    earlier = Membership(
        country=jamaica,
        status="member",
        since=datetime.date(2000, 1, 1),
        until=datetime.date(2006, 1, 1),
    )
    with translation.override("en"), pytest.raises(ValidationError, match="overlaps"):
        earlier.full_clean()
    before = Membership(
        country=jamaica,
        status="member",
        since=datetime.date(2000, 1, 1),
        until=datetime.date(2004, 12, 31),
    )
    before.full_clean()  # adjacent, not overlapping


def test_organisations_can_only_be_observers():
    rncom = Organisation.objects.get(slug="rncom")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(organisation=rncom, status=Membership.Status.MEMBER)


def test_a_membership_belongs_to_exactly_one_party():
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            country=Country.objects.get(iso_code="PE"),
            organisation=Organisation.objects.get(slug="iom"),
            status=Membership.Status.OBSERVER,
            until=datetime.date(2000, 1, 1),
        )


def test_country_codes_are_two_capitals():
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(iso_code="uy", name_es="Uruguay", name_en="Uruguay")
