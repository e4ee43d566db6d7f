"""Invitation-only accounts: the secretariat invites, the link works once and for 7 days."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.models import Invitation, User
from puebla.directory.models import Body, Country

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    def post_invitation(**overrides) -> str:
        # The mail goes out when the transaction commits, i.e. when this block ends.
        with django_capture_on_commit_callbacks(execute=True):
            _post_invitation(client, **overrides)
        return re.search(re.escape(settings.SITE_URL) + r"(/\S+)", mail.outbox[-1].body).group(1)

    return post_invitation


def _post_invitation(client, **overrides) -> None:
    """Post the invitation form as the signed-in secretariat; return the link that was mailed."""
    data = {
        "email": "ana.focal@example.org",
        "given_name": "Ana",
        "family_name": "Solís",
        "language": "es",
        "affiliation": "member_state",
        "country": Country.objects.get(iso_code="CR").pk,
        "is_focal_point": "on",
        "bodies": [Body.objects.get(slug="network-consular-protection").pk],
        **overrides,
    }
    with translation.override("es"):
        url = reverse("invitations:new")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_secretariat_invites_and_the_person_opens_an_account(client, sign_in, invite):
    sign_in("secretariat")
    link = invite()
    message = mail.outbox[-1]
    assert message.to == ["ana.focal@example.org"]
    assert (
        message.subject == "[CRM] Su invitación a la secretaría virtual de la CRM"
    )  # in the invitee's language
    assert message.body.startswith("Estimada/o Ana:")
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert "ana.focal@example.org" in page.content.decode()
    response = client.post(
        link,
        {"password1": "a-long-and-unusual-password", "password2": "a-long-and-unusual-password"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="ana.focal@example.org")
    assert (user.affiliation, user.country.iso_code, user.is_focal_point) == (
        "member_state",
        "CR",
        True,
    )
    assert user.body_ids == {Body.objects.get(slug="network-consular-protection").pk}
    assert client.get(reverse("intranet:home")).status_code == 200  # signed in


def test_a_used_invitation_cannot_be_used_again(client, sign_in, invite):
    sign_in("secretariat")
    link = invite()
    client.logout()
    client.post(
        link,
        {"password1": "a-long-and-unusual-password", "password2": "a-long-and-unusual-password"},
    )
    client.logout()

    again = client.post(
        link, {"password1": "another-long-password-1", "password2": "another-long-password-1"}
    )
    assert again.status_code == 410
    assert "ya se utilizó" in again.content.decode()
    assert User.objects.filter(email="ana.focal@example.org").count() == 1
    assert User.objects.get(email="ana.focal@example.org").check_password(
        "a-long-and-unusual-password"
    )


def test_an_expired_invitation_is_refused_and_creates_nothing(client, sign_in, invite):
    sign_in("secretariat")
    link = invite()
    client.logout()
    Invitation.objects.filter(email="ana.focal@example.org").update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.post(
        link,
        {"password1": "a-long-and-unusual-password", "password2": "a-long-and-unusual-password"},
    )
    assert response.status_code == 410
    assert "ha vencido" in response.content.decode()
    assert not User.objects.filter(email="ana.focal@example.org").exists()


def test_an_invitation_lasts_seven_days(client, sign_in, invite):
    sign_in("secretariat")
    invite()
    invitation = Invitation.objects.get(email="ana.focal@example.org")
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)


def test_a_made_up_link_is_refused(client):
    with translation.override("es"):
        url = reverse("accounts:invitation_accept", kwargs={"token": "not-a-real-token"})
    response = client.get(url)
    assert response.status_code == 410
    assert "no es válido" in response.content.decode()


def test_a_weak_or_mismatched_password_keeps_the_invitation_usable(client, sign_in, invite):
    sign_in("secretariat")
    link = invite()
    client.logout()
    weak = client.post(link, {"password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200
    assert "Nada se ha guardado todavía" in weak.content.decode()
    mismatch = client.post(
        link,
        {"password1": "a-long-and-unusual-password", "password2": "a-long-and-unusual-passwort"},
    )
    assert "Las dos contraseñas son distintas" in mismatch.content.decode()
    assert Invitation.objects.get(email="ana.focal@example.org").state == Invitation.State.PENDING
    assert not User.objects.filter(email="ana.focal@example.org").exists()


def test_invitation_form_checks_affiliation_and_country(client, sign_in):
    sign_in("secretariat")
    with translation.override("en"):
        response = client.post(
            reverse("invitations:new"),
            {
                "email": "x@example.org",
                "given_name": "X",
                "family_name": "Y",
                "language": "en",
                "affiliation": "member_state",
                "is_focal_point": "on",
            },
        )
    assert response.status_code == 200
    assert "Choose the country this person works for." in response.content.decode()
    assert not Invitation.objects.filter(email="x@example.org").exists()
    assert not mail.outbox


def test_an_existing_account_cannot_be_invited_again(client, sign_in):
    user = sign_in("secretariat")
    with translation.override("en"):
        response = client.post(
            reverse("invitations:new"),
            {
                "email": user.email.upper(),
                "given_name": "X",
                "family_name": "Y",
                "language": "en",
                "affiliation": "secretariat",
            },
        )
    assert "An account with this e-mail address already exists." in response.content.decode()
    assert Invitation.objects.filter(email=user.email).count() == 1  # the one it was made from


def test_open_sign_up_does_not_exist(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "intruder@example.org", "password1": "a-long-and-unusual-password"},
    )
    assert not User.objects.filter(email="intruder@example.org").exists()
    assert response.status_code == 200
    assert (
        "signup_closed" in response.templates[0].name
        or "closed" in response.content.decode().lower()
        or "cerrad" in response.content.decode().lower()
    )


def test_the_list_names_who_invited_and_nobody_for_the_systems_own_invitations(client, sign_in):
    from puebla.accounts.services import invitation_create

    secretariat = sign_in("secretariat")
    for invited_by, email in (
        (secretariat, "by.staff@example.org"),
        (None, "by.system@example.org"),
    ):
        invitation_create(
            invited_by=invited_by,
            email=email,
            given_name="Given",
            family_name="Family",
            language="en",
            affiliation="secretariat",
            notify=False,
        )
    with translation.override("en"):
        page = client.get(reverse("invitations:list")).content.decode()
    assert f"by {secretariat}" in page
    assert "by None" not in page and "by.system@example.org" in page


def test_the_welcome_uses_the_name_the_invitation_gave(client, sign_in, invite):
    sign_in("secretariat")
    link = invite(given_name="María José", family_name="Pérez Solís")
    client.logout()
    assert "María José" in client.get(link).content.decode()
    response = client.post(
        link,
        {"password1": "a-long-and-unusual-password", "password2": "a-long-and-unusual-password"},
        follow=True,
    )
    assert "Bienvenida/o, María José. Su cuenta está lista." in response.content.decode()


def test_the_form_says_which_fields_apply_to_which_affiliation_and_boxes_sit_by_labels(
    client, sign_in
):
    sign_in("secretariat")
    with translation.override("en"):
        page = client.get(reverse("invitations:new")).content.decode()
    assert "Only for member-state and observer-state officials." in page
    assert "Only for the staff of observer organisations and civil society." in page
    assert re.search(
        r'<label for="id_is_focal_point"><input type="checkbox"[^>]*id="id_is_focal_point"[^>]*>'
        r"\s*Focal point",
        page,
    )
