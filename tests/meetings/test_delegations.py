"""Delegations: a focal point nominates within the seats, then onto the waiting list; the
secretariat confirms or declines; every change mails the nominee and the focal points."""

import csv
import datetime
import io
import logging
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from puebla.directory.models import Country
from puebla.meetings import delegations
from puebla.meetings.models import Nomination
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """These tests read the English pages and messages (the Spanish ones are named)."""
    with translation.override("en"):
        yield


def today():
    """Read when a test asks: a date read at import is stale once the run crosses midnight."""
    return timezone.localdate()


def open_meeting(**fields):
    values = {
        "start_date": today() + datetime.timedelta(days=30),
        "start_precision": "day",
        "end_date": today() + datetime.timedelta(days=31),
        "end_precision": "day",
        "status": "confirmed",
        "seats_per_country": 2,
        "nomination_deadline": today() + datetime.timedelta(days=10),
    }
    return make_meeting(**(values | fields))


def delegation_url(meeting, language="en"):
    with translation.override(language):
        return reverse("meetings:delegation", args=[meeting.slug])


def confirmed_participant(*, family_name: str):
    """An open meeting with Ana <family_name>, Costa Rica's nominee, confirmed by the
    secretariat: (meeting, nomination)."""
    focal_point = make_user("focal_point_a")
    meeting = open_meeting()
    nomination = delegations.nomination_create(
        meeting=meeting,
        country=focal_point.country,
        by=focal_point,
        given_name="Ana",
        family_name=family_name,
        position="Directora",
        email="ana@example.org",
    )
    delegations.nomination_confirm(nomination=nomination, by=make_user("secretariat"))
    return meeting, nomination


def row_cells(page: str, header: str) -> list[str]:
    """The text of the cells after the row header `header` in a table of `page`."""
    row = page.split(f">{header}</", 1)[1].split("</tr>")[0]
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)
    ]


def nominate(client, meeting, name, language="en"):
    return client.post(
        delegation_url(meeting),
        {
            "given_name": name,
            "family_name": "Delegate",
            "position": "Director",
            "institution": "Dirección General de Migración",
            "email": f"{name.lower()}@example.org",
            "language": language,
        },
        follow=True,
    )


def test_a_focal_point_fills_the_seats_and_then_the_waiting_list(
    client, sign_in, django_capture_on_commit_callbacks
):
    focal_point = sign_in("focal_point_a")
    meeting = open_meeting()
    with django_capture_on_commit_callbacks(execute=True):
        page = nominate(client, meeting, "Ana")
        nominate(client, meeting, "Beto")
        page = nominate(client, meeting, "Carla")
    text = page.content.decode()
    assert "All seats are taken: Carla Delegate is on the waiting list" in text
    statuses = dict(Nomination.objects.filter(meeting=meeting).values_list("given_name", "status"))
    assert statuses == {"Ana": "nominated", "Beto": "nominated", "Carla": "waiting"}
    assert all(n.owner_country.iso_code == "CR" for n in Nomination.objects.filter(meeting=meeting))
    places = page.content.decode().split('id="places-left">')[1].split("</dd>")[0]
    assert places.startswith("0")
    assert "1 on the waiting list" in places
    # Each nomination mailed the nominee (in English, as chosen) and the focal point (Spanish).
    to_carla = [m for m in mail.outbox if m.to == ["carla@example.org"]]
    assert [m.subject for m in to_carla] == [f"[RCM] On the waiting list: {meeting.title_en}"]
    to_focal_point = [m.subject for m in mail.outbox if m.to == [focal_point.email]]
    assert to_focal_point == [
        f"[CRM] Designación recibida: {meeting.title_es}",
        f"[CRM] Designación recibida: {meeting.title_es}",
        f"[CRM] En lista de espera: {meeting.title_es}",
    ]


def test_a_freed_seat_goes_to_the_first_on_the_waiting_list(
    sign_in, django_capture_on_commit_callbacks
):
    focal_point = sign_in("focal_point_a")
    costa_rica = Country.objects.get(iso_code="CR")
    meeting = open_meeting(seats_per_country=1)

    def add(name):
        return delegations.nomination_create(
            meeting=meeting,
            country=costa_rica,
            by=focal_point,
            given_name=name,
            family_name="Delegate",
            email=f"{name.lower()}@example.org",
            language="en",
        )

    first, second, third = add("Ana"), add("Beto"), add("Carla")
    assert [second.status, third.status] == ["waiting", "waiting"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        delegations.nomination_withdraw(nomination=first, by=focal_point)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("nominated", "waiting")
    subjects = {m.to[0]: m.subject for m in mail.outbox if m.to[0].endswith("@example.org")}
    assert subjects["beto@example.org"] == (
        f"[RCM] Moved up from the waiting list: {meeting.title_en}"
    )
    assert subjects["ana@example.org"] == f"[RCM] Nomination withdrawn: {meeting.title_en}"


def test_the_secretariat_confirms_with_the_calendar_attached_and_declines_with_a_reason(
    client, sign_in, django_capture_on_commit_callbacks
):
    focal_point = make_user("focal_point_a")
    meeting = open_meeting()
    nomination = delegations.nomination_create(
        meeting=meeting,
        country=focal_point.country,
        by=focal_point,
        given_name="Ana",
        family_name="Delegate",
        email="ana@example.org",
        language="en",
    )
    sign_in("secretariat")
    decide = reverse("meetings:nomination_decide", args=[meeting.slug, nomination.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(decide, {"decision": "confirm"}, follow=True)
    assert "The participation of Ana Delegate is confirmed." in page.content.decode()
    [to_ana] = [m for m in mail.outbox if m.to == ["ana@example.org"]]
    assert to_ana.subject == f"[RCM] Participation confirmed: {meeting.title_en}"
    [(name, calendar, mimetype)] = to_ana.attachments
    assert (name, mimetype) == (f"{meeting.slug}.ics", "text/calendar")
    assert f"UID:{meeting.uid}@puebla.rcm" in calendar
    # The nominee may have no account: the public page; the focal point: the delegation's.
    assert f"/en/meetings/{meeting.slug}/" in to_ana.body
    assert "/intranet/" not in to_ana.body
    [to_focal_point] = [m for m in mail.outbox if m.to == [focal_point.email]]
    assert to_focal_point.subject == f"[CRM] Participación confirmada: {meeting.title_es}"
    assert "La Secretaría Técnica confirmó la participación de Ana Delegate" in (
        to_focal_point.body
    )
    assert delegation_url(meeting, "es") in to_focal_point.body

    # Declining needs a reason, and says what is missing; nothing changes without one.
    page = client.post(decide, {"decision": "decline", "reason": "  "})
    assert "This field is required." in page.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "confirmed"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide, {"decision": "decline", "reason": "The seat is for ministers."})
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decline_reason) == (
        "declined",
        "The seat is for ministers.",
    )
    [to_ana] = [m for m in mail.outbox if m.to == ["ana@example.org"]]
    assert "The seat is for ministers." in to_ana.body


@pytest.mark.parametrize(
    ("meeting_fields", "message"),
    [
        (
            {"nomination_deadline": today() - datetime.timedelta(days=1)},
            "The nomination deadline",
        ),
        ({"seats_per_country": 1, "waiting_list": False}, "keeps no waiting list"),
        ({"seats_per_country": None}, "This meeting does not take nominations."),
        ({"status": "cancelled"}, "no longer takes nominations"),
    ],
)
def test_nominations_the_meeting_does_not_allow_are_refused_and_nothing_is_written(
    meeting_fields, message
):
    focal_point = make_user("focal_point_a")
    meeting = open_meeting(**meeting_fields)
    if meeting.seats_per_country:
        Nomination.objects.create(
            meeting=meeting,
            owner_country=focal_point.country,
            given_name="Seat",
            family_name="Holder",
            email="seat@example.org",
            language="es",
            status="nominated",
        )
    before = Nomination.objects.count()
    with pytest.raises(ValidationError) as refused:
        delegations.nomination_create(
            meeting=meeting,
            country=focal_point.country,
            by=focal_point,
            given_name="Late",
            family_name="Delegate",
            email="late@example.org",
        )
    assert message in " ".join(refused.value.messages)
    assert Nomination.objects.count() == before


def test_the_same_person_twice_and_another_country_are_refused_on_the_form(client, sign_in):
    sign_in("focal_point_a")
    meeting = open_meeting()
    nominate(client, meeting, "Ana")
    page = client.post(
        delegation_url(meeting),
        {
            "given_name": "Ana",
            "family_name": "Again",
            "email": "ANA@example.org",
            "language": "en",
        },
    )
    assert "is already nominated by your country for this meeting." in page.content.decode()
    assert Nomination.objects.filter(meeting=meeting).count() == 1
    # A form without a name says which field is missing, in Spanish too.
    with translation.override("es"):
        page = client.post(delegation_url(meeting, "es"), {"email": "x@example.org"})
    assert "Indique el nombre de la persona delegada." in page.content.decode()

    guatemala = Country.objects.get(iso_code="GT")
    with pytest.raises(ValidationError, match="only for your own country"):
        delegations.nomination_create(
            meeting=meeting,
            country=guatemala,
            by=make_user("official_b"),
            given_name="Other",
            family_name="Country",
            email="other@example.org",
        )


def test_another_countrys_nominations_are_not_found(client, sign_in):
    focal_point = make_user("focal_point_a")
    meeting = open_meeting()
    nomination = delegations.nomination_create(
        meeting=meeting,
        country=focal_point.country,
        by=focal_point,
        given_name="Ana",
        family_name="Delegate",
        email="ana@example.org",
    )
    sign_in("official_b")
    page = client.get(delegation_url(meeting))
    assert "Ana Delegate" not in page.content.decode()
    for name in ("nomination_withdraw", "nomination_decide"):
        url = reverse(f"meetings:{name}", args=[meeting.slug, nomination.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == "nominated"


def test_the_participant_list_is_shown_to_the_audience_chosen_and_exported(client, sign_in, caplog):
    caplog.set_level(logging.INFO, logger="puebla.security")
    meeting, _nomination = confirmed_participant(family_name="=HYPERLINK()")
    official = sign_in("official_b")
    listing = reverse("meetings:participants", args=[meeting.slug])
    assert client.get(listing).status_code == 404  # the secretariat's only, by default
    meeting.participants_audience = "members"
    meeting.save()
    page = client.get(listing).content.decode()
    assert "Ana =HYPERLINK()" in page
    assert "ana@example.org" not in page  # addresses are for the secretariat

    exported = client.get(reverse("meetings:participants_export", args=[meeting.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Country or organisation",
        "Given name",
        "Family name",
        "Position",
        "Institution",
    ]
    assert rows[1] == ["Costa Rica", "Ana", "'=HYPERLINK()", "Directora", ""]
    # Names of people left Puebla: the security log says who took which file.
    assert (
        f"personal-data-exported user={official.pk} what={meeting.slug}-participants.csv rows=1"
        in caplog.text
    )
    workbook = load_workbook(
        io.BytesIO(
            client.get(reverse("meetings:participants_export", args=[meeting.slug, "xlsx"])).content
        )
    )
    assert [cell.value for cell in workbook.active[2]][:3] == ["Costa Rica", "Ana", "'=HYPERLINK()"]

    summary = client.get(reverse("meetings:participants_summary", args=[meeting.slug]))
    assert row_cells(summary.content.decode(), "Costa Rica")[:3] == ["0", "1", "0"]


def test_the_meeting_page_leads_to_its_delegation_page(client):
    taking = open_meeting(audience="public")
    not_taking = open_meeting(audience="public", seats_per_country=None)
    for meeting, linked in ((taking, True), (not_taking, False)):
        with translation.override("en"):
            page = client.get(reverse("meetings:meeting", args=[meeting.slug]))
        assert (delegation_url(meeting) in page.content.decode()) is linked


def test_a_person_another_country_nominated_is_not_revealed_and_the_secretariat_is_told(
    client, django_capture_on_commit_callbacks
):
    """Issue 27 finding 6, replayed: Guatemala's focal point nominates an address Costa Rica
    had nominated. Guatemala is told nothing of Costa Rica's nomination; the secretariat is."""
    from tests.followup.factories import person

    meeting = open_meeting()
    costa_rica, guatemala = person("CR", focal=True), person("GT", focal=True)
    secretariat = person(None, language="en")
    delegations.nomination_create(
        meeting=meeting,
        country=costa_rica.country,
        by=costa_rica,
        given_name="A",
        family_name="B",
        email="ab@example.org",
    )
    mail.outbox.clear()
    client.force_login(guatemala)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            delegation_url(meeting),
            {"given_name": "A", "family_name": "B", "email": "AB@example.org", "language": "en"},
            follow=True,
        ).content.decode()
    assert "already nominated" not in page
    assert "by Costa Rica" not in page
    assert Nomination.objects.filter(meeting=meeting, email="ab@example.org").count() == 2
    to_secretariat = [message for message in mail.outbox if message.to == [secretariat.email]]
    assert len(to_secretariat) == 1
    body = to_secretariat[0].body
    assert "A B (ab@example.org) has been named for the meeting below more than once" in body
    assert "- Costa Rica" in body and "- Guatemala" in body
    # Nobody in either country hears of the other's nomination.
    for message in mail.outbox:
        if message.to != [secretariat.email]:
            assert "more than once" not in message.body
            assert "Costa Rica" not in message.body or "Guatemala" not in message.body
