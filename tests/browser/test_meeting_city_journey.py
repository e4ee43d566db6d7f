"""The secretariat adds a meeting in a city the list lacks, in Spanish, at a phone's width and
by keyboard, in a real browser.

On the new-meeting form it types what the meeting is and its host country (Canadá), then
"Añadir una ciudad": the city form proposes Canada and lists its time zones first; Ottawa is
added in America/Toronto and the meeting form comes back with Ottawa chosen and what was typed
kept. The dates are typed as dates (no precision to choose), the meeting is saved, its public
page gives the place in full, and its calendar file starts at 09:00 in Ottawa's time zone.
Every page fits 390 px and passes axe.
"""

import datetime

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    PASSWORD,
    TOTP_SECRET,
    assert_accessible,
    create_secretariat,
    fits_the_width,
    spanish,
)
from tests.roles import totp_code

pytestmark = pytest.mark.browser

SECRETARIAT = "city-ts@example.org"
SLUG = "grupo-ad-hoc-ottawa-2031"


@pytest.fixture(scope="module")
def secretariat(puebla_command):
    return create_secretariat(puebla_command, SECRETARIAT)


def type_into(page, selector: str, text: str) -> None:
    """Reach the field by keyboard focus and type, as a person does."""
    page.locator(selector).focus()
    page.keyboard.type(text)


def press(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name).focus()
    page.keyboard.press("Enter")


def test_a_meeting_in_a_new_city_is_added_by_keyboard_in_spanish(page, secretariat):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(spanish("meetings:new"))
    page.get_by_label("Correo electrónico").fill(secretariat)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_label("Contraseña").press("Enter")
    page.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=secretariat))
    page.get_by_label("Código").press("Enter")
    page.wait_for_url(f"**{spanish('meetings:new')}")
    # The optional parts are folded: the form is short.
    expect(page.locator("details[open]")).to_have_count(0)
    assert fits_the_width(page)
    assert_accessible(page)

    type_into(page, "#id_slug", SLUG)
    page.locator("#id_kind").select_option("group")
    type_into(page, "#id_title_es", "Reunión del Grupo ad hoc en Ottawa")
    page.locator("#id_host_country").select_option(label="Canadá")
    type_into(page, "#id_venue", "Global Affairs Canada")
    press(page, "button", "Añadir una ciudad")

    page.wait_for_url(f"**{spanish('meetings:city_new')}?draft=*")
    expect(page.get_by_role("heading", level=1)).to_have_text("Añadir una ciudad")
    expect(page.locator("#id_country option:checked")).to_have_text("Canadá")
    expect(page.locator("#id_time_zone optgroup").first).to_have_attribute("label", "Canadá")
    assert fits_the_width(page)
    assert_accessible(page)
    type_into(page, "#id_name_es", "Ottawa")
    type_into(page, "#id_name_en", "Ottawa")
    page.locator("#id_time_zone").select_option("America/Toronto")
    press(page, "button", "Añadir la ciudad")

    page.wait_for_url(f"**{spanish('meetings:new')}?draft=*")
    expect(page.get_by_text("Ottawa se añadió a las ciudades y quedó elegida")).to_be_visible()
    expect(page.locator("#id_city option:checked")).to_have_text("Ottawa, Canadá")
    expect(page.locator("#id_title_es")).to_have_value("Reunión del Grupo ad hoc en Ottawa")
    expect(page.locator("#id_venue")).to_have_value("Global Affairs Canada")
    start = datetime.date.today() + datetime.timedelta(days=90)
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_start_time").fill("09:00")
    page.locator("#id_end_date").fill((start + datetime.timedelta(days=2)).isoformat())
    page.locator("#id_end_time").fill("17:00")
    page.locator("#id_audience").select_option("public")
    assert fits_the_width(page)
    assert_accessible(page)
    press(page, "button", "Guardar la reunión")

    expect(page.get_by_text("La reunión se guardó.")).to_be_visible()
    page.goto(spanish("meetings:meeting", SLUG))
    expect(page.get_by_text("Ottawa, Canadá")).to_be_visible()
    expect(page.get_by_text("09:00\u201317:00 (America/Toronto)")).to_be_visible()
    assert fits_the_width(page)
    assert_accessible(page)

    ics = page.request.get(spanish("meetings:meeting_ics", SLUG))
    (event,) = icalendar.Calendar.from_ical(ics.body()).walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "America/Toronto"
    assert event.decoded("dtstart").replace(tzinfo=None) == datetime.datetime.combine(
        start, datetime.time(9, 0)
    )
    assert str(event["location"]) == "Global Affairs Canada, Ottawa, Canadá"
