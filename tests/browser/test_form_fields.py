"""Forms as a reader sees them: each checkbox with its own label after it on the same line (the
secretariat once read the ticked "Remind the focal points" as "Remind all the country's
officials"), and a failed submit's banner at the top, naming each error with its field's label,
linking to the field, and taking the focus so that screen readers read it."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET
from tests.browser.test_layout_widths import sign_in_as_secretariat

pytestmark = pytest.mark.browser

SECRETARIAT = "forms-ts@example.org"

# Each checkbox's label text, its box and the other checkboxes' boxes: the label's text must
# start right of its own box, overlap it vertically, and no other box may be nearer to it.
_CHECKBOXES = """
() => {
const shown = box => box.offsetParent && !box.closest('details:not([open])');
return Array.from(document.querySelectorAll('input[type=checkbox]')).filter(shown).map(box => {
  const label = box.labels[0];
  const range = document.createRange();
  range.selectNodeContents(label);
  const texts = Array.from(range.getClientRects()).filter(r => r.width > 0);
  const own = box.getBoundingClientRect();
  const text = texts.filter(r => r.left >= own.right - 1)[0] || texts[0];
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const distance = r => Math.hypot(centre(r)[0] - text.left, centre(r)[1] - centre(text)[1]);
  const nearest = Array.from(document.querySelectorAll('input[type=checkbox]'))
    .filter(shown)
    .sort((a, b) => distance(a.getBoundingClientRect()) - distance(b.getBoundingClientRect()))[0];
  return {
    label: label.textContent.trim(),
    checked: box.checked,
    textRightOfBox: text.left >= own.right,
    gap: text.left - own.right,
    overlaps: text.top < own.bottom && own.top < text.bottom,
    nearestIsOwn: nearest === box,
  };
})
}
"""


@pytest.fixture(scope="module")
def secretariat(puebla_command):
    puebla_command(
        "shell",
        "-c",
        "from puebla.accounts.roles import role_user_create\n"
        f"role_user_create('secretariat', email='{SECRETARIAT}', password='{PASSWORD}', "
        f"totp_secret='{TOTP_SECRET}')\n",
    )
    return SECRETARIAT


def assert_each_checkbox_beside_its_label(page) -> list[dict]:
    checkboxes = page.evaluate(_CHECKBOXES)
    assert checkboxes, f"no checkbox on {page.url}"
    wrong = [
        box
        for box in checkboxes
        if not (
            box["textRightOfBox"] and box["gap"] < 24 and box["overlaps"] and box["nearestIsOwn"]
        )
    ]
    assert not wrong, f"checkboxes away from their labels on {page.url}: {wrong}"
    return checkboxes


@pytest.mark.parametrize("width", [390, 1280])
def test_each_checkbox_sits_before_its_own_label(page, secretariat, width):
    sign_in_as_secretariat(page, secretariat)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/es/intranet/seguimiento/solicitudes/nueva/")
    boxes = {box["label"]: box for box in assert_each_checkbox_beside_its_label(page)}
    # The ticked box is the focal points', as its label says, and the officials' is not ticked.
    assert boxes["Recordar a los puntos focales"]["checked"]
    assert not boxes["Recordar a todos los funcionarios del país"]["checked"]
    expect(page.get_by_label("Recordar a los puntos focales")).to_be_checked()
    page.goto("/es/intranet/reuniones/nueva/")
    boxes = {box["label"]: box for box in assert_each_checkbox_beside_its_label(page)}
    assert "En línea" in boxes
    page.goto("/en/intranet/meetings/new/")
    assert_each_checkbox_beside_its_label(page)
    assert_accessible(page)


def test_a_failed_submit_lists_each_error_with_a_link_to_its_field(page, secretariat):
    sign_in_as_secretariat(page, secretariat)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/es/intranet/seguimiento/solicitudes/nueva/")
    page.get_by_role("button", name="Enviar la solicitud").click()
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text("Corrija los errores")
    # The focus is on the banner, so a screen reader reads it, and it is in view.
    expect(banner).to_be_focused()
    assert banner.bounding_box()["y"] < 800
    links = banner.get_by_role("link")
    assert links.count() >= 1
    for index in range(links.count()):
        link = links.nth(index)
        field_id = link.get_attribute("href").removeprefix("#")
        field = page.locator(f"[id='{field_id}']")
        expect(field).to_have_count(1)
        # The link names the field by its label.
        label = page.locator(f"label[for='{field_id}']").first
        if label.count():
            assert label.inner_text().rstrip(":").strip() in link.inner_text()
    # The due date's error, followed from the banner, leads to the due date.
    due = banner.get_by_role("link", name="Fecha límite")
    expect(due).to_be_visible()
    due.click()
    expect(page.locator("#id_due_date")).to_be_in_viewport()
    assert_accessible(page)
    # English, too.
    page.goto("/en/intranet/meetings/new/")
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert").get_by_role("link").first).to_be_visible()
    assert_accessible(page)
