"""Meetings as iCalendar (RFC 5545) that Outlook, Google Calendar and Thunderbird subscribe to.

- UID: the meeting's own identifier, which never changes; SEQUENCE: its revision, raised by
  every edit (puebla.meetings.services), so programs replace the copy they hold.
- A meeting with a start time starts then, over one day or several: DTSTART carries its city's
  time zone (TZID), whose VTIMEZONE the calendar holds, so that a reader elsewhere sees it at
  their own hour. Without a time zone (a city whose zone is not known) the time is "floating",
  the local time as given (§3.3.5). It ends at its end time on its last day; without an end
  time, a one-day meeting gives no DTEND (it "ends" as it starts, §3.6.1) and a longer one ends
  when its last day does.
- A meeting without a start time is an all-day event (DTSTART;VALUE=DATE, DTEND the day after
  its last, as §3.6.1 says).
- The file is in the language of its address: names, the place (venue, city, country), and the
  calendar's own name. A title only given in the other language is kept, marked with its
  LANGUAGE (§3.2.10), as the pages mark it.
- A meeting whose dates the sources imply without stating them says so in its DESCRIPTION,
  in the words the pages use (Meeting.describe_dates).
- Only meetings dated to the day belong here: callers leave the others out
  (MeetingQuerySet.for_calendar).
"""

import datetime
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from puebla.core.text import text_and_language, text_in
from puebla.meetings.models import Meeting

PRODID = "-//Puebla//RCM virtual secretariat//EN"
UID_DOMAIN = "puebla.rcm"
STATUS = {
    Meeting.Status.PLANNED: "TENTATIVE",
    Meeting.Status.POSTPONED: "TENTATIVE",
    Meeting.Status.CONFIRMED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def calendar_of(meetings: Iterable[Meeting], *, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(event_of(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_name_of(meeting: Meeting) -> str:
    """The name of a one-meeting calendar in the active language: its title when it has one
    in that language, else a name that says which meeting without a foreign title."""
    title, language = text_and_language(meeting, "title")
    if title and language == _language():
        return title
    return _("Regional Conference on Migration: meeting of %(date)s") % {
        "date": meeting.with_dates_mark(meeting.describe_start())
    }


def event_of(meeting: Meeting) -> icalendar.Event:
    language = _language()
    event = icalendar.Event()
    event.add("uid", f"{meeting.uid}@{UID_DOMAIN}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    _add_text(event, "summary", meeting, "title", language)
    start, end = _span(meeting)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    location = place_of(meeting, language)
    if location:
        event.add("location", location)
    if meeting.online_link:
        event.add("conference", meeting.online_link, parameters={"value": "URI"})
    event.add("url", settings.SITE_URL + reverse("meetings:meeting", args=[meeting.slug]))
    _add_description(event, meeting, language)
    if meeting.status in STATUS:
        event.add("status", STATUS[meeting.status])
    return event


def place_of(meeting: Meeting, language: str) -> str:
    """Where the meeting is, in full: "venue, city, country" (those known), in `language`."""
    city = meeting.city if meeting.city_id else None
    country = city.country if city is not None and city.country_id else meeting.host_country
    parts = (
        meeting.venue,
        text_in(city, "name", language) if city is not None else "",
        text_in(country, "name", language) if country is not None else "",
    )
    return ", ".join(part for part in parts if part)


def _add_text(event, name: str, meeting: Meeting, field: str, language: str) -> None:
    """Add the text of `field` in `language`, else in the other one, marked with its own."""
    text, written_in = text_and_language(meeting, field, language)
    if not text:
        return
    parameters = {"language": written_in} if written_in != language else None
    event.add(name, text, parameters=parameters)


def _add_description(event, meeting: Meeting, language: str) -> None:
    """The general objectives, else the description; led by the dates, marked, when the
    sources imply them without stating them (a calendar would show them as facts)."""
    field = "objectives_general" if text_in(meeting, "objectives_general") else "description"
    if not meeting.dates_inferred:
        _add_text(event, "description", meeting, field, language)
        return
    dates = _("Dates: %(dates)s") % {"dates": meeting.describe_dates()}
    text = text_in(meeting, field, language)
    event.add("description", f"{dates}\n\n{text}" if text else dates)


def _span(meeting: Meeting):
    """DTSTART and DTEND (None: left out) of the meeting's event; see the module docstring."""
    last = meeting.exact_end or meeting.start_date
    if meeting.start_time is None:
        return meeting.start_date, last + datetime.timedelta(days=1)
    zone = zoneinfo.ZoneInfo(meeting.time_zone) if meeting.time_zone else None
    start = datetime.datetime.combine(meeting.start_date, meeting.start_time, tzinfo=zone)
    if meeting.end_time is not None:
        end = datetime.datetime.combine(last, meeting.end_time, tzinfo=zone)
        return start, max(end, start)
    if last == meeting.start_date:
        return start, None
    return start, datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=zone
    )


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]
