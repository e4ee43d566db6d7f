"""The mails people receive, read in both languages: who sends them, what they are invited to,
until when, and the subject's prefix in the reader's language."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from puebla.accounts.services import invitation_create
from puebla.directory.models import Body, Country
from tests.roles import make_user

pytestmark = pytest.mark.django_db

EXPECTED = {
    "es": {
        "subject": "[CRM] Su invitación a la secretaría virtual de la CRM",
        "lines": [
            "Estimada/o Ana:",
            "- Funcionario/a de país miembro: Costa Rica",
            "- Punto focal de su país",
            # The seeds name the network in English only: no Spanish name is made up for it.
            "- Miembro de: Liaison Officers Network for Consular Protection",
            "(hora de America/Costa_Rica)",
        ],
    },
    "en": {
        "subject": "[RCM] Your invitation to the RCM virtual secretariat",
        "lines": [
            "Dear Ana,",
            "- Member-state official: Costa Rica",
            "- Focal point of your country",
            "- Member of: Liaison Officers Network for Consular Protection",
            "(America/Costa_Rica time)",
        ],
    },
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_invitation_says_what_the_account_will_be_and_until_when(
    language, django_capture_on_commit_callbacks
):
    secretariat = make_user("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            invited_by=secretariat,
            email="ana@example.org",
            given_name="Ana",
            family_name="Solís",
            language=language,
            affiliation="member_state",
            country=Country.objects.get(iso_code="CR"),
            is_focal_point=True,
            bodies=[Body.objects.get(slug="network-consular-protection")],
        )
    [message] = mail.outbox
    assert message.subject == EXPECTED[language]["subject"]
    for line in EXPECTED[language]["lines"]:
        assert line in message.body
    assert secretariat.full_name in message.body
    assert not re.search(r"\.\.", message.body)  # "a.m.." and the like
    assert re.search(r"\d{2}:\d{2} \(", message.body)  # a 24-hour time, then its zone


@pytest.mark.parametrize(("language", "prefix"), [("es", "[CRM] "), ("en", "[RCM] ")])
def test_account_mails_carry_the_prefix_of_the_readers_language(client, language, prefix):
    user = make_user("observer_state")
    with translation.override(language):
        client.post(reverse("account_reset_password"), {"email": user.email})
    [message] = mail.outbox
    assert message.subject.startswith(prefix)


@pytest.mark.parametrize(
    ("language", "greeting", "thanks"),
    [
        ("es", "¡Hola de parte de Secretaría virtual de la CRM!", "¡Gracias por usar"),
        ("en", "Hello from RCM virtual secretariat!", "Thank you for using"),
    ],
)
def test_a_password_reset_mail_names_the_site_not_the_host(client, language, greeting, thanks):
    user = make_user("observer_state")
    with translation.override(language):
        client.post(
            reverse("account_reset_password"), {"email": user.email}, headers={"host": "localhost"}
        )
    [message] = mail.outbox
    assert greeting in message.body
    assert thanks in message.body
    assert "localhost" not in message.body
