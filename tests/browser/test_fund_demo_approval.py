"""The Reserve Fund's two-officer approval tried with the demo accounts, in Spanish, by
keyboard: a Puebla set up in demo mode (DEMO=1) has two fund officers and an opening
contribution marked as demo data. A demo official of Costa Rica files a request; the first
officer reviews it and is told on the case page why they cannot approve it (no link to a dead
end, no "withdraw"); the second approves it. axe checks each page."""

import json

import pytest
from playwright.sync_api import expect

from bench.server import PueblaServer
from tests.browser.support import assert_accessible, save_screenshot
from tests.migrated import migrated_database
from tests.roles import totp_code

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """`puebla setup` in demo mode, then `puebla serve`: its own data and database."""
    data = tmp_path_factory.mktemp("puebla-demo")
    with migrated_database(data, "demo") as database_url:
        server = PueblaServer(data, database_url=database_url, env={"DEMO": "1"})
        setup = server.command("setup")
        assert "demo opening contribution of USD 5000.00 recorded" in setup.stdout
        server.start()
        yield server
        server.stop()


@pytest.fixture(scope="module")
def demo(demo_server):
    """The demo accounts (as `puebla setup` printed and kept them) and a request filed by the
    demo official of Costa Rica, through the services."""
    accounts = {
        entry["role"]: entry
        for entry in json.loads((demo_server.data_dir / "demo-accounts.json").read_text())
    }
    script = (
        "import datetime\n"
        "from django.utils import timezone\n"
        "from puebla.accounts.models import User\n"
        "from puebla.directory.models import Country\n"
        "from puebla.fund import services\n"
        "official = User.objects.get(email='demo-official-a@puebla.invalid')\n"
        "today = timezone.localdate()\n"
        "case = services.case_create(by=official, fields={"
        "'category': 'unaccompanied_child', 'departure_country': Country.objects.get(iso_code='CR'),"
        "'return_country': Country.objects.get(iso_code='GT'), 'cost': '850.00',"
        "'return_plan': 'Bus con acompañante hasta Ciudad de Guatemala.',"
        "'national_programmes_gap': 'Ningún programa nacional cubre el acompañante.',"
        "'decision_on': today - datetime.timedelta(days=2), 'decision_language': 'español',"
        "'decision_by': 'Trabajadora social del albergue',"
        "'guardian_authority': 'Patronato Nacional de la Infancia'},"
        "identity={'given_names': 'Persona', 'family_names': 'De Demostración',"
        "'birth_date': today.replace(year=today.year - 15)})\n"
        "services.case_submit(case=case, by=official)\n"
        "print(case.uid)\n"
    )
    uid = demo_server.command("shell", "-c", script).stdout.strip().splitlines()[-1]
    return accounts, f"{demo_server.url}/es/intranet/fondo-de-reserva/casos/{uid}/"


def signed_in(browser, demo_server, account):
    """A fresh Spanish browser page signed in as `account`, by keyboard (password, then the
    authenticator's code)."""
    context = browser.new_context(base_url=demo_server.url, locale="es-CR")
    page = context.new_page()
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").focus()
    page.keyboard.type(account["email"])
    page.get_by_label("Contraseña").focus()
    page.keyboard.type(account["password"])
    page.keyboard.press("Enter")
    page.get_by_label("Código").focus()
    page.keyboard.type(totp_code(account["totp_secret"], account=account["email"]))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    return page


def press(locator):
    """Activate a link or button from the keyboard."""
    locator.focus()
    locator.page.keyboard.press("Enter")


def test_two_demo_officers_approve_a_request_in_spanish_by_keyboard(browser, demo_server, demo):
    accounts, case_url = demo
    reviewer = signed_in(browser, demo_server, accounts["fund_officer"])
    # The opening contribution is there, and says it is demo data.
    reviewer.goto("/es/intranet/fondo-de-reserva/libro-contable/")
    expect(reviewer.locator(".fund-position")).to_contain_text("USD 5000,00")
    expect(reviewer.get_by_role("table")).to_contain_text("Datos de demostración / Demo data")
    assert_accessible(reviewer)

    reviewer.goto(case_url)
    steps = reviewer.get_by_role("region", name="Próximos pasos")
    press(steps.get_by_role("link", name="Revisar la solicitud"))
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Revisar la solicitud")
    assert_accessible(reviewer)
    press(reviewer.get_by_role("button", name="Comenzar la revisión"))
    expect(reviewer.locator(".case-summary")).to_contain_text("En revisión")
    # Four eyes: the reviewer is told why, with no link to a page that only refuses, and is
    # not offered the requester's withdrawal.
    steps = reviewer.get_by_role("region", name="Próximos pasos")
    expect(steps).to_contain_text("Aprobar la solicitud: Cuatro ojos")
    expect(steps.get_by_role("link", name="Aprobar la solicitud")).to_have_count(0)
    expect(reviewer.get_by_role("link", name="Retirar la solicitud")).to_have_count(0)
    expect(steps.get_by_role("link", name="Rechazar la solicitud")).to_be_visible()
    assert_accessible(reviewer)
    save_screenshot(reviewer, "fund-demo-reviewer-case")
    reviewer.context.close()

    approver = signed_in(browser, demo_server, accounts["fund_officer_2"])
    approver.goto(case_url)
    expect(
        approver.get_by_text("Disponible para nuevas aprobaciones: USD 5000,00.")
    ).to_be_visible()
    press(approver.get_by_role("link", name="Aprobar la solicitud"))
    expect(approver.get_by_role("heading", level=1)).to_have_text("Aprobar la solicitud")
    expect(
        approver.get_by_text("Disponible para nuevas aprobaciones: USD 5000,00.")
    ).to_be_visible()
    assert_accessible(approver)
    press(approver.get_by_role("button", name="Aprobar"))
    expect(approver.get_by_role("status")).to_contain_text("Se aprobó la solicitud")
    expect(approver.locator(".case-summary")).to_contain_text("Aprobada")
    expect(
        approver.get_by_text("Disponible para nuevas aprobaciones: USD 4150,00.")
    ).to_be_visible()
    assert_accessible(approver)
