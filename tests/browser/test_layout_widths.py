"""Lists, filters and forms at the widths people use (320 and 390 px phones, a 768 px tablet,
a 1,280 px laptop), in both languages, signed in as the Technical Secretariat (who sees the
most filters and the widest tables): no page scrolls sideways, no word is broken inside
("Órg ano", "Conf irma da"), no select is cut ("Toc"). The follow-up's completeness table,
with requests as columns, scrolls in its own labelled box with its headers in view."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.layout import layout_problems
from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET
from tests.roles import totp_code

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 768, 1280]
SECRETARIAT = "layout-ts@example.org"
MEETING = "layout-workshop"
REQUESTS = [
    ("Cambios en la legislación migratoria nacional", "Changes in national migration law"),
    (
        "Protección consular de personas migrantes en situación de vulnerabilidad",
        "Consular protection of migrants in vulnerable situations",
    ),
    ("Niñez migrante no acompañada", "Unaccompanied migrant children"),
    ("Estadísticas de retorno asistido", "Statistics of assisted return"),
    ("Trata de personas: casos identificados", "Trafficking in persons: identified cases"),
    ("Programas de integración", "Integration programmes"),
]


@pytest.fixture(scope="module")
def secretariat(puebla_command):
    """The secretariat's account, six requests to every member state (the completeness table's
    columns) and a meeting ahead with a confirmed delegate and one waiting (the calendar's and
    the delegation's tables)."""
    start = datetime.date.today() + datetime.timedelta(days=60)
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    script = (
        "import datetime\n"
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.directory.models import Country\n"
        "from puebla.followup.requests.services import input_request_create\n"
        "from puebla.meetings.delegations import nomination_confirm, nomination_create\n"
        "from puebla.meetings.services import meeting_create\n"
        f"ts = role_user_create('secretariat', email='{SECRETARIAT}', password='{PASSWORD}', "
        f"totp_secret='{TOTP_SECRET}')\n"
        f"for days, (es, en) in enumerate({REQUESTS!r}):\n"
        "    input_request_create(by=ts, all_member_states=True, title_es=es, title_en=en, "
        "due_date=datetime.date.today() + datetime.timedelta(days=10 + 7 * days))\n"
        "meeting = meeting_create(fields={"
        f"'slug': '{MEETING}', 'kind': 'workshop', 'audience': 'public', 'status': 'confirmed', "
        "'title_es': 'Taller sobre migración laboral y protección consular', "
        "'title_en': 'Workshop on labour migration and consular protection', "
        f"'start_date': datetime.date.fromisoformat('{start}'), 'start_precision': 'day', "
        f"'seats_per_country': 1, 'nomination_deadline': datetime.date.fromisoformat('{deadline}')"
        "}, by=None)\n"
        "costa_rica = Country.objects.get(iso_code='CR')\n"
        "for given, family, email in [('Ana', 'Quesada Villalobos', 'layout-ana@example.org'), "
        "('Bruno', 'Solís', 'layout-bruno@example.org')]:\n"
        "    made = nomination_create(meeting=meeting, country=costa_rica, by=ts, given_name=given, "
        "family_name=family, email=email, position='Directora de Protección Consular', "
        "institution='Ministerio de Relaciones Exteriores y Culto')\n"
        "nomination_confirm(nomination=meeting.nominations.order_by('pk').first(), by=ts)\n"
        # A statistics round to every member state: its page's table has a row each.
        "from puebla.stats.models import DataStructure\n"
        "from puebla.stats.services import round_create\n"
        "round_create(by=ts, structure=DataStructure.objects.get(key='RETURNS'), "
        "period_start='2026-Q1', period_end='2026-Q2', all_member_states=True, "
        "due_date=datetime.date.today() + datetime.timedelta(days=20))\n"
        # Published statistics: demo mode's example releases (eleven countries a table).
        "from puebla.stats.demo import demo_statistics_ensure\n"
        "demo_statistics_ensure()\n"
    )
    puebla_command("shell", "-c", script)
    return SECRETARIAT


def sign_in_as_secretariat(page, email: str) -> None:
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=email))
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi secretaría")


# The lists, filters and forms, in Spanish and in English.
PAGES = [
    "/es/buscar/?q=migrantes",
    "/en/search/?q=migrants",
    "/es/reuniones/",
    "/en/meetings/?when=past",
    "/es/plan-de-accion/",
    "/en/plan-of-action/?detail=all",
    "/es/documentos/",
    "/en/documents/",
    "/es/intranet/participantes/",
    "/en/intranet/participants/",
    "/es/intranet/reuniones/",
    "/en/intranet/meetings/",
    f"/es/intranet/reuniones/{MEETING}/delegacion/",
    f"/en/intranet/meetings/{MEETING}/delegation/",
    "/es/intranet/seguimiento/solicitudes/",
    "/en/intranet/follow-up/requests/",
    "/es/intranet/seguimiento/completitud/",
    "/en/intranet/follow-up/completeness/",
    "/es/intranet/seguimiento/solicitudes/nueva/",
    "/en/intranet/meetings/new/",
    # Statistics: the rounds, a new round, the first round's countries.
    "/es/intranet/estadisticas/rondas/",
    "/en/intranet/statistics/rounds/new/",
    "/es/intranet/estadisticas/rondas/1/",
    "/en/intranet/statistics/rounds/1/",
    # The public statistics: the index, a release's chart, table and files.
    "/es/estadisticas/",
    "/es/estadisticas/RETURNS/",
    "/en/statistics/ENTRIES_EXITS/?flow=EXIT",
    # The search thesaurus (its pairs' sources are long lines with addresses).
    "/es/intranet/tesauro/?q=trata",
    "/en/intranet/thesaurus/new/",
]


def test_lists_filters_and_forms_fit_every_width_without_breaking_a_word(page, secretariat):
    sign_in_as_secretariat(page, secretariat)
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in PAGES:
            response = page.goto(path)
            assert response.status == 200, path
            if found := layout_problems(page):
                problems[f"{path} at {width} px"] = found
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())
    # At the narrowest width, the pages' accessibility with their tables scrolling in place.
    page.set_viewport_size({"width": 320, "height": 900})
    for path in (
        "/es/reuniones/",
        "/es/intranet/participantes/",
        PAGES[16],
        "/es/estadisticas/RETURNS/",
    ):
        page.goto(path)
        assert_accessible(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_completeness_has_countries_as_rows_and_scrolls_in_a_labelled_box(page, secretariat, width):
    sign_in_as_secretariat(page, secretariat)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/es/intranet/seguimiento/completitud/")
    box = page.get_by_role("region", name="Estado de cada solicitud, por país")
    table = box.get_by_role("table")
    # A row per country, a column per request.
    expect(table.get_by_role("rowheader", name="Costa Rica")).to_be_visible()
    expect(table.get_by_role("columnheader", name=REQUESTS[0][0])).to_be_visible()
    costa_rica = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Costa Rica")
    )
    requests = table.get_by_role("columnheader").count() - 1  # other modules' requests too
    assert requests >= len(REQUESTS)
    expect(costa_rica.get_by_role("cell")).to_have_count(requests)
    # The box, not the page, scrolls: wider than the box, and the page no wider than the window.
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # By keyboard: the box takes the focus and the arrow keys scroll it; the countries' column
    # and the requests' row stay in view.
    box.focus()
    expect(box).to_be_focused()
    country = table.get_by_role("rowheader", name="Costa Rica")
    before = country.bounding_box()["x"]
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.completeness-scroll').scrollLeft > 0", timeout=5000
    )
    assert abs(country.bounding_box()["x"] - before) < 1, "the countries' column scrolled away"
    header = table.get_by_role("columnheader", name="País", exact=True)
    assert abs(header.bounding_box()["x"] - before) < 1
    assert_accessible(page)
