"""Every public page, in both languages and both colour schemes (Pico CSS has a dark theme for
readers whose system asks for one), has no serious or critical axe-core violation."""

import pytest

from tests.browser.support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("color_scheme", ["light", "dark"])]

PUBLIC_PAGES = [
    "/es/",
    "/en/",
    "/es/miembros/",
    "/en/members/",
    "/es/estructura/",
    "/en/structure/",
    "/es/presidencias/",
    "/en/presidencies/",
    "/es/contacto/",
    "/en/contact/",
    "/es/reuniones/",
    "/en/meetings/",
    "/es/reuniones/xxi-rcm/",
    "/en/meetings/xxi-rcm/",
    "/es/documentos/",
    "/en/documents/",
    "/es/documentos/plan-of-action/",
    "/en/documents/historical-plan-of-action/",
    "/es/buscar/?q=migrantes",
    "/en/search/?q=migrants",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert_accessible(page)


def test_not_found_page_is_accessible(page):
    response = page.goto("/es/no-existe/")
    assert response.status == 404
    assert_accessible(page)
