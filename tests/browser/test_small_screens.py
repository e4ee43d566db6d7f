"""Every page fits a phone's width: nothing scrolls sideways at 390 or 320 CSS pixels, and the
intranet's content is not pushed below the fold by its menu."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_accessibility import PUBLIC_PAGES

pytestmark = pytest.mark.browser

WIDTHS = [390, 320]


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_fit_the_screen(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    wide = {}
    for path in PUBLIC_PAGES:
        page.goto(path)
        if overflow(page) > 0:
            wide[path] = overflow(page)
    assert not wide, f"pages wider than {width} px (by how much): {wide}"
    page.goto(PUBLIC_PAGES[0])
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_intranet_pages_fit_and_show_their_content_first(page, width, puebla_command):
    puebla_command(
        "shell",
        "-c",
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.accounts.models import User\n"
        "User.objects.filter(email='narrow@example.org').exists() or role_user_create("
        "'focal_point_a', email='narrow@example.org', password='a-narrow-screen-password-1')\n",
    )
    page.set_viewport_size({"width": width, "height": 700})
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill("narrow@example.org")
    page.get_by_label("Contraseña").fill("a-narrow-screen-password-1")
    page.get_by_role("button", name="Iniciar sesión").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Mi secretaría")
    box = heading.bounding_box()
    assert box["y"] + box["height"] < 700, "the page's heading is below the fold"
    for path in (
        "/es/intranet/",
        "/es/intranet/avisos/",
        "/es/intranet/participantes/",
        "/es/accounts/sessions/",
    ):
        page.goto(path)
        assert overflow(page) <= 0, f"{path} is wider than {width} px"
        assert_accessible(page)
