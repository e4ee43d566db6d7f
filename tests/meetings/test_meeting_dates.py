"""Dates as the secretariat types them: a full date is a day, an empty one is "not given",
and a date known only to the month or the year is chosen as such. The optional parts of the
form are folded and open by themselves when they hold a value or an error."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def typed(**changes) -> dict:
    """The new-meeting form as a person fills it: what it is, its dates, who sees it."""
    start = timezone.localdate() + datetime.timedelta(days=60)
    return {
        "slug": "seminario-proteccion-consular",
        "kind": "seminar",
        "title_es": "Seminario sobre protección consular",
        "start_date": start.isoformat(),
        "start_time": "09:00",
        "end_date": (start + datetime.timedelta(days=2)).isoformat(),
        "participants_audience": "secretariat",
        "waiting_list": "on",
        "audience": "public",
    } | changes


def test_a_typed_full_date_is_saved_as_that_day(client, sign_in):
    sign_in("secretariat")
    data = typed()
    response = client.post(url("meetings:new", language="es"), data, follow=True)
    assert "La reunión se guardó." in response.content.decode()
    meeting = Meeting.objects.get(slug="seminario-proteccion-consular")
    assert (meeting.start_date.isoformat(), meeting.start_precision) == (data["start_date"], "day")
    assert meeting.start_time == datetime.time(9, 0)
    assert (meeting.end_date.isoformat(), meeting.end_precision) == (data["end_date"], "day")
    page = client.get(url("meetings:meeting", meeting.slug)).content.decode()
    assert meeting.start_date.strftime("%Y") in page


def test_an_empty_date_is_not_given(client, sign_in):
    sign_in("secretariat")
    client.post(url("meetings:new"), typed(start_date="", start_time="", end_date=""))
    meeting = Meeting.objects.get(slug="seminario-proteccion-consular")
    assert (meeting.start_date, meeting.start_precision) == (None, "none")
    assert (meeting.end_date, meeting.end_precision) == (None, "none")
    page = client.get(url("meetings:meeting", meeting.slug)).content.decode()
    assert "not given" in page


def test_a_date_known_only_to_the_month_is_chosen_so(client, sign_in):
    sign_in("secretariat")
    client.post(
        url("meetings:new"),
        typed(
            start_date="2031-03-17",
            start_time="",
            start_precision="month",
            end_date="",
        ),
    )
    meeting = Meeting.objects.get(slug="seminario-proteccion-consular")
    assert (meeting.start_date, meeting.start_precision) == (datetime.date(2031, 3, 1), "month")
    assert "March 2031" in client.get(url("meetings:meeting", meeting.slug)).content.decode()
    # Edited again, the form shows the month chosen, and the folded part open.
    edit = client.get(url("meetings:edit", meeting.slug))
    assert edit.context["form"]["start_precision"].value() == "month"
    assert "precision" in edit.context["form"].open_sections


def test_a_time_on_a_date_known_to_the_month_is_refused(client, sign_in):
    sign_in("secretariat")
    response = client.post(url("meetings:new"), typed(start_precision="month", end_date=""))
    assert "A time needs an exact day." in html.unescape(response.content.decode())
    assert not Meeting.objects.filter(slug="seminario-proteccion-consular").exists()


def folded(page: str) -> dict[str, bool]:
    """Each folded part of the form by its summary, and whether it shows open."""
    return {
        summary: bool(attributes.strip())
        for attributes, summary in re.findall(
            r"<details( open)?>\s*<summary>([^<]+)</summary>", page
        )
    }


def test_the_optional_parts_are_folded_and_open_when_they_hold_something(client, sign_in):
    sign_in("secretariat")
    empty = folded(client.get(url("meetings:new")).content.decode())
    assert empty == {
        "Convened and supported by": False,
        "A date known only to the month or the year": False,
        "Description, objectives, expected results, participant profile, documents": False,
        "Seats, nominations, costs and who may see the participants": False,
        "The bodies or the country, for those audiences": False,
    }
    # A text typed in one part and an error in another: both open on the refused form.
    response = client.post(
        url("meetings:new"),
        typed(description_en="A seminar.", audience="body"),
    )
    shown = folded(response.content.decode())
    assert shown["Description, objectives, expected results, participant profile, documents"]
    assert shown["The bodies or the country, for those audiences"]
    assert not shown["Seats, nominations, costs and who may see the participants"]
    assert "Choose the bodies whose members may see it." in html.unescape(response.content.decode())
