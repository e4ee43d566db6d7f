"""A member-state official reads a published comparative matrix in Spanish, on a phone's width,
in a real browser (issue 29, item 17).

The secretariat published Costa Rica's changes to the member states; Guatemala's, submitted
after publication, are not published. From the intranet's menu, "Matrices comparativas
publicadas" lists the matrix; its page shows the published changes only, says which columns
are built in, offers its files, fits 390 px and passes axe.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD

pytestmark = pytest.mark.browser

OFFICIAL = "pm-official@example.org"


@pytest.fixture(scope="module")
def published(puebla_command):
    puebla_command(
        "shell",
        "-c",
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.directory.models import Country\n"
        "from puebla.followup.matrix import services as matrix\n"
        "from puebla.meetings.services import meeting_create\n"
        "ts = role_user_create('secretariat', email='pm-ts@example.org', "
        f"password='{PASSWORD}')\n"
        f"role_user_create('official_a', email='{OFFICIAL}', password='{PASSWORD}')\n"
        "meeting = meeting_create(fields={'kind': 'rcgm', 'slug': 'pm-rcgm', "
        "'title_es': 'GRCM de prueba publicada', 'title_en': 'Published test RCGM', "
        "'audience': 'members', 'start_date': '2026-06-10', 'start_precision': 'day'}, by=None)\n"
        "cycle = matrix.cycle_create(meeting=meeting, by=ts)\n"
        "topic = matrix.topic_add(cycle=cycle, by=ts, key='asilo', title_es='Protección "
        "internacional y asilo', title_en='International protection and asylum')\n"
        "matrix.entry_save(topic=topic, country=Country.objects.get(iso_code='CR'), by=ts, "
        "legislation='Reforma a la Ley General de Migración y Extranjería (2026)', submit=True)\n"
        "matrix.cycle_publish(cycle=cycle, by=ts, audience='members')\n"
        "matrix.entry_save(topic=topic, country=Country.objects.get(iso_code='GT'), by=ts, "
        "policy='Texto de Guatemala sin publicar', submit=True)\n",
    )


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_member_official_reads_a_published_matrix_in_spanish_on_a_phone(page, published):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(OFFICIAL)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_label("Contraseña").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi secretaría")

    page.get_by_role("link", name="Matrices comparativas publicadas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Matrices comparativas publicadas")
    assert fits_the_width(page)
    assert_accessible(page)

    page.get_by_role("link", name="GRCM de prueba publicada — 10 de junio de 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Matriz comparativa publicada: GRCM de prueba publicada — 10 de junio de 2026"
    )
    expect(page.get_by_text("Este es el primer ciclo")).to_be_visible()
    expect(page.get_by_text("Todo tema tiene tres columnas fijas")).to_be_visible()
    matrix = page.get_by_role("region", name="Matriz comparativa")
    expect(
        matrix.get_by_role("columnheader", name="Protección internacional y asilo")
    ).to_be_visible()
    costa_rica = matrix.get_by_role("row").filter(has_text="Costa Rica")
    expect(costa_rica).to_contain_text("Reforma a la Ley General de Migración y Extranjería")
    expect(page.get_by_text("Texto de Guatemala sin publicar")).to_have_count(0)
    expect(page.get_by_text("desde el ciclo anterior")).to_have_count(0)
    expect(page.get_by_role("link", name="Hoja de cálculo (XLSX), en español")).to_be_visible()
    assert fits_the_width(page)
    assert_accessible(page)
