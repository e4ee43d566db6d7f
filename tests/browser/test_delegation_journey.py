"""A country's delegation to a meeting, in a real browser: Costa Rica's focal point nominates
three people for two seats (the third waits), the Technical Secretariat confirms the first, and
the focal point sees it confirmed. The delegation pages are checked with axe on the way, in
both languages. test_accessibility.py checks the public calendar and a meeting page already,
but only as the seed data has them: no meeting ahead (the calendar's default tab is empty) and
past meetings without seats; here they are checked with a meeting ahead that takes
nominations, in both languages and colour schemes."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET, sign_in
from tests.roles import totp_code

pytestmark = pytest.mark.browser

SLUG = "delegation-journey-workshop"
TITLE_EN = "Workshop on labour migration (delegation journey)"
TITLE_ES = "Taller sobre migración laboral (recorrido de delegación)"
# Short addresses: "Recent changes" names a nomination by its e-mail address, and at 1280 px
# an address it cannot break (no hyphen), such as "ana.quesada@example.org", widens the page
# past the screen; test_intranet_journeys checks that page's width after this module has run.
DELEGATES = [
    ("Ana", "Quesada", "ana@example.org"),
    ("Bruno", "Solís", "bruno@example.org"),
    ("Carla", "Vargas", "carla@example.org"),
]


@pytest.fixture(scope="module")
def delegation(puebla_command):
    """The meeting (2 seats per country, deadline ahead) and the two accounts, made once.

    The e-mail addresses are this module's own, so that the other browser modules' accounts,
    made in the same server's database, do not clash with them whatever the order.
    """
    today = datetime.date.today()
    start, deadline = today + datetime.timedelta(days=60), today + datetime.timedelta(days=30)
    script = (
        "import datetime\n"
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.meetings.services import meeting_create\n"
        "role_user_create('focal_point_a', email='delegation-focal@example.org', "
        f"password='{PASSWORD}')\n"
        "role_user_create('secretariat', email='delegation-ts@example.org', "
        f"password='{PASSWORD}', totp_secret='{TOTP_SECRET}')\n"
        "meeting_create(fields={"
        f"'slug': '{SLUG}', 'kind': 'workshop', 'audience': 'public', 'status': 'confirmed', "
        f"'title_es': '{TITLE_ES}', 'title_en': '{TITLE_EN}', "
        f"'start_date': datetime.date.fromisoformat('{start}'), 'start_precision': 'day', "
        f"'seats_per_country': 2, 'nomination_deadline': datetime.date.fromisoformat('{deadline}')"
        "}, by=None)\n"
    )
    puebla_command("shell", "-c", script)
    return {
        "focal": "delegation-focal@example.org",
        "secretariat": "delegation-ts@example.org",
        "en": f"/en/intranet/meetings/{SLUG}/delegation/",
        "es": f"/es/intranet/reuniones/{SLUG}/delegacion/",
    }


def nominate(page, given_name: str, family_name: str, email: str, *, by_keyboard=False) -> None:
    expect(page.get_by_label("A person in the directory")).to_have_value("")  # someone else
    page.get_by_label("Given name").fill(given_name)
    page.get_by_label("Family name").fill(family_name)
    page.get_by_label("E-mail address").fill(email)
    if by_keyboard:
        page.get_by_label("E-mail address").press("Enter")
    else:
        page.get_by_role("button", name="Nominate", exact=True).click()


def row_of(page, name: str):
    return page.get_by_role("table").get_by_role("row").filter(has_text=name)


def test_focal_point_fills_the_seats_and_the_waiting_list_and_sees_a_confirmation(
    page, delegation, live_server_url
):
    # The focal point signs in on the real sign-in page, switches to English, and finds the
    # meeting's delegation page through the intranet's list of meetings.
    page.goto("/es/accounts/login/")
    sign_in(page, delegation["focal"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My secretariat")
    page.get_by_role("navigation", name="Intranet").get_by_role("link", name="Meetings").click()
    # Chromium names this link "Delegation : <title>": the hidden ": <title>" is positioned
    # absolutely, so it counts as a block and gets a space before it.
    page.get_by_role("link", name=re.compile(rf"^Delegation ?: {re.escape(TITLE_EN)}$")).click()
    expect(page).to_have_url(re.compile(re.escape(delegation["en"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegation: Costa Rica")
    places_left = page.locator("#places-left")
    expect(places_left).to_have_text("2")
    expect(page.get_by_text("No delegate has been nominated yet.")).to_be_visible()
    expect(page.get_by_role("heading", name="Nominate a delegate")).to_be_visible()
    assert_accessible(page)  # the empty delegation and its form, in English

    # The same page in Spanish, still empty, with its form.
    page.goto(delegation["es"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegación: Costa Rica")
    expect(page.locator("#places-left")).to_have_text("2")
    expect(page.get_by_label("Una persona del directorio")).to_have_value("")
    expect(page.get_by_label("Nombre:")).to_be_visible()
    assert_accessible(page)
    page.goto(delegation["en"])

    # Nominating nobody says what is missing, and saves nothing.
    page.get_by_role("button", name="Nominate", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing has been saved yet")
    expect(page.get_by_text("Give the delegate's given name.").first).to_be_visible()
    expect(page.get_by_text("Give the delegate's e-mail address.").first).to_be_visible()
    expect(places_left).to_have_text("2")
    assert_accessible(page)  # the form with its errors

    # Three nominations for two seats: 2 → 1 → 0, and the third waits.
    nominate(page, *DELEGATES[0], by_keyboard=True)
    expect(page.get_by_role("status")).to_contain_text(
        "Ana Quesada is nominated. The Technical Secretariat will confirm."
    )
    expect(places_left).to_have_text("1")
    expect(row_of(page, "Ana Quesada")).to_contain_text("Nominated")

    nominate(page, *DELEGATES[1])
    expect(places_left).to_have_text("0")
    expect(row_of(page, "Bruno Solís")).to_contain_text("Nominated")
    expect(
        page.get_by_text("All seats are taken: a new nomination goes on the waiting list.")
    ).to_be_visible()

    nominate(page, *DELEGATES[2])
    expect(page.get_by_role("status")).to_contain_text(
        "All seats are taken: Carla Vargas is on the waiting list"
    )
    expect(places_left).to_have_text("0 · 1 on the waiting list")
    expect(row_of(page, "Carla Vargas")).to_contain_text("On the waiting list")
    # Seat holders first, then the waiting list.
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(4)
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Ana Quesada")
    expect(rows.nth(2)).to_contain_text("Bruno Solís")
    expect(rows.nth(3)).to_contain_text("Carla Vargas")
    # A focal point withdraws, but does not decide.
    expect(page.get_by_role("link", name="Withdraw Ana Quesada")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Decide on "))).to_have_count(0)
    assert_accessible(page)  # the filled table, the waiting list and the form, in English

    page.goto(delegation["es"])
    expect(page.locator("#places-left")).to_have_text("0 · 1 en lista de espera")
    expect(row_of(page, "Carla Vargas")).to_contain_text("En lista de espera")
    expect(row_of(page, "Ana Quesada")).to_contain_text("Designada/o")
    assert_accessible(page)  # the filled table in Spanish
    page.goto(delegation["en"])
    expect(row_of(page, "Ana Quesada")).to_contain_text("Nominated")

    # The Technical Secretariat signs in with its second factor, opens Costa Rica's
    # delegation and confirms the first nomination.
    secretariat_context = page.context.browser.new_context(base_url=live_server_url, locale="en-US")
    secretariat = secretariat_context.new_page()
    secretariat.goto("/es/accounts/login/")
    sign_in(secretariat, delegation["secretariat"])
    expect(secretariat.get_by_role("heading", level=1)).to_have_text(
        "Autenticación de dos factores"
    )
    secretariat.get_by_label("Código").fill(
        totp_code(TOTP_SECRET, account="delegation-ts@example.org")
    )
    secretariat.get_by_role("button", name="Iniciar sesión").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Mi secretaría")

    secretariat.goto(delegation["en"] + "?country=CR")
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Delegation: Costa Rica")
    expect(secretariat.get_by_label("Country", exact=True)).to_have_value("CR")
    # The secretariat decides on every active nomination, the waiting one too.
    for given_name, family_name, _email in DELEGATES:
        expect(
            secretariat.get_by_role("link", name=f"Decide on {given_name} {family_name}")
        ).to_be_visible()
    expect(secretariat.locator("#places-left")).to_have_text("0 · 1 on the waiting list")
    assert_accessible(secretariat)
    secretariat.get_by_role("link", name="Decide on Ana Quesada").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Decide on a nomination")
    expect(secretariat.get_by_text("Ana Quesada (ana@example.org)")).to_be_visible()
    assert_accessible(secretariat)
    secretariat.get_by_role("button", name="Confirm the participation").click()
    expect(secretariat.get_by_role("status")).to_contain_text(
        "The participation of Ana Quesada is confirmed."
    )
    expect(secretariat).to_have_url(re.compile(re.escape(delegation["en"]) + r"\?country=CR$"))
    expect(row_of(secretariat, "Ana Quesada")).to_contain_text("Confirmed")
    secretariat_context.close()

    # The focal point reloads: the first is confirmed, the seats and the waiting list stay.
    page.reload()
    expect(row_of(page, "Ana Quesada")).to_contain_text("Confirmed")
    expect(row_of(page, "Bruno Solís")).to_contain_text("Nominated")
    expect(row_of(page, "Carla Vargas")).to_contain_text("On the waiting list")
    expect(page.locator("#places-left")).to_have_text("0 · 1 on the waiting list")
    assert_accessible(page)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path, title",
    [
        ("/es/reuniones/", TITLE_ES),
        ("/en/meetings/", TITLE_EN),
        (f"/es/reuniones/{SLUG}/", TITLE_ES),
        (f"/en/meetings/{SLUG}/", TITLE_EN),
    ],
    ids=["calendar-es", "calendar-en", "meeting-es", "meeting-en"],
)
def test_calendar_and_page_of_a_meeting_taking_nominations_are_accessible(
    page, delegation, path, title
):
    response = page.goto(path)
    assert response.status == 200
    if path.endswith(f"{SLUG}/"):
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_role("definition").filter(has_text=re.compile(r"^2$"))).to_be_visible()
    else:  # the calendar's default tab, meetings ahead: a table now
        expect(page.get_by_role("table").get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)
