"""A first visitor opens the home page in Spanish on a phone (390 px): it says what the RCM is
(quoted from the seeds, with where it comes from), the meetings (the next ones, or the latest
held, said so), the latest documents, and the presidency line names the latest on record
before saying this year's is not recorded. Nothing scrolls sideways; axe finds nothing serious.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser


def test_a_first_visit_to_the_home_page_in_spanish_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/")  # the root picks Spanish from the browser's language (es-CR)
    expect(page).to_have_url(re.compile(r"/es/$"))
    main = page.get_by_role("main")
    expect(main.locator("blockquote.about-rcm").first).to_contain_text(
        "La Conferencia Regional sobre Migración (CRM) es un foro regional intergubernamental"
    )
    expect(main).to_contain_text("Sobre esta información: Texto de la sección «Background»")

    meetings = page.get_by_role("region", name=re.compile("reuniones"))
    expect(meetings.get_by_role("heading", level=2)).to_have_text(
        re.compile("Próximas reuniones|Últimas reuniones celebradas")
    )
    expect(meetings.get_by_role("listitem").first).to_be_visible()
    documents = page.get_by_role("region", name="Documentos más recientes")
    expect(documents.get_by_role("listitem")).to_have_count(5)
    expect(documents).not_to_contain_text("no hay archivo")

    presidency = page.get_by_role("region", name="Presidencia Pro Tempore")
    expect(presidency).to_contain_text(
        re.compile(
            r"más reciente registrada es la de \d{4}: [^.]+\.\s+La presidencia de \d{4} aún no"
        )
    )
    # The opening says what the RCM is, not what is missing.
    text = main.inner_text()
    assert text.index("foro regional intergubernamental") < text.index("aún no está registrada")

    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert_accessible(page)

    # "Todos los documentos": the library says once whom to ask for a document without a file.
    documents.get_by_role("link", name="Todos los documentos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documentos")
    expect(page.get_by_text("la Secretaría Técnica puede indicar dónde obtenerlo")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert_accessible(page)
