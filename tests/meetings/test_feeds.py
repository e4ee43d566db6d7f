"""Calendar subscriptions (RFC 5545, parsed back with icalendar) and the Atom feed."""

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Body, Country
from puebla.meetings.models import City, Meeting
from puebla.meetings.services import city_create, meeting_update
from tests.meetings.factories import make_meeting
from tests.roles import make_user

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def url(name: str, *args, language: str = "en") -> str:
    with translation.override(language):
        return reverse(f"meetings:{name}", args=args)


def calendar(client, address: str) -> icalendar.Calendar:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(parsed: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["summary"]): event for event in parsed.walk("VEVENT")}


def test_one_meeting_as_ics(client):
    parsed = calendar(client, url("meeting_ics", "xxi-rcm"))
    (event,) = parsed.walk("VEVENT")
    assert str(parsed["version"]) == "2.0"
    assert str(event["summary"]) == "XXI RCM"
    # All day, over four days: DTEND is the day after the last (RFC 5545 §3.6.1).
    assert event["dtstart"].params.get("VALUE") == "DATE"
    assert event.decoded("dtstart") == datetime.date(2016, 11, 15)
    assert event.decoded("dtend") == datetime.date(2016, 11, 19)
    assert str(event["location"]) == "San Pedro Sula, Honduras"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["url"]).endswith("/en/meetings/xxi-rcm/")


def test_the_uid_is_stable_and_the_sequence_rises_with_each_edit(client):
    (before,) = calendar(client, url("meeting_ics", "xxiv-rcm")).walk("VEVENT")
    meeting = Meeting.objects.get(slug="xxiv-rcm")
    meeting_update(meeting=meeting, changes={"venue": "Palacio Nacional de la Cultura"}, by=None)
    meeting_update(
        meeting=Meeting.objects.get(slug="xxiv-rcm"), changes={"status": "held"}, by=None
    )
    (after,) = calendar(client, url("meeting_ics", "xxiv-rcm")).walk("VEVENT")
    assert str(after["uid"]) == str(before["uid"]) == f"{meeting.uid}@puebla.rcm"
    assert (before["sequence"], after["sequence"]) == (0, 2)
    assert str(after["location"]) == "Palacio Nacional de la Cultura, Guatemala City, Guatemala"


def test_a_timed_meeting_is_in_its_citys_time_zone_with_its_vtimezone(client):
    make_meeting(
        title_en="Webinar on consular registration",
        kind="webinar",
        city=City.objects.get(slug="san-jose"),
        start_date=datetime.date(2031, 6, 3),
        start_precision="day",
        start_time=datetime.time(9, 30),
        end_date=datetime.date(2031, 6, 3),
        end_precision="day",
        end_time=datetime.time(11, 0),
        online=True,
        online_link="https://meet.example.org/rcm",
        status="confirmed",
    )
    parsed = calendar(client, url("calendar_ics"))
    event = events(parsed)["Webinar on consular registration"]
    assert event["dtstart"].params["TZID"] == "America/Costa_Rica"
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, start.utcoffset()) == (9, 30, datetime.timedelta(hours=-6))
    assert event.decoded("dtend").hour == 11
    assert [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")] == ["America/Costa_Rica"]
    assert str(event["status"]) == "CONFIRMED"


def test_the_feed_holds_public_meetings_dated_to_the_day_only(client):
    make_meeting(
        title_en="Closed session",
        audience="secretariat",
        start_date=datetime.date(2031, 1, 5),
        start_precision="day",
    )
    summaries = set(events(calendar(client, url("calendar_ics"))))
    assert summaries == {
        "XXI RCM",
        "Meeting of the Regional Consultation Group on Migration (XXI RCM)",
        "Meeting of the Liaison Officers Network for Consular Protection (XXI RCM)",
        "Meeting of the Liaison Officers Network to Combat Trafficking in Persons and Migrant "
        "Smuggling (XXI RCM)",
        "XXIV Regional Conference on Migration",
        "Meeting of the Regional Consultation Group on Migration (XXIV RCM)",
    }  # not "First meeting of the RCM" (March 1996), nor the closed session


def test_a_bodys_feed(client):
    summaries = set(events(calendar(client, url("body_ics", "rcgm"))))
    assert summaries == {
        "Meeting of the Regional Consultation Group on Migration (XXI RCM)",
        "Meeting of the Regional Consultation Group on Migration (XXIV RCM)",
    }
    assert client.get(url("body_ics", "no-such-body")).status_code == 404


def test_a_meeting_without_its_day_has_no_ics(client):
    assert client.get(url("meeting_ics", "first-rcm-puebla-1996")).status_code == 404
    assert "webcal://" not in client.get(url("meeting", "first-rcm-puebla-1996")).content.decode()


def test_pages_offer_webcal_subscriptions(client, settings):
    host = settings.SITE_URL.split("://", 1)[1]
    calendar_page = client.get(url("calendar")).content.decode()
    assert f'href="webcal://{host}/en/meetings/calendar.ics"' in calendar_page
    meeting_page = client.get(url("meeting", "xxi-rcm")).content.decode()
    assert f'href="webcal://{host}/en/meetings/xxi-rcm.ics"' in meeting_page


def test_the_spanish_feed_gives_spanish_titles_where_there_are_some(client):
    spanish = events(calendar(client, url("calendar_ics", language="es")))
    assert "XXI RCM" in spanish  # English only in the seeds: shown as it is


def test_the_atom_feed_lists_newly_announced_meetings_newest_first(client):
    make_meeting(
        title_en="Newly announced workshop",
        start_date=datetime.date(2031, 9, 1),
        start_precision="month",
    )
    response = client.get(url("announced"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input
    entries = feed.findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == "Newly announced workshop"
    assert "September 2031" in entries[0].findtext(f"{ATOM}summary")
    assert len(entries) == 30
    assert all(entry.findtext(f"{ATOM}id").startswith("urn:uuid:") for entry in entries)


def ottawa_meeting(**changes) -> Meeting:
    """A public RCGM meeting over three days in Ottawa, from 09:00 to 17:00 local time."""
    canada = Country.objects.get(iso_code="CA")
    ottawa = city_create(
        name_es="Ottawa",
        name_en="Ottawa",
        country=canada,
        time_zone="America/Toronto",
        by=make_user("secretariat"),
    )
    fields = {
        "title_es": "Reunión del GRCM en Ottawa",
        "title_en": "RCGM meeting in Ottawa",
        "kind": "rcgm",
        "body": Body.objects.get(slug="rcgm"),
        "host_country": canada,
        "city": ottawa,
        "venue": "Global Affairs Canada",
        "start_date": datetime.date(2031, 6, 10),
        "start_precision": "day",
        "start_time": datetime.time(9, 0),
        "end_date": datetime.date(2031, 6, 12),
        "end_precision": "day",
        "end_time": datetime.time(17, 0),
        "status": "confirmed",
    }
    return make_meeting(**(fields | changes))


def as_outlook_reads_it(parsed: icalendar.Calendar, event) -> datetime.datetime:
    """DTSTART as a program that knows no zone names reads it: by the calendar's own
    VTIMEZONE of the event's TZID (Outlook does so), in UTC."""
    (vtimezone,) = [
        zone for zone in parsed.walk("VTIMEZONE") if zone["tzid"] == event["dtstart"].params["TZID"]
    ]
    local = event.decoded("dtstart").replace(tzinfo=None)
    return local.replace(tzinfo=vtimezone.to_tz()).astimezone(datetime.UTC)


@pytest.mark.parametrize("feed", ["meeting_ics", "calendar_ics", "body_ics"])
def test_a_9am_meeting_over_three_days_keeps_its_time_zone_and_place(client, feed):
    meeting = ottawa_meeting()
    args = {"meeting_ics": (meeting.slug,), "calendar_ics": (), "body_ics": ("rcgm",)}[feed]
    parsed = calendar(client, url(feed, *args, language="es"))
    event = events(parsed)["Reunión del GRCM en Ottawa"]
    assert event["dtstart"].params["TZID"] == "America/Toronto"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.date(), start.hour, start.minute) == (datetime.date(2031, 6, 10), 9, 0)
    assert (end.date(), end.hour) == (datetime.date(2031, 6, 12), 17)
    # 09:00 in Ottawa in June (daylight time, UTC-4) is 13:00 UTC, read by the VTIMEZONE too.
    assert start.astimezone(datetime.UTC).hour == 13
    assert as_outlook_reads_it(parsed, event) == datetime.datetime(
        2031, 6, 10, 13, tzinfo=datetime.UTC
    )
    assert str(event["location"]) == "Global Affairs Canada, Ottawa, Canadá"
    assert "LANGUAGE" not in event["summary"].params  # a title in the file's language
    english = events(calendar(client, url(feed, *args, language="en")))["RCGM meeting in Ottawa"]
    assert str(english["location"]) == "Global Affairs Canada, Ottawa, Canada"


def test_the_spanish_files_are_named_in_spanish(client):
    names = {
        feed: str(calendar(client, url(feed, *args, language="es"))["x-wr-calname"])
        for feed, args in (
            ("calendar_ics", ()),
            ("body_ics", ("rcgm",)),
            ("meeting_ics", ("xxiv-rcm",)),
        )
    }
    assert names == {
        "calendar_ics": "Conferencia Regional sobre Migración: reuniones",
        # The seeds name the body in English only: no Spanish name is made up for it.
        "body_ics": "Reuniones de Regional Consultation Group on Migration",
        # Its title is in English only: the calendar is not named in English for it.
        "meeting_ics": "Conferencia Regional sobre Migración: reunión del 12 de noviembre de 2019",
    }
    (event,) = calendar(client, url("meeting_ics", "xxiv-rcm", language="es")).walk("VEVENT")
    assert str(event["summary"]) == "XXIV Regional Conference on Migration"
    assert event["summary"].params["LANGUAGE"] == "en"  # kept, and marked as English
    assert str(event["location"]) == "Ciudad de Guatemala, Guatemala"


def test_a_meeting_without_a_start_time_stays_an_all_day_event(client):
    meeting = ottawa_meeting(start_time=None, end_time=None)
    (event,) = calendar(client, url("meeting_ics", meeting.slug, language="es")).walk("VEVENT")
    assert event["dtstart"].params.get("VALUE") == "DATE"
    assert event.decoded("dtstart") == datetime.date(2031, 6, 10)
    assert event.decoded("dtend") == datetime.date(2031, 6, 13)


def test_a_start_time_without_an_end_time_starts_then(client):
    meeting = ottawa_meeting(end_date=None, end_precision="none", end_time=None)
    parsed = calendar(client, url("meeting_ics", meeting.slug))
    (event,) = parsed.walk("VEVENT")
    assert as_outlook_reads_it(parsed, event) == datetime.datetime(
        2031, 6, 10, 13, tzinfo=datetime.UTC
    )
    assert "dtend" not in event  # it ends as it starts (RFC 5545 §3.6.1), no invented hour
