"""Reminders of a near nomination deadline: to the focal points of each member state with
seats still open, in their language, once per meeting."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from puebla.accounts.models import User
from puebla.directory.models import Country
from puebla.meetings import delegations
from puebla.meetings.models import Nomination
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def today():
    """Read when a test asks: a date read at import is stale once the run crosses midnight."""
    return timezone.localdate()


def seat(meeting, code, name):
    Nomination.objects.create(
        meeting=meeting,
        owner_country=Country.objects.get(iso_code=code),
        given_name=name,
        family_name="Delegate",
        email=f"{name.lower()}@example.org",
        language="es",
        status="nominated",
    )


def test_countries_with_open_seats_are_reminded_once(django_capture_on_commit_callbacks):
    costa_rica = make_user("focal_point_a")  # Spanish
    guatemala = User.objects.create_user(
        "focal-point-gt@example.org",
        full_name="Focal GT",
        affiliation="member_state",
        country=Country.objects.get(iso_code="GT"),
        is_focal_point=True,
        language="en",
    )
    mexico = User.objects.create_user(
        "focal-point-mx@example.org",
        full_name="Focal MX",
        affiliation="member_state",
        country=Country.objects.get(iso_code="MX"),
        is_focal_point=True,
    )
    near = make_meeting(
        status="confirmed",
        seats_per_country=2,
        nomination_deadline=today() + datetime.timedelta(days=3),
    )
    far = make_meeting(
        status="confirmed",
        seats_per_country=2,
        nomination_deadline=today() + datetime.timedelta(days=30),
    )
    seat(near, "CR", "Ana")  # one of two seats taken
    seat(near, "MX", "Beto")
    seat(near, "MX", "Carla")  # Mexico is full
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    to = {message.to[0]: message for message in mail.outbox}
    assert mexico.email not in to
    assert to[costa_rica.email].subject == (
        f"[CRM] Se acerca la fecha límite de designación: {near.title_es}"
    )
    assert "Costa Rica aún tiene 1 cupo disponible" in to[costa_rica.email].body
    assert to[guatemala.email].subject == (
        f"[RCM] Nomination deadline approaching: {near.title_en}"
    )
    assert "Guatemala still has 2 seats open" in to[guatemala.email].body
    assert all(far.title_en not in message.subject for message in mail.outbox)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert delegations.deadline_reminders_send() == 0  # once per meeting and country
    assert mail.outbox == []
