"""A session opened by accepting an invitation is listed among the account's sessions, so it can
be ended from another browser (issue: it used to be missing, and nothing could sign it out)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "a-browser-test-password-43"


@pytest.fixture
def invitation_link(puebla_command) -> str:
    script = (
        "from puebla.accounts.services import invitation_create\n"
        "from puebla.directory.models import Country\n"
        "from django.urls import reverse\n"
        "from django.utils import translation\n"
        "invitation = invitation_create(invited_by=None, email='invitee@example.org', "
        "given_name='Nueva', family_name='Persona', language='es', "
        "affiliation='member_state', country=Country.objects.get(iso_code='CR'), notify=False)\n"
        "with translation.override('es'):\n"
        "    print(reverse('accounts:invitation_accept', kwargs={'token': invitation.token}))\n"
    )
    return puebla_command("shell", "-c", script).stdout.strip().splitlines()[-1]


def test_the_session_an_invitation_opens_can_be_ended_from_another_browser(
    browser, live_server_url, invitation_link
):
    first = browser.new_context(base_url=live_server_url, locale="es-CR").new_page()
    first.goto(invitation_link)
    first.get_by_label("Contraseña:", exact=True).fill(PASSWORD)
    first.get_by_label("Contraseña de nuevo:").fill(PASSWORD)
    first.get_by_role("button", name="Abrir mi cuenta").click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Mi secretaría")

    second = browser.new_context(base_url=live_server_url, locale="es-CR").new_page()
    second.goto("/es/accounts/login/")
    second.get_by_label("Correo electrónico").fill("invitee@example.org")
    second.get_by_label("Contraseña").fill(PASSWORD)
    second.get_by_role("button", name="Iniciar sesión").click()
    expect(second.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    second.goto("/es/accounts/sessions/")
    expect(second.get_by_role("table").get_by_role("row")).to_have_count(3)  # header + 2
    second.get_by_role("button", name="Cerrar las demás sesiones").click()

    first.goto("/es/intranet/")
    expect(first).to_have_url(re.compile(r"/es/accounts/login/"))
    second.goto("/es/intranet/")
    expect(second.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    first.context.close()
    second.context.close()
