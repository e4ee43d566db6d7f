"""The keyboard: the skip link passes every menu, the intranet's included, and lands in the
main content; the focus ring stands out at least 3:1 from the page in the light and dark
themes (WCAG 2.2), computed from the browser's styles; the sign-in page opens with the cursor
in its e-mail field."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD

pytestmark = pytest.mark.browser

FOCAL_POINT = "keyboard-focal@example.org"


@pytest.fixture(scope="module")
def focal_point(puebla_command):
    puebla_command(
        "shell",
        "-c",
        "from puebla.accounts.roles import role_user_create\n"
        f"role_user_create('focal_point_a', email='{FOCAL_POINT}', password='{PASSWORD}')\n",
    )
    return FOCAL_POINT


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          return {
            tag: element.tagName.toLowerCase(),
            text: (element.innerText || element.value || '').trim().slice(0, 60),
            inMain: !!element.closest('main'),
            inMenu: !!element.closest('nav'),
          };
        }"""
    )


def test_sign_in_page_opens_in_the_email_field(page):
    page.goto("/es/accounts/login/")
    expect(page.get_by_label("Correo electrónico")).to_be_focused()
    page.goto("/en/accounts/login/")
    expect(page.get_by_label("Email")).to_be_focused()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/es/reuniones/", "/es/intranet/", "/en/intranet/notices/"])
def test_skip_link_lands_in_the_main_content_past_every_menu(page, focal_point, path):
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(focal_point)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    page.goto(path)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal").or_(
        page.get_by_role("link", name="Skip to main content")
    )
    expect(skip).to_be_focused()
    # Its target is the main content, and the intranet's menu is not inside it.
    target = skip.get_attribute("href")
    assert page.evaluate(f"document.querySelector('{target}').tagName") == "MAIN"
    assert page.locator(f"main{target} nav.intranet-nav").count() == 0
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    now = focused(page)
    assert now["inMain"] and not now["inMenu"], f"one Tab after the skip link: {now}"


def _relative_luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple, second: tuple) -> float:
    lighter, darker = sorted(
        (_relative_luminance(first), _relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


# The focused element's ring (its outline; without one, the colour of its box-shadow) and the
# page's background, as the browser computes them: colours come back as rgb()/rgba().
_RING = """
() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const parse = (text) => (text.match(/rgba?\\(([^)]+)\\)/) || [null, '0,0,0,0'])[1]
    .split(/[ ,\\/]+/).filter(Boolean).map(Number);
  let background = [0, 0, 0, 0];
  for (let node = element; node && background[3] === 0; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if ((colour[3] ?? 1) > 0 && node !== element) background = [colour[0], colour[1], colour[2], 1];
  }
  if (background[3] === 0) {
    const root = parse(getComputedStyle(document.documentElement).backgroundColor);
    background = [root[0], root[1], root[2], 1];
  }
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {
    element: element.tagName.toLowerCase() + (element.type ? `[type=${element.type}]` : ''),
    ring: outline ? parse(style.outlineColor) : parse(style.boxShadow),
    width: outline ? parseFloat(style.outlineWidth) : 0,
    background,
  };
}
"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_focus_ring_has_at_least_3_to_1_contrast(page, color_scheme):
    page.goto("/es/buscar/?q=migrantes")
    rings = []
    # Tab through the page's first elements: links, the search field, the selects, the button.
    for _ in range(25):
        page.keyboard.press("Tab")
        rings.append(page.evaluate(_RING))
    kinds = {ring["element"] for ring in rings}
    assert {"a", "input[type=search]", "select[type=select-one]", "button[type=submit]"} <= kinds
    weak = []
    for ring in rings:
        colour, alpha = tuple(ring["ring"][:3]), ring["ring"][3] if len(ring["ring"]) > 3 else 1
        ratio = contrast(colour, tuple(ring["background"][:3]))
        if alpha < 1 or ratio < 3 or ring["width"] < 2:
            weak.append({**ring, "contrast": round(ratio, 2), "alpha": alpha})
    assert not weak, f"focus rings under 3:1, translucent or thinner than 2 px: {weak}"
    assert_accessible(page)
