"""Invariants held by the database and by the services, history, and who sees agenda items."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from puebla.meetings.models import AgendaItem, City, Meeting
from puebla.meetings.services import meeting_update
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 5, 14)


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English, whatever the catalogue says in Spanish."""
    with translation.override("en"):
        yield


def day(value: datetime.date) -> dict:
    return {"start_date": value, "start_precision": "day"}


@pytest.mark.parametrize(
    "fields",
    [
        # The end before the start.
        {**day(DAY), "end_date": DAY - datetime.timedelta(days=1), "end_precision": "day"},
        # An online meeting people are to attend, without its link.
        {"online": True, "status": "planned"},
        # A date finer than its stated precision, and a date where none is given.
        {"start_date": datetime.date(2030, 5, 14), "start_precision": "month"},
        {"start_date": datetime.date(2030, 5, 1), "start_precision": "year"},
        {"start_date": DAY, "start_precision": "none"},
        # A precision that promises a date, without one.
        {"start_precision": "day"},
        # A time on a day not known.
        {
            "start_date": datetime.date(2030, 5, 1),
            "start_precision": "month",
            "start_time": datetime.time(9),
        },
    ],
)
def test_the_database_refuses_what_the_services_refuse(fields):
    values = {"slug": "bad", "kind": "workshop", "title_en": "Bad", "audience": "public", **fields}
    with pytest.raises(ValidationError) as refused:
        make_meeting(**values)
    # The form's field is named: the message is said where the date, time or link is typed.
    assert set(refused.value.message_dict) & {"start_date", "end_date", "start_time", "online_link"}
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(**values)  # bypassing the service: the constraints still hold
    assert not Meeting.objects.filter(slug="bad").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"end_date": DAY - datetime.timedelta(days=1), "end_precision": "day"},
            "end_date",
            "The end must not be before the start.",
        ),
        (
            {"online": True, "status": "confirmed"},
            "online_link",
            "An online meeting needs the link to join it.",
        ),
        (
            {"start_date": datetime.date(2030, 5, 14), "start_precision": "year"},
            "start_date",
            "The date is more precise than its stated precision, or missing.",
        ),
        (
            {"title_es": "", "title_en": ""},
            "title_es",
            "Give the title in Spanish, in English, or in both.",
        ),
    ],
)
def test_a_bad_edit_names_the_problem_and_writes_nothing(changes, field, message):
    meeting = make_meeting(**day(DAY))
    with pytest.raises(ValidationError) as raised:
        meeting_update(meeting=meeting, changes=changes, by=None)
    assert message in raised.value.message_dict[field]
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.sequence, stored.start_date, stored.end_date, stored.online) == (
        0,
        DAY,
        None,
        False,
    )
    assert stored.history.count() == 1


def test_an_edit_raises_the_sequence_keeps_the_uid_and_is_in_the_history():
    meeting = make_meeting(**day(DAY))
    uid = meeting.uid
    edited = meeting_update(meeting=meeting, changes={"status": "postponed"}, by=None)
    edited = meeting_update(meeting=edited, changes={"venue": "Casa Presidencial"}, by=None)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.uid, stored.sequence, stored.status) == (uid, 2, "postponed")
    assert [record.venue for record in stored.history.all()] == ["Casa Presidencial", "", ""]


def test_the_service_refuses_to_set_identity_fields():
    meeting = make_meeting()
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="cannot be set: sequence"),
    ):
        meeting_update(meeting=meeting, changes={"sequence": 0}, by=None)


def test_the_last_possible_day_follows_the_precision():
    assert make_meeting(start_date=datetime.date(2030, 2, 1), start_precision="month").last_day == (
        datetime.date(2030, 2, 28)
    )
    assert make_meeting(start_date=datetime.date(2031, 1, 1), start_precision="year").last_day == (
        datetime.date(2031, 12, 31)
    )
    assert make_meeting().last_day is None


def test_a_city_outside_the_host_country_is_refused():
    with pytest.raises(ValidationError) as raised:
        make_meeting(
            city=City.objects.get(slug="managua"),
            host_country_id=City.objects.get(slug="san-jose").country_id,
        )
    assert "The city is not in the host country." in raised.value.message_dict["city"]


def test_agenda_items_are_seen_exactly_when_their_meeting_is(sign_in):
    hidden = make_meeting(audience="secretariat")
    AgendaItem.objects.create(meeting=hidden, position=1, title_en="Closed session")
    shown = AgendaItem.objects.visible_to(AnonymousUser()).values_list("title_en", flat=True)
    assert "Closed session" not in shown
    assert "Vice-Ministerial meeting (17 and 18 November)" in shown
    secretariat = sign_in("secretariat")
    assert AgendaItem.objects.visible_to(secretariat).filter(meeting=hidden).count() == 1
    assert AgendaItem.objects.editable_by(AnonymousUser()).count() == 0
