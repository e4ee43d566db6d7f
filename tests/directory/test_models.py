"""Invariants of the directory held by the database, and the derived Troika."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Membership,
    Organisation,
    Person,
    Presidency,
)
from tests.roles import make_user

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


# "Current", written once: Appointment.objects.current() and Membership.objects.current().

DAY = datetime.date(2020, 6, 15)


def make_person(slug="someone"):
    return Person.objects.create(slug=slug, given_name="Some", family_name="One")


def appointment(person, *, start=None, end=None, body="rcgm"):
    return Appointment.objects.create(
        person=person, body=Body.objects.get(slug=body), title_en="Delegate", start=start, end=end
    )


def test_current_appointments_are_those_in_force_on_the_day():
    person = make_person()
    ended = appointment(person, start=datetime.date(2019, 1, 1), end=datetime.date(2020, 6, 14))
    ends_that_day = appointment(
        person, start=datetime.date(2020, 1, 1), end=DAY, body="network-consular-protection"
    )
    future = appointment(person, start=datetime.date(2020, 6, 16), body="technical-secretariat")
    open_ended = appointment(person, start=DAY, body="network-smuggling-trafficking")
    undated = appointment(person, body="network-migrant-children")
    current = set(Appointment.objects.current(on=DAY).filter(person=person))
    assert current == {ends_that_day, open_ended, undated}
    assert ended not in current and future not in current
    # The day after, the one that ended that day is over and the future one has begun.
    assert set(Appointment.objects.current(on=DAY + datetime.timedelta(days=1))) >= {future}
    assert ends_that_day not in Appointment.objects.current(on=DAY + datetime.timedelta(days=1))


def test_current_appointments_default_to_today_in_the_site_time_zone():
    person = make_person()
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    ended = appointment(person, start=yesterday - datetime.timedelta(days=30), end=yesterday)
    current = appointment(person, start=today, body="technical-secretariat")
    assert list(Appointment.objects.current().filter(person=person)) == [current]
    assert list(person.appointments.current()) == [current]
    assert ended not in Appointment.objects.current()


def test_a_users_bodies_are_those_of_current_appointments_only():
    user = make_user("liaison_officer", email="ended@example.org")
    before = set(user.body_ids)
    assert before  # the liaison officer's own, undated appointment
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    appointment(user.person, start=yesterday - datetime.timedelta(days=9), end=yesterday)
    user = type(user).objects.get(pk=user.pk)  # body_ids is cached per instance
    assert set(user.body_ids) == before
    assert Body.objects.get(slug="rcgm").pk not in user.body_ids


def test_current_memberships_leave_out_ended_and_future_ones():
    uruguay = Country.objects.create(iso_code="UY", name_es="Uruguay", name_en="Uruguay")
    Membership.objects.create(
        country=uruguay,
        status="observer",
        since=datetime.date(2010, 1, 1),
        until=datetime.date(2020, 6, 14),
    )
    member = Membership.objects.create(country=uruguay, status="member", since=DAY)
    assert list(Membership.objects.current(on=DAY).filter(country=uruguay)) == [member]
    assert not Membership.objects.current(on=datetime.date(2020, 6, 14)).filter(
        country=uruguay, status="member"
    )


def test_one_appointment_per_person_body_and_start():
    person = make_person()
    appointment(person, start=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        appointment(person, start=DAY)
    appointment(person, start=DAY + datetime.timedelta(days=1))  # another start is another one


def test_one_undated_appointment_per_person_and_body():
    # NULLs are distinct in a plain unique constraint: the undated case has its own.
    person = make_person()
    appointment(person)
    with pytest.raises(IntegrityError), transaction.atomic():
        appointment(person)
    appointment(make_person("someone-else"))  # another person may


def test_a_duplicate_appointment_is_refused_by_validation_with_a_message():
    person = make_person()
    appointment(person)
    duplicate = Appointment(person=person, body=Body.objects.get(slug="rcgm"), title_en="Again")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    assert refused.value.messages == [
        "This person already has an appointment to this body without a start date. Give this "
        "one its start date, or change the other one."
    ]


def test_the_role_is_a_choice():
    person = make_person()
    editor = appointment(person)
    assert editor.role == Appointment.Role.MEMBER  # by default
    editor.role = "boss"
    with pytest.raises(ValidationError, match="role"):
        editor.full_clean()


def test_an_official_name_may_be_in_english_only_but_not_missing():
    forum = Organisation(slug="forum", name_en="Some Forum", kind=Organisation.Kind.FORUM)
    forum.full_clean()  # no Spanish is invented for a name the sources give in English
    assert str(forum) == "Some Forum"
    nameless = Organisation(slug="nameless", kind=Organisation.Kind.FORUM)
    with translation.override("en"), pytest.raises(ValidationError, match="one language"):
        nameless.full_clean()


def test_an_inferred_value_needs_a_note_and_a_real_field():
    presidency = Presidency.objects.get(year=2020)
    presidency.inferred = "country"
    with translation.override("en"), pytest.raises(ValidationError, match="in the note why"):
        presidency.full_clean()
    presidency.note_en = "Inferred from the host."
    presidency.full_clean()
    presidency.inferred = "capital"
    with translation.override("en"), pytest.raises(ValidationError, match="capital: no such"):
        presidency.full_clean()
