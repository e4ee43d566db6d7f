"""Signing in, "My secretariat", signing out, and a restricted link, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import PASSWORD, TOTP_SECRET, assert_accessible
from tests.roles import totp_code

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def accounts(puebla_command):
    """One account per role the journeys use, created in the server's own database."""
    script = (
        "from puebla.accounts.roles import role_user_create\n"
        f"role_user_create('focal_point_a', email='focal@example.org', password='{PASSWORD}')\n"
        f"official_b = role_user_create('official_b', email='guatemala@example.org', password='{PASSWORD}')\n"
        # Guatemala's official sits on another body than the one the journey's notice names.
        "from puebla.directory.models import Appointment, Body, Person\n"
        "entry = Person.objects.create(slug='official-b-guatemala', given_name='Demo', "
        "family_name='Official B', email='guatemala@example.org')\n"
        "Appointment.objects.create(person=entry, role=Appointment.Role.MEMBER, "
        "body=Body.objects.get(slug='network-smuggling-trafficking'), "
        "title_es='Funcionario de enlace', title_en='Liaison officer', country=official_b.country)\n"
        "official_b.person = entry\n"
        "official_b.save()\n"
        "assert type(official_b).objects.get(pk=official_b.pk).body_ids == {entry.appointments.get().body_id}\n"
        f"role_user_create('secretariat', email='ts@example.org', password='{PASSWORD}', totp_secret='{TOTP_SECRET}')\n"
        "from puebla.accounts.services import invitation_create\n"
        "invitation_create(invited_by=None, email='pendiente@example.org', given_name='Pendiente', "
        "family_name='Persona', language='es', affiliation='secretariat', notify=False)\n"
        "invitation_create(invited_by=None, email='open@example.org', given_name='Open', "
        "family_name='Invitation', language='en', affiliation='secretariat', notify=False)\n"
    )
    puebla_command("shell", "-c", script)
    return {
        "focal": "focal@example.org",
        "official_b": "guatemala@example.org",
        "secretariat": "ts@example.org",
    }


def sign_in(page, email: str) -> None:
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()


def test_focal_point_signs_in_reaches_my_secretariat_and_signs_out(page, accounts):
    page.goto("/es/")
    page.get_by_role("link", name="Iniciar sesión").click()
    assert_accessible(page)
    sign_in(page, accounts["focal"])

    expect(page).to_have_url(re.compile(r"/es/intranet/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    expect(page.get_by_text("Punto focal de Costa Rica")).to_be_visible()
    expect(
        page.get_by_role("link", name="Costa Rica: preparación de la Presidencia Pro Tempore 2020")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Intranet").get_by_role("link", name="Avisos").click()
    expect(page.get_by_role("table")).to_contain_text("Insumos para la matriz comparativa")
    assert_accessible(page)
    page.get_by_role(
        "link", name="Insumos para la matriz comparativa antes de la reunión del GRCM"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Insumos para la matriz comparativa"
    )
    assert_accessible(page)

    page.get_by_role("navigation", name="Idioma y cuenta").get_by_role(
        "link", name="Cerrar sesión"
    ).click()
    page.get_by_role("button", name="Cerrar sesión").click()
    expect(page).to_have_url(re.compile(r"/es/$"))
    expect(page.get_by_role("link", name="Iniciar sesión")).to_be_visible()
    page.goto("/es/intranet/")
    expect(page).to_have_url(re.compile(r"/es/accounts/login/"))


def test_secretariat_signs_in_with_a_totp_code_and_reaches_its_pages(page, accounts):
    page.goto("/es/accounts/login/")
    sign_in(page, accounts["secretariat"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Autenticación de dos factores")
    assert_accessible(page)
    page.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=accounts["secretariat"]))
    page.get_by_role("button", name="Iniciar sesión").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    page.get_by_role("link", name="Invitaciones").click()
    # A pending invitation: a new link is sent, then the invitation is withdrawn, each after
    # a page that says what will happen.
    page.get_by_role("navigation", name="Qué invitaciones").get_by_role(
        "link", name="Pendiente"
    ).click()
    assert_accessible(page)
    # The list, with its actions, fits a 1280 px screen (the page's default width).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Enviar un enlace nuevo a pendiente@example.org").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enviar un enlace nuevo")
    assert_accessible(page)
    page.get_by_role("button", name="Enviar un enlace nuevo").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Se envió un enlace nuevo a pendiente@example.org."
    )
    page.get_by_role("link", name="Retirar la invitación a pendiente@example.org").click()
    page.get_by_role("button", name="Retirar la invitación").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Se retiró la invitación a pendiente@example.org."
    )
    page.get_by_role("navigation", name="Qué invitaciones").get_by_role(
        "link", name="Retirada"
    ).click()
    expect(page.get_by_role("table")).to_contain_text("pendiente@example.org")
    page.get_by_role("link", name="Invitar a una persona").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitar a una persona")
    assert_accessible(page)
    page.get_by_role("link", name="Cambios recientes").click()
    # The accounts opened by accepting their invitations, credited to their owners and linked
    # to the record; the data load and the sign-ins are not there.
    changes = page.get_by_role("table")
    expect(changes).to_contain_text("Creación")
    expect(changes).not_to_contain_text("presidencia pro tempore")
    expect(changes).not_to_contain_text("sistema (carga de datos)")
    expect(changes.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^/admin/accounts/(user|invitation)/\d+/change/$")
    )
    assert_accessible(page)

    page.get_by_role("navigation", name="Intranet").get_by_role("link", name="Cuentas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuentas")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Desactivar")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Desactivar una cuenta")
    page.get_by_role("button", name="Desactivar la cuenta").click()  # without a reason
    expect(page.get_by_role("alert")).to_contain_text("Nada se ha guardado todavía")
    assert_accessible(page)
    page.get_by_role("link", name="Cancelar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuentas")

    # A bilingual notice for one body; a member of another body cannot open it.
    page.get_by_role("navigation", name="Intranet").get_by_role("link", name="Avisos").click()
    page.get_by_role("link", name="Escribir un aviso").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escribir un aviso")
    assert_accessible(page)
    page.get_by_label("Título en español").fill("Reunión de la red consular")
    page.get_by_label("Título en inglés").fill("Consular network meeting")
    page.get_by_label("Texto en español").fill("Orden del día adjunto.")
    page.get_by_label("Texto en inglés").fill("Agenda attached.")
    page.get_by_label("Audiencia").select_option(label="Integrantes de órganos determinados")
    page.get_by_label("Liaison Officers Network for Consular Protection").check()
    page.get_by_role("button", name="Guardar el aviso").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reunión de la red consular")
    notice_url = page.url
    other = page.context.browser.new_context(base_url=page.url.split("/es/")[0], locale="es-CR")
    outsider = other.new_page()
    outsider.goto("/es/accounts/login/")
    sign_in(outsider, accounts["official_b"])
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    assert outsider.goto(notice_url).status == 404
    other.close()

    # The secretariat's own pages in English, and at a phone's width.
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        for path in (
            "/en/intranet/accounts/",
            "/en/intranet/invitations/",
            "/en/intranet/notices/new/",
            "/en/intranet/notices/comparative-matrix-input/edit/",
            "/en/intranet/notices/comparative-matrix-input/delete/",
            "/en/intranet/changes/",
            "/es/intranet/cuentas/",
            "/es/intranet/avisos/nuevo/",
        ):
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                f"{path} is wider than {width} px"
            )
            assert_accessible(page)
        page.goto("/en/intranet/accounts/")
        page.get_by_role("table").get_by_role("link", name=re.compile("^Deactivate ")).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Deactivate an account")
        assert_accessible(page)
        page.goto("/en/intranet/invitations/")
        page.get_by_role("table").get_by_role("link", name=re.compile("^Renew ")).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Renew the invitation")
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 720})

    # The admin's form for a translated record: every asset from Puebla itself (the page
    # fixture fails on any other host), each language's field labelled.
    page.goto("/admin/intranet/notice/add/")
    expect(page.get_by_label("Título (Español):")).to_be_visible()
    expect(page.get_by_label("Título (Inglés):")).to_be_visible()


def test_a_restricted_link_asks_to_sign_in_then_is_not_found_for_another_country(page, accounts):
    page.goto("/es/intranet/avisos/costa-rica-ppt-2020/")
    expect(page).to_have_url(re.compile(r"/es/accounts/login/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión")

    sign_in(page, accounts["official_b"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Página no encontrada")
    expect(page.get_by_text("Costa Rica: preparación")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize("browser_locale", ["en-US"])
def test_intranet_pages_are_accessible_in_english(page, accounts):
    page.goto("/en/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill(accounts["focal"])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My secretariat")
    assert_accessible(page)
    for path, heading in [
        ("/en/intranet/notices/", "Notices"),
        (
            "/en/intranet/notices/comparative-matrix-input/",
            "Input for the comparative matrix before the RCGM meeting",
        ),
        ("/en/intranet/participants/", "Participants"),
        ("/en/accounts/sessions/", "Sessions"),
        ("/en/accounts/2fa/", "Two-Factor Authentication"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)


def test_an_official_finds_another_countrys_focal_point_among_the_participants(page, accounts):
    page.goto("/es/accounts/login/")
    sign_in(page, accounts["official_b"])  # Guatemala
    page.get_by_role("navigation", name="Intranet").get_by_role(
        "link", name="Participantes"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Participantes")
    page.get_by_label("País").select_option(label="Costa Rica")
    page.get_by_role("button", name="Filtrar").click()
    focal_points = page.get_by_role("table").first
    expect(focal_points).to_contain_text("Costa Rica")
    expect(focal_points).to_contain_text(accounts["focal"])
    assert_accessible(page)


def test_a_sign_in_error_is_styled_like_other_form_errors(page, accounts):
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(accounts["focal"])
    page.get_by_label("Contraseña").fill("not-the-password")
    page.get_by_role("button", name="Iniciar sesión").click()
    error = page.locator("ul.errorlist li").first
    expect(error).to_be_visible()
    style = error.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return [s.listStyleType, s.borderLeftStyle, s.borderLeftWidth]; }"
    )
    assert style == ["none", "solid", "4px"]
    assert_accessible(page)
