"""The secretariat confirms delegations in bulk, in Spanish, at a phone's width and by keyboard,
in a real browser (issue 29, items 12 and 3).

Costa Rica has nominated Ana and Bruno and Guatemala (which has no focal point) Gabriela, for a
workshop with two seats per country. From the intranet's list of meetings the secretariat opens
the meeting's delegations page: every country with its seats left, nominated, confirmed and
waiting. It ticks Ana, Bruno and Gabriela by keyboard; meanwhile Costa Rica withdraws Bruno; it
confirms the ticked ones in one go: Ana and Gabriela are confirmed, Bruno is refused and the
page says why. The participant list downloads in one click from the same page. Guatemala's
official is told to write to the Technical Secretariat, at its address in the directory. Each
page fits 390 px, keeps its words whole, and passes axe.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.support import assert_accessible, save_screenshot
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET
from tests.roles import totp_code

pytestmark = pytest.mark.browser

SLUG = "bulk-confirmation-workshop"
TITLE_ES = "Taller sobre protección consular (confirmación en bloque)"
SECRETARIAT = "bulk-ts@example.org"
FOCAL_POINT = "bulk-focal@example.org"
GUATEMALA = "bulk-gt@example.org"


@pytest.fixture(scope="module")
def meeting(puebla_command):
    """The meeting, the three nominations (through the services, as the focal point and the
    secretariat would make them) and the accounts, made once."""
    today = datetime.date.today()
    start, deadline = today + datetime.timedelta(days=60), today + datetime.timedelta(days=30)
    script = (
        "import datetime\n"
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.directory.models import Country\n"
        "from puebla.meetings.delegations import nomination_create\n"
        "from puebla.meetings.services import meeting_create\n"
        f"focal = role_user_create('focal_point_a', email='{FOCAL_POINT}', password='{PASSWORD}')\n"
        f"ts = role_user_create('secretariat', email='{SECRETARIAT}', password='{PASSWORD}', "
        f"totp_secret='{TOTP_SECRET}')\n"
        f"role_user_create('official_b', email='{GUATEMALA}', password='{PASSWORD}')\n"
        "meeting = meeting_create(fields={"
        f"'slug': '{SLUG}', 'kind': 'workshop', 'audience': 'members', 'status': 'confirmed', "
        f"'title_es': '{TITLE_ES}', 'title_en': 'Workshop on consular protection (bulk)', "
        f"'start_date': datetime.date.fromisoformat('{start}'), 'start_precision': 'day', "
        f"'seats_per_country': 2, 'nomination_deadline': datetime.date.fromisoformat('{deadline}')"
        "}, by=None)\n"
        "for country, by, given, family in (('CR', focal, 'Ana', 'Quesada'), "
        "('CR', focal, 'Bruno', 'Solís'), ('GT', ts, 'Gabriela', 'Pérez')):\n"
        "    nomination_create(meeting=meeting, country=Country.objects.get(iso_code=country), "
        "by=by, given_name=given, family_name=family, email=f'{given.lower()}.bulk@example.org')\n"
    )
    puebla_command("shell", "-c", script)
    return SLUG


def spanish(name: str, *args) -> str:
    with translation.override("es"):
        return reverse(name, args=args)


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def words_split_in(page) -> list[str]:
    """The texts of stacked table cells that wrap although none of their words is longer than
    the cell: a word split letter by letter, as "Conf irma da" was."""
    return page.evaluate(
        """() => [...document.querySelectorAll('table.stacked td, table.stacked th')]
          .filter(cell => cell.offsetParent !== null && cell.innerText.trim())
          .filter(cell => {
            const range = document.createRange();
            const words = [];
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode;
              for (const match of node.textContent.matchAll(/\\S+/g)) {
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                if (range.getClientRects().length > 1) words.push(match[0]);
              }
            }
            cell.dataset.split = words.join(' ');
            return words.length > 0;
          })
          .map(cell => cell.dataset.split)"""
    )


def sign_in(page, email: str, *, totp: bool) -> None:
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_label("Contraseña").press("Enter")
    if totp:
        page.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=email))
        page.get_by_label("Código").press("Enter")


def labels(row) -> list[str]:
    """What a phone shows before each cell of `row`: its column's name (CSS generated text)."""
    return row.get_by_role("cell").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content"
        ".replace(/^\"|\"$/g, ''))"
    )


def row(page, header: str):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=header))


def test_the_secretariat_confirms_a_delegation_in_bulk_by_keyboard_in_spanish(
    page, meeting, puebla_command
):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(spanish("meetings:intranet_list"))
    sign_in(page, SECRETARIAT, totp=True)
    page.wait_for_url(f"**{spanish('meetings:intranet_list')}")
    assert fits_the_width(page)
    assert words_split_in(page) == []
    assert_accessible(page)

    # From the meeting's entry in the list: its delegations, and its participants' exports.
    entry = page.get_by_role("row").filter(has_text=TITLE_ES)
    expect(
        entry.get_by_role("link", name=f"Descargar la lista de participantes de {TITLE_ES} (XLSX)")
    ).to_have_attribute("href", spanish("meetings:participants_export", meeting, "xlsx"))
    entry.get_by_role("link", name=f"Delegaciones: {TITLE_ES}").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{spanish('meetings:delegations', meeting)}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegaciones")

    # Every country: seats left, nominated, confirmed, waiting, focal points (each cell shows
    # its column's name before it at this width: labels(), below).
    costa_rica = row(page, "Costa Rica")
    expect(costa_rica.get_by_role("cell")).to_have_text(["0", "2", "0", "0", re.compile("Demo")])
    expect(row(page, "Guatemala").get_by_role("cell")).to_have_text(
        ["1", "1", "0", "0", "ninguno en Puebla"]
    )
    assert labels(costa_rica) == [
        "Cupos disponibles: ",
        "Designada/o: ",
        "Confirmada: ",
        "En espera: ",
        "Puntos focales: ",
    ]
    assert fits_the_width(page)
    assert words_split_in(page) == []
    assert_accessible(page)

    # Nothing ticked: the page says so, and confirms nothing.
    page.get_by_role("button", name="Confirmar las designaciones marcadas").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text(
        "Marque al menos una designación para confirmarla."
    )
    assert_accessible(page)

    # Ana, Bruno and Gabriela ticked by keyboard, in the page's order (by country).
    ana = page.get_by_role("checkbox", name="Ana Quesada")
    ana.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name="Bruno Solís")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name="Gabriela Pérez")).to_be_focused()
    page.keyboard.press("Space")
    for name in ("Ana Quesada", "Bruno Solís", "Gabriela Pérez"):
        expect(page.get_by_role("checkbox", name=name)).to_be_checked()

    # Meanwhile Costa Rica's focal point withdraws Bruno.
    puebla_command(
        "shell",
        "-c",
        "from puebla.accounts.models import User\n"
        "from puebla.meetings.delegations import nomination_withdraw\n"
        "from puebla.meetings.models import Nomination\n"
        f"nomination_withdraw(nomination=Nomination.objects.get(email='bruno.bulk@example.org'), "
        f"by=User.objects.get(email='{FOCAL_POINT}'))\n",
    )
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Confirmar las designaciones marcadas")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{spanish('meetings:delegations', meeting)}")

    status = page.get_by_role("status")
    expect(status).to_contain_text("Se confirmaron 2 participaciones: Ana Quesada, Gabriela Pérez.")
    expect(status).to_contain_text(
        "No se confirmó: Bruno Solís (Costa Rica). Solo se puede confirmar una designación que "
        "ocupa un cupo; esta está: Retirada."
    )
    expect(costa_rica.get_by_role("cell").nth(2)).to_have_text("1")
    expect(row(page, "Guatemala").get_by_role("cell").nth(2)).to_have_text("1")
    expect(page.get_by_text("No hay designaciones pendientes de confirmación.")).to_be_visible()
    assert fits_the_width(page)
    assert words_split_in(page) == []
    assert_accessible(page)
    save_screenshot(page, "bulk-confirmation-delegations-es-390")

    # The participant list, one click away: the spreadsheet downloads.
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar la lista de participantes (XLSX)").focus()
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"{meeting}-participants.xlsx"

    # Costa Rica's delegation page, as narrow: the statuses read whole.
    costa_rica.get_by_role("link", name="Costa Rica").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegación: Costa Rica")
    ana_row = page.get_by_role("row").filter(has_text="Ana Quesada")
    expect(ana_row.get_by_role("cell").filter(has_text=re.compile(r"^Confirmada$"))).to_be_visible()
    assert fits_the_width(page)
    assert words_split_in(page) == []
    assert_accessible(page)


def test_guatemalas_official_is_told_to_write_to_the_secretariat(page, meeting):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(spanish("meetings:delegation", meeting))
    sign_in(page, GUATEMALA, totp=False)
    page.wait_for_url(f"**{spanish('meetings:delegation', meeting)}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegación: Guatemala")
    expect(page.locator("#who-nominates")).to_contain_text(
        "Su país no tiene un punto focal en Puebla que designe a sus delegados. Escriba a la "
        "Secretaría Técnica a cmst@iom.int"
    )
    expect(page.get_by_role("link", name="cmst@iom.int")).to_have_attribute(
        "href", "mailto:cmst@iom.int"
    )
    assert fits_the_width(page)
    assert_accessible(page)
