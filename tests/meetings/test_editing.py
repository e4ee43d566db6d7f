"""The secretariat's meeting tools: create, edit (a new date is mailed to the nominees),
duplicate; bad input is a form error and writes nothing."""

import datetime
import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from puebla.meetings import delegations
from puebla.meetings.models import Meeting, Nomination
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def day():
    """Forty days ahead of when a test asks (not of when the module was imported)."""
    return timezone.localdate() + datetime.timedelta(days=40)


def form() -> dict:
    """The new-meeting form, dated when a test posts it (not when the module was imported:
    a run crossing midnight found that)."""
    return {
        "slug": "taller-retorno-2027",
        "kind": "workshop",
        "title_es": "Taller sobre retorno",
        "title_en": "Workshop on return",
        "status": "planned",
        # As the secretariat types them: dates only, their precision follows (a day).
        "start_date": day().isoformat(),
        "end_date": (day() + datetime.timedelta(days=1)).isoformat(),
        "documents_language": "",
        "seats_per_country": "2",
        "waiting_list": "on",
        "participants_audience": "secretariat",
        "audience": "members",
    }


def test_the_secretariat_adds_a_meeting_and_a_document_of_it_kept_elsewhere(client, sign_in):
    sign_in("secretariat")
    response = client.post(en("meetings:new"), form(), follow=True)
    assert "The meeting was saved." in response.content.decode()
    meeting = Meeting.objects.get(slug="taller-retorno-2027")
    assert (meeting.title_en, meeting.seats_per_country, meeting.audience) == (
        "Workshop on return",
        2,
        "members",
    )
    assert meeting.last_day == day() + datetime.timedelta(days=1)

    # The meeting's edit page leads to a document form with the meeting chosen.
    edit_page = client.get(en("meetings:edit", meeting.slug)).content.decode()
    add_document = f"{en('documents:new')}?meeting={meeting.pk}"
    assert f'href="{add_document}"' in edit_page
    assert client.get(add_document).context["form"]["meeting"].value() == str(meeting.pk)
    response = client.post(
        add_document,
        {
            "slug": "taller-retorno-nota-conceptual",
            "kind": "other",
            "title_es": "Nota conceptual",
            "title_en": "Concept note",
            "meeting": meeting.pk,
            "external_url": "https://example.org/concept-note.pdf",
            "audience": "members",
        },
        follow=True,
    )
    assert response.status_code == 200

    sign_in("official_a")
    page = client.get(en("meetings:meeting", meeting.slug)).content.decode()
    document = en("documents:document", "taller-retorno-nota-conceptual")
    assert f'<a href="{document}">Concept note</a>' in page
    assert 'href="https://example.org/concept-note.pdf"' in page
    held_elsewhere = client.get(document).content.decode()
    assert "it can be read where it is kept" in held_elsewhere
    assert ">https://example.org/concept-note.pdf</a>" in held_elsewhere


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"end_date": (day() - datetime.timedelta(days=1)).isoformat()},
            "end_date",
            "The end must not be before the start.",
        ),
        ({"online": "on"}, "online_link", "An online meeting needs the link to join it."),
        (
            {"start_precision": "month", "start_date": "", "end_date": ""},
            "start_date",
            "Type a day of that month or year, or leave the date empty.",
        ),
    ],
)
def test_bad_meeting_input_is_a_form_error_and_writes_nothing(
    client, sign_in, changes, field, message
):
    sign_in("secretariat")
    before = (Meeting.objects.count(), Meeting.history.count())
    response = client.post(en("meetings:new"), form() | changes)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    if field:
        assert message in response.context["form"].errors[field]
    assert (Meeting.objects.count(), Meeting.history.count()) == before


def test_a_new_date_is_mailed_to_nominees_and_more_seats_move_the_waiting_list_up(
    client, sign_in, django_capture_on_commit_callbacks
):
    focal_point = make_user("focal_point_a")
    meeting = make_meeting(
        start_date=day(), start_precision="day", status="confirmed", seats_per_country=1
    )
    for name in ("Ana", "Beto"):
        delegations.nomination_create(
            meeting=meeting,
            country=focal_point.country,
            by=focal_point,
            given_name=name,
            family_name="Delegate",
            email=f"{name.lower()}@example.org",
            language="en",
        )
    sign_in("secretariat")
    edit = en("meetings:edit", meeting.slug)
    form = client.get(edit).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value not in (None, False) and not isinstance(value, list)
    }
    moved = day() + datetime.timedelta(days=7)
    data |= {
        "start_date": moved.isoformat(),
        "seats_per_country": "2",
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, data, follow=True)
    assert "The meeting was saved." in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.start_date, meeting.sequence) == (moved, 1)
    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    title = meeting.title_en
    assert ("ana@example.org", f"[RCM] Changes to the meeting: {title}") in subjects
    assert ("beto@example.org", f"[RCM] Moved up from the waiting list: {title}") in subjects
    [to_ana] = [m for m in mail.outbox if m.to == ["ana@example.org"]]
    assert moved.strftime("%-d") in to_ana.body
    assert ("focal-point-a@example.org", f"[CRM] Cambios en la reunión: {meeting.title_es}") in (
        subjects
    )
    assert Nomination.objects.get(given_name="Beto").status == "nominated"


def test_a_duplicate_keeps_the_texts_but_not_the_dates_or_the_audience(client, sign_in):
    sign_in("secretariat")
    client.post(en("meetings:new"), form())
    original = Meeting.objects.get(slug="taller-retorno-2027")
    response = client.post(en("meetings:duplicate", original.slug), follow=True)
    copy = Meeting.objects.get(slug="taller-retorno-2027-copy")
    assert response.redirect_chain[-1][0] == en("meetings:edit", copy.slug)
    assert (copy.title_es, copy.seats_per_country) == ("Taller sobre retorno", 2)
    assert (copy.start_date, copy.status, copy.audience) == (None, "planned", "secretariat")
    assert copy.uid != original.uid
    client.post(en("meetings:duplicate", original.slug))
    assert Meeting.objects.filter(slug="taller-retorno-2027-copy-2").exists()


def test_the_intranet_list_shows_meetings_ahead_and_finds_any_by_title(client, sign_in):
    ahead = make_meeting(start_date=day(), start_precision="day", audience="members")
    old = make_meeting(
        start_date=datetime.date(2005, 3, 1), start_precision="month", title_en="Old seminar"
    )
    sign_in("official_a")
    listing = en("meetings:intranet_list")
    page = client.get(listing).content.decode()
    assert ahead.title_en in page
    assert "Old seminar" not in page
    assert "Add a meeting" not in page
    found = client.get(listing, {"q": "old semin"}).content.decode()
    assert "Old seminar" in found
    assert old.title_en in found
