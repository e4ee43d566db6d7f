"""Observers and civil society ask to take part where the meeting allows it; the secretariat
accepts or declines; the account that asked sees its own requests only."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from puebla.meetings import delegations
from puebla.meetings.models import ParticipationRequest
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """These tests read the English pages and messages (the Spanish ones are named)."""
    with translation.override("en"):
        yield


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def meeting_taking_requests(**fields):
    values = {
        "start_date": timezone.localdate() + datetime.timedelta(days=30),
        "start_precision": "day",
        "status": "confirmed",
        "audience": "participants",
        "observers_may_request": True,
    }
    return make_meeting(**(values | fields))


REQUEST = {
    "given_name": "Lucía",
    "family_name": "Observadora",
    "position": "Oficial de protección",
    "institution": "ACNUR",
    "email": "lucia@example.org",
}


def test_an_observer_asks_and_the_secretariat_accepts_with_the_calendar_attached(
    client, sign_in, django_capture_on_commit_callbacks
):
    observer = sign_in("observer_organisation")
    meeting = meeting_taking_requests(participants_audience="participants")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(en("meetings:delegation", meeting.slug), REQUEST, follow=True)
    assert "Your request was sent." in page.content.decode()
    asked = ParticipationRequest.objects.get()
    assert (asked.requested_by, asked.status) == (observer, "requested")
    # The account that asked (Spanish) and the person asked for, both in the account's language.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([observer.email, "lucia@example.org"])
    assert {m.subject for m in mail.outbox} == {
        f"[CRM] Solicitud de participación recibida: {meeting.title_es}"
    }

    sign_in("secretariat")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(en("meetings:request_decide", meeting.slug, asked.pk), {"decision": "accept"})
    asked.refresh_from_db()
    assert asked.status == "accepted"
    [to_lucia] = [m for m in mail.outbox if m.to == ["lucia@example.org"]]
    assert to_lucia.body.startswith("Estimada/o Lucía:")
    assert to_lucia.attachments[0][0] == f"{meeting.slug}.ics"

    sign_in("civil_society")
    listing = client.get(en("meetings:participants", meeting.slug)).content.decode()
    assert "Lucía Observadora" in listing
    assert "UNHCR" in listing or "ACNUR" in listing


def test_requests_are_refused_where_the_meeting_does_not_take_them(client, sign_in):
    sign_in("civil_society")
    closed = meeting_taking_requests(observers_may_request=False)
    page = client.get(en("meetings:delegation", closed.slug)).content.decode()
    assert "This meeting does not take requests to participate." in page
    assert client.post(en("meetings:delegation", closed.slug), REQUEST).status_code == 404
    assert not ParticipationRequest.objects.exists()


def test_member_states_nominate_instead_and_the_same_person_cannot_ask_twice():
    meeting = meeting_taking_requests()
    with pytest.raises(Exception, match="Member states nominate delegates"):
        delegations.request_create(meeting=meeting, by=make_user("official_a"), **REQUEST)
    observer = make_user("observer_state")
    delegations.request_create(meeting=meeting, by=observer, **REQUEST)
    with pytest.raises(Exception, match=r"You have already asked for lucia@example\.org"):
        delegations.request_create(
            meeting=meeting, by=observer, **(REQUEST | {"email": "LUCIA@example.org"})
        )
    assert ParticipationRequest.objects.count() == 1


def test_another_accounts_request_is_not_found(client, sign_in):
    meeting = meeting_taking_requests()
    asked = delegations.request_create(meeting=meeting, by=make_user("observer_state"), **REQUEST)
    sign_in("observer_organisation")
    page = client.get(en("meetings:delegation", meeting.slug)).content.decode()
    assert "Lucía Observadora" not in page
    for name in ("meetings:request_withdraw", "meetings:request_decide"):
        assert client.get(en(name, meeting.slug, asked.pk)).status_code == 404
        assert client.post(en(name, meeting.slug, asked.pk)).status_code == 404
    asked.refresh_from_db()
    assert asked.status == "requested"


def test_another_accounts_request_for_the_same_person_is_not_revealed_but_told_to_the_secretariat(
    django_capture_on_commit_callbacks,
):
    meeting = meeting_taking_requests()
    secretariat = make_user("secretariat")
    delegations.request_create(meeting=meeting, by=make_user("observer_state"), **REQUEST)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = delegations.request_create(
            meeting=meeting, by=make_user("observer_organisation"), **REQUEST
        )
    assert second.pk
    to_secretariat = [message for message in mail.outbox if message.to == [secretariat.email]]
    assert len(to_secretariat) == 1
    assert "ha sido propuesta/o más de una vez" in to_secretariat[0].body  # its language
