"""Every public page, in both languages and both colour schemes (Pico CSS has a dark theme for
readers whose system asks for one), has no serious or critical axe-core violation."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.roles import totp_code

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
    "/es/reuniones/xxiv-rcm/",
    "/es/documentos/",
    "/en/documents/",
    "/es/documentos/plan-of-action/",
    "/en/documents/historical-plan-of-action/",
    "/es/buscar/?q=migrantes",
    "/en/search/?q=migrants",
    "/es/fondo-de-reserva/cifras/",
    "/en/reserve-fund/statistics/",
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


# --- The Plan of Action (puebla/planning) -----------------------------------------------------
PLAN_EDITOR = "plan-a11y-editor@example.org"
PLAN_PASSWORD = "a-plan-accessibility-password-42"


@pytest.fixture(scope="module")
def plan_items(puebla_command):
    """In the server's shipped 2009 plan: an activity handed to the consular network, whose
    editor the module signs in as, and one completed long ago and archived by the rule."""
    script = (
        "import datetime\n"
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.directory.models import Appointment, Body\n"
        "from puebla.planning.models import Item, Status\n"
        "from puebla.planning.services import items_archive\n"
        "activities = list(Item.objects.filter(level=4).order_by('plan__position', 'position')[:2])\n"
        "consular = Body.objects.get(slug='network-consular-protection')\n"
        "Item.objects.filter(pk=activities[0].pk).update(responsible_kind='body', "
        "responsible_body=consular, responsible_country=None, responsible_organisation=None)\n"
        "Item.objects.filter(pk=activities[1].pk).update(status=Status.objects.get(key='completed'), "
        "status_since=datetime.date(2010, 1, 1))\n"
        "items_archive()\n"
        f"editor = role_user_create('liaison_officer', email='{PLAN_EDITOR}', password='{PLAN_PASSWORD}')\n"
        "Appointment.objects.filter(person=editor.person).update(role=Appointment.Role.EDITOR)\n"
        "print(activities[0].pk, activities[1].pk)\n"
    )
    output = puebla_command("shell", "-c", script).stdout.split()
    return {"activity": int(output[-2]), "archived": int(output[-1])}


def plan_pages(items) -> list[str]:
    return [
        "/es/plan-de-accion/",
        "/en/plan-of-action/",
        "/es/plan-de-accion/?status=ongoing",
        "/en/plan-of-action/?detail=all",
        "/es/plan-de-accion/historico/",
        "/en/plan-of-action/historical/",
        "/es/plan-de-accion/pacto-mundial/1/",
        "/en/plan-of-action/global-compact/1/",
        f"/es/plan-de-accion/elementos/{items['activity']}/",
        f"/en/plan-of-action/items/{items['activity']}/",
        f"/en/plan-of-action/items/{items['archived']}/",
    ]


def test_plan_of_action_pages_are_accessible(page, plan_items):
    for path in plan_pages(plan_items):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)


def test_plan_item_list_and_edit_form_are_accessible_in_both_languages(page, plan_items):
    activity = plan_items["activity"]
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(PLAN_EDITOR)
    page.get_by_label("Password").fill(PLAN_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/intranet/")
    for path in (
        "/es/intranet/plan-de-accion/",
        "/en/intranet/plan-of-action/",
        f"/es/intranet/plan-de-accion/elementos/{activity}/editar/",
        f"/en/intranet/plan-of-action/items/{activity}/edit/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # A save without a comment: the form with its errors is checked too.
    page.get_by_role("button", name="Save the item").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)


FOLLOWUP_FOCAL = "a11y-followup-focal@example.org"
FOLLOWUP_PASSWORD = "a-browser-test-password-42"
FOLLOWUP_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def followup_secretariat(color_scheme: str) -> str:
    return f"a11y-declarations-{color_scheme}@example.org"


def reminders_secretariat(color_scheme: str) -> str:
    return f"a11y-reminders-{color_scheme}@example.org"


@pytest.fixture(scope="module")
def followup_request(puebla_command):
    """A commitment and a request for input to Costa Rica, with a focal point to answer it."""
    script = (
        "import datetime\n"
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.directory.models import Country\n"
        "from puebla.followup.requests import services\n"
        "from puebla.followup.models import Commitment, Declaration\n"
        "from puebla.meetings.services import meeting_create\n"
        "ts = role_user_create('secretariat', email='a11y-followup-ts@example.org', "
        f"password='{FOLLOWUP_PASSWORD}', totp_secret='JBSWY3DPEHPK3PXP')\n"
        f"role_user_create('focal_point_a', email='{FOLLOWUP_FOCAL}', password='{FOLLOWUP_PASSWORD}')\n"
        "meeting = meeting_create(fields={'kind': 'vice_ministerial', 'slug': 'a11y-vm', "
        "'title_en': 'Vice-Ministerial meeting (accessibility)', 'audience': 'public'}, by=None)\n"
        "declaration = Declaration.objects.create(meeting=meeting, title_en='Declaration')\n"
        "commitment = Commitment.objects.create(declaration=declaration, number='1', "
        "text_en='Protect migrant children', text_es='Proteger a la niñez migrante')\n"
        "from puebla.followup.matrix import services as matrix_services\n"
        "rcgm = meeting_create(fields={'kind': 'rcgm', 'slug': 'a11y-rcgm', "
        "'title_en': 'RCGM (accessibility)', 'audience': 'members'}, by=None)\n"
        "cycle = matrix_services.cycle_create(meeting=rcgm, by=ts)\n"
        "matrix_services.topic_add(cycle=cycle, by=ts, key='asylum', title_en='Asylum', title_es='Asilo')\n"
        "made = services.input_request_create(by=ts, countries=[Country.objects.get(iso_code='CR')], "
        "commitments=[commitment], title_en='Accessible request', title_es='Solicitud accesible', "
        "instructions_en='Tell us.', due_date=datetime.date.today() + datetime.timedelta(days=9))\n"
        # A second request to Costa Rica: its draft with a file (the file's removal page), a
        # reminder already sent, and Costa Rica's head of delegation.
        "from django.core.files.uploadedfile import SimpleUploadedFile\n"
        "from django.utils import timezone\n"
        "from puebla.documents.sample_files import pdf_with_text\n"
        "from puebla.followup.models import SentReminder\n"
        "cr = Country.objects.get(iso_code='CR')\n"
        "second = services.input_request_create(by=ts, countries=[cr], title_en='Accessible reminders', "
        "title_es='Recordatorios accesibles', due_date=datetime.date.today() + datetime.timedelta(days=9))\n"
        "draft = services.answer_save_draft(request=second, country=cr, by=ts, text='Draft', "
        "uploads=[SimpleUploadedFile('evidence.pdf', pdf_with_text('Evidence'), "
        "content_type='application/pdf')])\n"
        "SentReminder.objects.create(request=second, country=cr, scheduled_for=datetime.date.today(), "
        "sent_at=timezone.now())\n"
        "services.head_of_delegation_set(country=cr, by=ts, full_name='Ana Rojas', "
        "email='ana.rojas@example.org')\n"
        + "".join(
            f"role_user_create('secretariat', email='{reminders_secretariat(scheme)}', "
            f"password='{FOLLOWUP_PASSWORD}', totp_secret='{FOLLOWUP_TOTP_SECRET}')\n"
            for scheme in ("light", "dark")
        )
        + "print('a11y-reminders', second.pk, draft.files.get().pk)\n"
        # One secretariat account per colour scheme: a second-factor code is taken once.
        + "".join(
            f"role_user_create('secretariat', email='{followup_secretariat(scheme)}', "
            f"password='{FOLLOWUP_PASSWORD}', totp_secret='{FOLLOWUP_TOTP_SECRET}')\n"
            for scheme in ("light", "dark")
        )
        + "print(made.pk, commitment.pk, declaration.pk, cycle.pk)\n"
    )
    output = puebla_command("shell", "-c", script).stdout.split()
    reminders = output.index("a11y-reminders")
    return {
        "reminders_request": int(output[reminders + 1]),
        "answer_file": int(output[reminders + 2]),
        "request": int(output[-4]),
        "commitment": int(output[-3]),
        "declaration": int(output[-2]),
        "cycle": int(output[-1]),
    }


def test_followup_pages_of_a_focal_point_are_accessible_in_both_languages(page, followup_request):
    request, commitment = followup_request["request"], followup_request["commitment"]
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(FOLLOWUP_FOCAL)
    page.get_by_label("Password").fill(FOLLOWUP_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/intranet/")
    for path in (
        "/es/intranet/",  # the country dashboard, with the request owed
        "/en/intranet/",
        f"/es/intranet/seguimiento/solicitudes/{request}/",
        f"/en/intranet/follow-up/requests/{request}/",
        f"/es/intranet/seguimiento/compromisos/{commitment}/",
        f"/en/intranet/follow-up/commitments/{commitment}/",
        "/es/intranet/seguimiento/resumen/",
        "/en/intranet/follow-up/digest/",
        f"/es/intranet/seguimiento/matriz/{followup_request['cycle']}/aportes/",
        f"/en/intranet/follow-up/matrix/{followup_request['cycle']}/entries/",
        # The draft with a file, its "Remove" link, and the removal's confirmation.
        f"/es/intranet/seguimiento/solicitudes/{followup_request['reminders_request']}/",
        f"/es/intranet/seguimiento/solicitudes/{followup_request['reminders_request']}"
        f"/archivos/{followup_request['answer_file']}/quitar/",
        f"/en/intranet/follow-up/requests/{followup_request['reminders_request']}"
        f"/files/{followup_request['answer_file']}/remove/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # Submitting nothing: the answer form with its error.
    page.goto(f"/en/intranet/follow-up/requests/{request}/")
    page.get_by_role("button", name="Submit the answer").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)
    # Submitting the matrix's changes with nothing written: the entries form with its error.
    page.goto(f"/en/intranet/follow-up/matrix/{followup_request['cycle']}/entries/")
    page.get_by_role("button", name="Submit to the Technical Secretariat").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)


def sign_in_with_code(page, email: str) -> None:
    """Sign a follow-up secretariat account in, with its second-factor code."""
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(FOLLOWUP_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(FOLLOWUP_TOTP_SECRET, account=email))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/intranet/")


def test_followup_declaration_pages_of_the_secretariat_are_accessible_in_both_languages(
    page, followup_request, color_scheme
):
    declaration, commitment = followup_request["declaration"], followup_request["commitment"]
    cycle = followup_request["cycle"]
    sign_in_with_code(page, followup_secretariat(color_scheme))
    for path in (
        "/es/intranet/seguimiento/declaraciones/",
        "/en/intranet/follow-up/declarations/",
        f"/es/intranet/seguimiento/declaraciones/{declaration}/",
        f"/en/intranet/follow-up/declarations/{declaration}/",
        f"/es/intranet/seguimiento/declaraciones/{declaration}/compromisos/nuevo/",
        f"/en/intranet/follow-up/commitments/{commitment}/edit/",
        # The comparative matrix's cycles.
        "/es/intranet/seguimiento/matriz/",
        "/en/intranet/follow-up/matrix/new/",
        f"/es/intranet/seguimiento/matriz/{cycle}/temas/",
        f"/en/intranet/follow-up/matrix/{cycle}/topics/",
        f"/es/intranet/seguimiento/matriz/{cycle}/aportes/",
        f"/en/intranet/follow-up/matrix/{cycle}/publish/",
        f"/es/intranet/seguimiento/matriz/{cycle}/",
        "/es/intranet/seguimiento/matrices/",
        # The request form, with the commitments it may follow up grouped by declaration.
        "/es/intranet/seguimiento/solicitudes/nueva/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # A topic's renaming and its removal's confirmation, from the topics page.
    for link in ("Cambiar el nombre", "Quitar"):
        page.goto(f"/es/intranet/seguimiento/matriz/{cycle}/temas/")
        page.get_by_role("link", name=link).first.click()
        page.wait_for_load_state()
        assert_accessible(page)
    # Saving nothing: the commitment form with its errors.
    page.goto(f"/en/intranet/follow-up/declarations/{declaration}/commitments/new/")
    page.get_by_role("button", name="Save the commitment").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)


def test_followup_reminder_pages_of_the_secretariat_are_accessible_in_both_languages(
    page, followup_request, color_scheme
):
    request, stored = followup_request["reminders_request"], followup_request["answer_file"]
    sign_in_with_code(page, reminders_secretariat(color_scheme))
    for path in (
        f"/es/intranet/seguimiento/solicitudes/{request}/recordatorios/",
        f"/en/intranet/follow-up/requests/{request}/reminders/",
        "/es/intranet/seguimiento/jefes-de-delegacion/",
        "/en/intranet/follow-up/heads-of-delegation/",
        f"/es/intranet/seguimiento/solicitudes/{request}/archivos/{stored}/quitar/",
        f"/en/intranet/follow-up/requests/{request}/files/{stored}/remove/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # A head of delegation without a name or address: the form with its errors.
    page.goto("/en/intranet/follow-up/heads-of-delegation/")
    page.get_by_role("button", name="Save the head of delegation").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)
    # A schedule line that is not a reminder: the reminders form with its error.
    page.goto(f"/es/intranet/seguimiento/solicitudes/{request}/recordatorios/")
    page.get_by_label("Calendario de recordatorios").fill("la próxima semana")
    page.get_by_role("button", name="Guardar los recordatorios").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)


# --- The Reserve Fund's settings (puebla/fund, issue 30) ---------------------------------------


def fund_settings_secretariat(color_scheme: str) -> str:
    return f"a11y-fund-settings-{color_scheme}@example.org"


@pytest.fixture(scope="module")
def fund_settings_accounts(puebla_command):
    """A secretariat account per colour scheme (a second-factor code serves once), and the
    numbers of the starting category and kind the item pages are opened for."""
    script = (
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.fund.fund_settings import fund_settings\n"
        "from puebla.fund.models import CaseCategory, RequesterKindOption\n"
        "fund_settings()\n"
        "for scheme in ('light', 'dark'):\n"
        "    role_user_create('secretariat', email=f'a11y-fund-settings-{scheme}@example.org', "
        f"password='{FOLLOWUP_PASSWORD}', totp_secret='{FOLLOWUP_TOTP_SECRET}')\n"
        "print(CaseCategory.objects.get(code='elderly').pk, "
        "RequesterKindOption.objects.get(code='civil_society').pk)\n"
    )
    category, kind = puebla_command("shell", "-c", script).stdout.split()[-2:]
    return {"category": category, "kind": kind}


def test_fund_settings_pages_of_the_secretariat_are_accessible_in_both_languages(
    page, fund_settings_accounts, color_scheme
):
    category, kind = fund_settings_accounts["category"], fund_settings_accounts["kind"]
    sign_in_with_code(page, fund_settings_secretariat(color_scheme))
    base_es, base_en = (
        "/es/intranet/fondo-de-reserva/configuracion",
        "/en/intranet/reserve-fund/settings",
    )
    for path in (
        f"{base_es}/",
        f"{base_en}/",
        f"{base_es}/categorias/nueva/",
        f"{base_en}/categories/{category}/",
        f"{base_es}/categorias/{category}/retire/",
        f"{base_en}/categories/{category}/delete/",
        f"{base_es}/tipos-de-solicitante/nuevo/",
        f"{base_en}/requester-kinds/{kind}/",
        f"{base_es}/tipos-de-solicitante/{kind}/retire/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # A ceiling refused: the settings page with its errors.
    page.goto(f"{base_es}/")
    page.get_by_role("textbox", name="Moneda").fill("EUR")
    page.get_by_role("button", name="Guardar el monto máximo").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)


def test_thesaurus_pages_of_the_secretariat_are_accessible_in_both_languages(
    page, fund_settings_accounts, color_scheme
):
    sign_in_with_code(page, fund_settings_secretariat(color_scheme))
    for path in (
        "/es/intranet/tesauro/",
        "/en/intranet/thesaurus/?q=return",
        "/es/intranet/tesauro/nuevo/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
    # A pair's form and its deletion's confirmation, from the list; a pair's sources opened.
    for link in ("Editar", "Eliminar"):
        page.goto("/es/intranet/tesauro/?q=remesas")
        page.get_by_role("link", name=link).first.click()
        page.wait_for_load_state()
        assert_accessible(page)
    page.goto("/es/intranet/tesauro/?q=remesas")
    page.locator("summary").first.click()
    assert_accessible(page)
    # Saving nothing: the form with its errors.
    page.goto("/en/intranet/thesaurus/new/")
    page.get_by_role("button", name="Save the pair").click()
    expect(page.get_by_role("alert").first).to_be_visible()  # waits for the answer
    assert_accessible(page)
