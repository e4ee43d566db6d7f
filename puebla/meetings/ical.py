"""Meetings as iCalendar (RFC 5545) that Outlook, Google Calendar and Thunderbird subscribe to.

- UID: the meeting's own identifier, which never changes; SEQUENCE: its revision, raised by
  every edit (puebla.meetings.services), so programs replace the copy they hold.
- A meeting over several days, or without a time, is an all-day event (DTSTART;VALUE=DATE,
  DTEND the day after its last, as §3.6.1 says); a timed one is in its city's time zone, whose
  VTIMEZONE the calendar carries.
- Only meetings dated to the day belong here: callers leave the others out.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from puebla.core.text import text_in
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


def event_of(meeting: Meeting) -> icalendar.Event:
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    event = icalendar.Event()
    event.add("uid", f"{meeting.uid}@{UID_DOMAIN}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("summary", text_in(meeting, "title", language))
    start, end = _span(meeting)
    event.add("dtstart", start)
    event.add("dtend", end)
    location = ", ".join(
        part
        for part in (meeting.venue, text_in(meeting.city, "name", language) if meeting.city else "")
        if part
    )
    if location:
        event.add("location", location)
    if meeting.online_link:
        event.add("conference", meeting.online_link, parameters={"value": "URI"})
    event.add("url", settings.SITE_URL + reverse("meetings:meeting", args=[meeting.slug]))
    description = text_in(meeting, "objectives_general", language) or text_in(
        meeting, "description", language
    )
    if description:
        event.add("description", description)
    if meeting.status in STATUS:
        event.add("status", STATUS[meeting.status])
    return event


def _span(meeting: Meeting):
    """DTSTART and DTEND: dates for all-day events, zoned times for a timed one-day meeting."""
    last = meeting.exact_end or meeting.start_date
    zone = meeting.time_zone
    if meeting.start_time and last == meeting.start_date and zone:
        tz = zoneinfo.ZoneInfo(zone)
        start = datetime.datetime.combine(meeting.start_date, meeting.start_time, tzinfo=tz)
        end_time = meeting.end_time or meeting.start_time
        end = datetime.datetime.combine(last, end_time, tzinfo=tz)
        return start, max(end, start)
    return meeting.start_date, last + datetime.timedelta(days=1)
