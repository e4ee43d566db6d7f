"""The Technical Secretariat changes the Reserve Fund's ceiling per case in a real browser, in
Spanish, at a phone's width (390 px) and by keyboard only (issue 30, fidelity problem 8).

The settings page says that its values are Puebla's starting values, not rules of the RCM; the
secretariat types a new ceiling and saves it with the keyboard; the page then shows the new
ceiling, no longer marked as Puebla's, and the history names who changed it from what to what.
Each page fits the width and passes axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    assert_accessible,
    create_secretariat,
    fits_the_width,
    save_screenshot,
    spanish,
)
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET
from tests.roles import totp_code

pytestmark = pytest.mark.browser

SECRETARIAT = "fund-settings-ts@example.org"


@pytest.fixture(scope="module")
def secretariat(puebla_command):
    return create_secretariat(puebla_command, SECRETARIAT)


def sign_in_by_keyboard(page, email: str) -> None:
    page.get_by_label("Correo electrónico").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Contraseña")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_label("Código").focus()
    page.keyboard.type(totp_code(TOTP_SECRET, account=email))
    page.keyboard.press("Enter")


def test_the_secretariat_changes_the_ceiling_in_spanish_at_390_px_by_keyboard(page, secretariat):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(spanish("fund:settings"))
    sign_in_by_keyboard(page, secretariat)
    page.wait_for_url(f"**{spanish('fund:settings')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Configuración del Fondo de Reserva")
    expect(page.locator("#puebla-defaults-note")).to_contain_text(
        "Valores iniciales de Puebla, no reglas de la CRM; la Secretaría Técnica los define."
    )
    ceiling = page.locator("section", has=page.locator("#ceiling-heading"))
    expect(ceiling).to_contain_text("Actualmente: USD 1\xa0000 por caso.")
    expect(ceiling).to_contain_text("Valor inicial de Puebla")
    assert fits_the_width(page)
    assert_accessible(page)

    # The amount, then the currency, then the button: in that order by Tab.
    amount = page.get_by_role("spinbutton", name="Monto máximo por caso")
    amount.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("750")
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Moneda")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Guardar el monto máximo")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{spanish('fund:settings')}")

    expect(page.get_by_role("status")).to_contain_text("Se guardó el monto máximo por caso.")
    expect(ceiling).to_contain_text("Actualmente: USD 750 por caso.")
    expect(ceiling).not_to_contain_text("Valor inicial de Puebla")
    history = page.locator("section", has=page.locator("#history-heading"))
    expect(history.get_by_role("listitem").first).to_contain_text(
        "monto máximo por caso: 1000.00 → 750.00"
    )
    assert fits_the_width(page)
    assert_accessible(page)
    save_screenshot(page, "fund-settings-ceiling-es-390")

    # A wrong currency is refused with its reason, in Spanish, and nothing changes.
    page.get_by_role("textbox", name="Moneda").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("EUR")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(
        "El Fondo lleva sus cuentas y los costos de los casos en dólares estadounidenses: "
        "indique el monto máximo en USD."
    )
    assert fits_the_width(page)
    assert_accessible(page)
