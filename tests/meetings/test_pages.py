"""The public calendar and meeting pages, in both languages, with their filters and notices."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Body
from puebla.meetings.services import meeting_update
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(f"meetings:{name}", args=args)


def page(client, name: str, language: str, *args, query: str = "") -> str:
    response = client.get(url(name, language, *args) + (f"?{query}" if query else ""))
    assert response.status_code == 200
    assert response["Content-Language"] == language
    return html.unescape(response.content.decode())


def test_the_calendar_is_linked_from_every_page(client):
    assert f'href="{url("calendar", "en")}"' in client.get("/en/").content.decode()
    assert f'href="{url("calendar", "es")}"' in client.get("/es/").content.decode()


def test_past_meetings_most_recent_first_with_their_dates_to_their_precision(client):
    english = page(client, "calendar", "en", query="when=past")
    assert english.index("XXIV Regional Conference on Migration") < english.index("XXI RCM")
    assert "Nov. 12, 2019 to Nov. 14, 2019" in english
    assert "2017" in english  # the XXII, dated to its year only
    spanish = page(client, "calendar", "es", query="when=past")
    assert "12 de noviembre de 2019" in spanish
    assert "XXIV Regional Conference on Migration" in spanish
    assert "aún sin traducción al español" in spanish


def test_upcoming_meetings_soonest_first(client):
    today = datetime.date.today()
    later = make_meeting(
        title_en="Later meeting",
        start_date=today.replace(year=today.year + 2, day=1),
        start_precision="month",
    )
    sooner = make_meeting(title_en="Sooner meeting", start_date=today, start_precision="day")
    english = page(client, "calendar", "en")
    assert english.index(sooner.title_en) < english.index(later.title_en)
    assert "XXI RCM" not in english  # held long ago


def test_meetings_without_a_date_are_listed_apart(client):
    english = page(client, "calendar", "en", query="when=undated")
    assert "Ad Hoc Group on Extra-Continental Migrants" in english
    assert ">XXI RCM</a>" not in english


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        (
            "when=past&kind=rcgm",
            "Meeting of the Regional Consultation Group on Migration (Vancouver)",
            ">XXI RCM</a>",
        ),
        ("when=past&body=rcgm", "GRCM/RCGM 2014", "XIX CRM"),
        ("when=past&country=NI", "XIX CRM", "XX RCM"),
        ("when=past&year=2016", "XXI RCM", "XXII RCM"),
        (
            "when=undated&q=taller+virtual",
            "Virtual Workshop for dialogue",
            "Workshop on Passport Integrity",
        ),
        (
            "when=undated&q=passport",
            "Workshop on Passport Integrity",
            "Virtual Workshop for dialogue",
        ),
    ],
)
def test_filters(client, query, shown, hidden):
    english = page(client, "calendar", "en", query=query)
    assert shown in english
    assert hidden not in english


def test_a_filter_that_matches_nothing_says_so(client):
    assert "No meeting matches these filters." in page(
        client, "calendar", "en", query="when=past&q=no+such+title"
    )


def test_an_invalid_filter_value_is_ignored_not_an_error(client):
    english = page(client, "calendar", "en", query="when=past&year=abc&body=nope&kind=party")
    assert ">XXI RCM</a>" in english


BODY_FILTER = re.compile(r'<select name="body"[^>]*>(.*?)</select>', re.DOTALL)


def body_options(page_text: str) -> dict[str, str]:
    """The calendar's body filter: {value: label} of its options."""
    options = re.findall(
        r'<option value="([^"]*)"[^>]*>([^<]*)</option>', BODY_FILTER.search(page_text)[1]
    )
    return dict(options)


def test_the_body_filter_offers_the_bodies_whose_meetings_the_reader_may_see(client, sign_in):
    Body.objects.create(slug="quiet-group", kind="working_group", name_en="Quiet group")
    members_only = Body.objects.create(
        slug="members-group", kind="working_group", name_es="Grupo & reservado"
    )
    make_meeting(body=members_only, audience="members")
    public = body_options(page(client, "calendar", "en"))
    assert next(iter(public)) == "" and public[""] == "All bodies"
    assert public["rcgm"] == "Regional Consultation Group on Migration"
    assert "quiet-group" not in public  # no meeting: choosing it would list none
    assert "members-group" not in public  # its one meeting is not public
    sign_in("focal_point_a")
    official = body_options(page(client, "calendar", "es", query="body=members-group"))
    assert official["members-group"] == "Grupo & reservado"
    assert "quiet-group" not in official
    raw = client.get(url("calendar", "es") + "?body=members-group").content.decode()
    assert '<option value="members-group" selected>Grupo &amp; reservado</option>' in raw


def test_pagination(client):
    first = page(client, "calendar", "en", query="when=past")
    pages = int(re.search(r"Page 1 of (\d+)", first).group(1))
    assert pages >= 2
    last = page(client, "calendar", "en", query=f"when=past&page={pages}")
    assert f"Page {pages} of {pages}" in last
    # The oldest meeting is on the last page, not on the first.
    assert "First meeting of the RCM" in last and "First meeting of the RCM" not in first
    # The filters are kept across pages.
    assert (
        "?when=past&amp;page=2" in client.get(url("calendar", "en") + "?when=past").content.decode()
    )


def test_a_meeting_page_shows_every_field_in_the_visitors_language(client):
    english = page(client, "meeting", "en", "adhoc-extra-regional-3")
    for text in [
        "Third meeting of the ad-hoc group of the RCM on extra-regional migrants",
        "Ad-Hoc Group on Extra-Regional Migrants",
        "San José, Costa Rica",
        "Two officers directly involved",
        "The participation costs (flights and accomodation)",
        "Office of the United Nations High Commissioner for Refugees",
    ]:
        assert text in english, text
    spanish = page(client, "meeting", "es", "adhoc-extra-regional-3")
    assert "San José, Costa Rica" in spanish
    assert "aún sin traducción al español" in spanish
    assert "Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados" in spanish


def test_dates_are_shown_only_to_their_precision(client):
    assert "March 1996" in page(client, "meeting", "en", "first-rcm-puebla-1996")
    assert "marzo de 1996" in page(client, "meeting", "es", "first-rcm-puebla-1996")
    assert "2004" in page(client, "meeting", "en", "seminar-2004-migration-health")
    undated = page(client, "meeting", "en", "workshop-passport-integrity")
    assert '<dt>Dates</dt><dd><span class="untranslated">not given</span>' in undated


def test_notices_documents_in_spanish_only_and_postponed(client):
    assert "The documents of this meeting are in Spanish only." in page(
        client, "meeting", "en", "workshop-social-reintegration-civil-society"
    )
    meeting = make_meeting(start_date=datetime.date(2031, 3, 2), start_precision="day")
    assert "postponed" not in page(client, "meeting", "en", meeting.slug)
    meeting_update(meeting=meeting, changes={"status": "postponed"}, by=None)
    assert "This meeting has been postponed." in page(client, "meeting", "en", meeting.slug)


def test_the_convening_presidency_is_named_when_its_year_is_on_record(client):
    assert "The Presidency Pro-Tempore (Guatemala)" in page(client, "meeting", "en", "xxiv-rcm")
    # The seed gives no year for this one: the presidency is not guessed.
    undated = page(client, "meeting", "en", "workshop-social-reintegration-civil-society")
    assert "The Presidency Pro-Tempore" in undated and "Pro-Tempore (" not in undated


def test_the_programme_of_a_meeting(client):
    english = page(client, "meeting", "en", "xxi-rcm")
    assert "Nov. 17, 2016: Vice-Ministerial meeting (17 and 18 November)" in english


def test_a_meeting_the_visitor_may_not_see_does_not_exist_for_them(client, sign_in):
    meeting = make_meeting(audience="secretariat", title_en="Closed session")
    assert client.get(url("meeting", "en", meeting.slug)).status_code == 404
    assert "Closed session" not in page(client, "calendar", "en", query="when=undated")
    sign_in("secretariat")
    assert "Closed session" in page(client, "meeting", "en", meeting.slug)
    assert client.get(url("meeting", "en", "no-such-meeting")).status_code == 404


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return response, len(queries)


def test_filtered_calendar_pages_come_from_the_cache_and_unknown_parameters_do_not_matter(client):
    address = url("calendar", "en") + "?when=past&kind=rcgm"
    first, first_queries = count_queries(client, address)
    second, second_queries = count_queries(client, address)
    third, third_queries = count_queries(client, address + "&utm_source=newsletter")
    assert first_queries > 0 and second_queries == third_queries == 0
    assert first.content == second.content == third.content
    other, other_queries = count_queries(client, url("calendar", "en") + "?when=past&kind=seminar")
    assert other_queries > 0 and "Seminar on Migration and Health" in other.content.decode()


def test_an_edit_shows_on_the_next_request(client):
    address = url("meeting", "en", "xxi-rcm")
    count_queries(client, address)
    meeting_update(
        meeting=Body.objects.get(slug="rcgm").meetings.get(slug="rcgm-2014-managua"),
        changes={"venue": "Hotel Crowne Plaza"},
        by=None,
    )
    assert "Hotel Crowne Plaza" in page(client, "meeting", "en", "rcgm-2014-managua")


def test_inferred_values_are_marked_with_their_note(client):
    english = page(client, "meeting", "en", "xx-rcm")
    assert english.count("Inferred: why?") == 3  # the body, the year, the host country
    assert "The year is inferred from the Conference's number" in english
    spanish = page(client, "meeting", "es", "xx-rcm")
    assert "El año se deduce del número de la Conferencia" in spanish
    stated = page(client, "meeting", "en", "xxi-rcm")
    assert "Nov. 15, 2016 to Nov. 18, 2016" in stated


def test_convening_and_supporting_organisations(client):
    plenary = page(client, "meeting", "en", "plenary-rcm-sacm-1")
    assert "The Presidency Pro-Tempore; South American Conference on Migration" in plenary
    assert "Montevideo" in plenary
    training = page(client, "meeting", "en", "training-displacement-disasters-climate")
    assert "Platform on Disaster Displacement" in training


def test_an_empty_upcoming_calendar_says_so_and_points_to_the_past(client):
    english = page(client, "calendar", "en")
    assert "No upcoming meeting is on record." in english
    assert "?when=past" in english
