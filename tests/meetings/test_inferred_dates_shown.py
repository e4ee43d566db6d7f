"""A meeting's date that the sources imply without stating it (a year deduced from the
Conference's number) is marked wherever it is shown, not only on the meeting's own page
(issue 30, problem 4): the calendar's lists and year filter, the home page, the intranet list,
the Atom and iCalendar feeds."""

import datetime
import html
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from puebla.meetings.models import Meeting
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db

MARK = {
    "en": "(date inferred: the meeting's page says why)",
}
# The Conferences whose year seed 002 or 004 leaves to be deduced, with that year.
INFERRED_YEARS = {"XIX CRM": 2014, "XX RCM": 2015, "XIV RCM": 2009, "XXII RCM": 2017}


def get(client, name: str, *args, language: str = "en", query: str = "") -> str:
    with translation.override(language):
        address = reverse(name, args=args)
    response = client.get(address + (f"?{query}" if query else ""))
    assert response.status_code == 200, address
    return html.unescape(response.content.decode())


def row_of(content: str, title: str) -> str:
    (row,) = [row for row in content.split("<tr>") if f">{title}</a>" in row]
    return row


@pytest.mark.parametrize(("title", "year"), INFERRED_YEARS.items())
def test_the_past_list_marks_an_inferred_year(client, title, year):
    content = get(client, "meetings:calendar", query=f"when=past&year={year}")
    assert f'{year} <small class="inferred-mark">{MARK["en"]}</small>' in row_of(content, title)


def test_the_past_list_marks_no_date_the_sources_state(client):
    content = get(client, "meetings:calendar", query="when=past&year=2019")
    assert MARK["en"] not in row_of(content, "XXIV Regional Conference on Migration")


def test_the_year_filter_says_for_how_many_meetings_the_year_is_inferred(client):
    content = get(client, "meetings:calendar", query="when=past")
    options = dict(re.findall(r'<option value="(\d{4})"[^>]*>([^<]+)</option>', content))
    for year in INFERRED_YEARS.values():
        assert re.fullmatch(rf"{year} \(year inferred for \d+\)", options[str(year)]), options
    assert options["2009"] == "2009 (year inferred for 1)"  # the XIV, in Guatemala
    assert options["2019"] == "2019"  # seed 003 dates the XXIV Conference itself


def inferred_meeting(**fields):
    """A public meeting next year, its year inferred (with the note that says why)."""
    return make_meeting(
        **{
            "title_en": "Inferred-year seminar",
            "start_date": datetime.date(datetime.date.today().year + 1, 1, 1),
            "start_precision": "year",
            "inferred": "start_date",
            "note_en": "The year is deduced from the seminar's number.",
            "note_es": "El año se deduce del número del seminario.",
            **fields,
        }
    )


def test_the_home_page_marks_an_upcoming_meeting_with_an_inferred_year(client):
    meeting = inferred_meeting()
    content = get(client, "portal:home")
    item = content.split(">Inferred-year seminar</a>")[1].split("</li>")[0]
    assert f'{meeting.start_date.year} <small class="inferred-mark">{MARK["en"]}</small>' in item


def test_the_intranet_list_marks_it_too(client, sign_in):
    inferred_meeting()
    sign_in("official_a")
    content = get(client, "meetings:intranet_list")
    assert MARK["en"] in row_of(content, "Inferred-year seminar")


def test_the_meeting_page_shows_the_reason_once_not_the_list_mark(client):
    content = get(client, "meetings:meeting", "xix-rcm")
    assert "Inferred: why?" in content
    assert MARK["en"] not in content  # its disclosure says why, beside the date


def test_the_atom_feed_marks_it(client):
    meeting = inferred_meeting()
    with translation.override("en"):
        address = reverse("meetings:announced")
    feed = ET.fromstring(client.get(address).content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(
        entry
        for entry in feed.iter(f"{atom}entry")
        if entry.findtext(f"{atom}title") == "Inferred-year seminar"
    )
    assert entry.findtext(f"{atom}summary") == f"{meeting.start_date.year} {MARK['en']}"


def test_the_ics_calendar_says_so_in_the_event_description(client):
    with translation.override("en"):
        address = reverse("meetings:calendar_ics")
    calendar = icalendar.Calendar.from_ical(client.get(address).content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    # Seed 002 gives the XXI's days and months; its year is the Vice-Ministerial meeting's.
    assert str(events["XXI RCM"]["description"]).startswith("Dates: ")
    assert MARK["en"] in str(events["XXI RCM"]["description"])
    assert MARK["en"] not in str(
        events["XXIV Regional Conference on Migration"].get("description", "")
    )


def test_the_site_search_year_filter_says_so(client):
    inferred_meeting(title_es="Seminario de la zafra inferida", title_en="Inferred harvest seminar")
    make_meeting(
        title_en="Stated harvest seminar",
        start_date=datetime.date(datetime.date.today().year + 1, 3, 1),
        start_precision="month",
    )
    with translation.override("en"):
        address = reverse("search:results")
    content = html.unescape(client.get(address, {"q": "harvest"}).content.decode())
    year = datetime.date.today().year + 1
    assert f'<option value="{year}">{year} (year inferred for 1) (2)</option>' in content


def test_a_one_meeting_calendar_named_by_its_date_marks_it(client):
    # The XXI's title is in English only: its Spanish calendar is named by its date.
    with translation.override("es"):
        address = reverse("meetings:meeting_ics", args=["xxi-rcm"])
        mark = Meeting.objects.get(slug="xxi-rcm").dates_mark()
    name = str(icalendar.Calendar.from_ical(client.get(address).content)["x-wr-calname"])
    assert name.endswith(f"2016 ({mark})"), name
