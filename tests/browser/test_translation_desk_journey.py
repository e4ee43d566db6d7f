"""The secretariat translates a Plan of Action activity at the translation desk, in Spanish, on a
phone (390 px) and by keyboard, in a real browser (issue 30, part 1).

From "Mi secretaría" (which counts what waits) to the desk, to the plan items to translate;
it finds activity 2.2.1 by words of its English original, writes the Spanish beside it and
saves. The public page then shows the Spanish text marked as the Technical Secretariat's
translation, no longer "not yet translated", and the Spanish XLSX export carries it with the
same note. Every page fits 390 px and passes axe.
"""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.support import (
    PASSWORD,
    TOTP_SECRET,
    assert_accessible,
    create_secretariat,
    fits_the_width,
    save_screenshot,
    spanish,
)
from tests.roles import totp_code

pytestmark = pytest.mark.browser

SECRETARIAT = "desk-ts@example.org"
ORIGINAL = "IOM manual on the detection of fraudulent documents"
SPANISH = "Manual de la OIM sobre la detección de documentos fraudulentos"
TRANSLATED = "(traducido por la Secretaría Técnica)"


@pytest.fixture(scope="module")
def secretariat(puebla_command):
    return create_secretariat(puebla_command, SECRETARIAT)


def press(page, role: str, name) -> None:
    page.get_by_role(role, name=name).first.focus()
    page.keyboard.press("Enter")


def checked(page) -> None:
    assert fits_the_width(page)
    assert_accessible(page)


def test_the_secretariat_translates_a_plan_activity_and_the_export_carries_it(page, secretariat):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(spanish("intranet:home"))
    page.get_by_label("Correo electrónico").fill(secretariat)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_label("Contraseña").press("Enter")
    page.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=secretariat))
    page.get_by_label("Código").press("Enter")
    page.wait_for_url(f"**{spanish('intranet:home')}")
    panel = page.locator(
        "section", has=page.get_by_role("heading", name="Escritorio de traducción")
    )
    expect(panel).to_contain_text(re.compile(r"\d+ registros tienen textos solo en inglés"))
    checked(page)

    press(page, "link", "Abrir el escritorio de traducción")
    expect(page.get_by_role("heading", level=1)).to_have_text("Escritorio de traducción")
    checked(page)
    save_screenshot(page, "translation-desk-es-390")
    press(page, "link", "Elementos del plan — español")
    expect(page.get_by_role("heading", level=1)).to_have_text("Elementos del plan por traducir")
    checked(page)

    page.get_by_label("El original contiene").focus()
    page.keyboard.type(ORIGINAL)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q="))
    found = page.locator(".desk-records > li")
    expect(found).to_have_count(1)
    found.filter(has_text="2.2.1").get_by_role("link", name=re.compile("^Traducir.*texto")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Traducir un texto")
    expect(page.locator("blockquote[lang=en]")).to_contain_text(ORIGINAL)
    checked(page)
    save_screenshot(page, "translation-desk-translate-es-390")
    page.get_by_role("textbox", name="Traducción").focus()
    page.keyboard.type(SPANISH)
    press(page, "button", "Guardar la traducción")
    expect(page.locator("main")).to_contain_text("La traducción quedó guardada")
    # 2.2.1 waits for its schedule only ("In progress").
    activity = found.filter(has_text="2.2.1")
    expect(activity.get_by_role("link", name=re.compile("^Traducir.*texto"))).to_have_count(0)
    expect(activity.get_by_role("link", name=re.compile("^Traducir.*cronograma"))).to_have_count(1)
    checked(page)

    page.goto("/es/plan-de-accion/?detail=all")
    activity = page.locator("li.plan-level-4").filter(has_text="2.2.1")
    text = activity.first.get_by_role("link").first  # its schedule is still in English
    expect(text).to_have_text(f"2.2.1 {SPANISH} {TRANSLATED}")
    download_button = page.get_by_role("button", name="Descargar XLSX (español)")
    download_button.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    sheet = load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert f"2.2.1 {SPANISH} {TRANSLATED}" in cells
