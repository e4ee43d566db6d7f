"""The secretariat adds a document of a meeting that Puebla holds no file of, in Spanish, at a
phone's width and by keyboard, in a real browser.

From the XXIV RCM's edit page, "Añadir un documento a esta reunión" opens the document form
with the meeting chosen; the document is saved with the address where it is kept; the public
meeting page lists it with a link to read it there, and its own page says Puebla holds no file
of it and gives the address. Each page fits 390 px and passes axe.
"""

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

SECRETARIAT = "md-ts@example.org"
CONCEPT_NOTE = "https://example.org/xxiv-rcm/nota-conceptual.pdf"


@pytest.fixture(scope="module")
def secretariat(puebla_command):
    return create_secretariat(puebla_command, SECRETARIAT)


def test_a_meetings_document_kept_elsewhere_is_added_from_the_meeting(page, secretariat):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(spanish("meetings:edit", "xxiv-rcm"))
    page.get_by_label("Correo electrónico").fill(secretariat)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_label("Contraseña").press("Enter")
    page.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=secretariat))
    page.get_by_label("Código").press("Enter")
    page.wait_for_url(f"**{spanish('meetings:edit', 'xxiv-rcm')}")

    add = page.get_by_role("link", name="Añadir un documento a esta reunión")
    add.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{spanish('documents:new')}?meeting=*")
    expect(page.locator("#id_meeting option:checked")).to_have_text(
        "XXIV Regional Conference on Migration"
    )
    assert fits_the_width(page)
    assert_accessible(page)

    page.locator("#id_slug").fill("xxiv-rcm-nota-conceptual")
    page.locator("#id_kind").select_option("other")
    page.locator("#id_title_es").fill("Nota conceptual de la XXIV CRM")
    page.locator("#id_external_url").fill(CONCEPT_NOTE)
    page.locator("#id_audience").select_option("public")
    page.locator("#id_audience").press("Tab")
    page.get_by_role("button", name="Guardar el documento").press("Enter")
    # Saved: its files page comes next, where a file can still be added.
    expect(page.get_by_role("heading", level=1)).to_have_text("Archivos de un documento")

    page.goto(spanish("meetings:meeting", "xxiv-rcm"))
    item = page.get_by_role("listitem").filter(has_text="Nota conceptual de la XXIV CRM")
    expect(item.get_by_role("link", name="leerlo donde se conserva")).to_have_attribute(
        "href", CONCEPT_NOTE
    )
    assert fits_the_width(page)
    assert_accessible(page)

    item.get_by_role("link", name="Nota conceptual de la XXIV CRM").click()
    expect(
        page.get_by_text("Puebla no tiene archivo de este documento; puede leerse")
    ).to_be_visible()
    expect(page.get_by_role("link", name=CONCEPT_NOTE)).to_have_attribute("href", CONCEPT_NOTE)
    assert fits_the_width(page)
    assert_accessible(page)
