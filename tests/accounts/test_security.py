"""Attacks from the security probe (issue 14) on accounts, each refused."""

import datetime
import json
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.models import Invitation, User, hash_token
from puebla.accounts.services import invitation_accept, invitation_create
from puebla.directory.models import Country, Person
from tests.roles import PASSWORD, current_code, make_user

pytestmark = pytest.mark.django_db

HOST_VARIANTS = ["localhost:18950", "127.0.0.1:1", "127.0.0.1.:18950", "LOCALHOST:18950"]


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def sign_in_with_password(client, email: str, password: str = PASSWORD, **headers):
    return client.post(url("account_login"), {"login": email, "password": password}, **headers)


def make_superuser(email: str = "root@example.org") -> User:
    superuser = User.objects.create_superuser(email, "x" * 16, full_name="Root")
    Authenticator.objects.create(user=superuser, type="totp", data={"secret": "x"})
    return superuser


# --- 1. The lock-out does not depend on the Host header ------------------------------------


@pytest.mark.parametrize("host", HOST_VARIANTS)
def test_a_locked_account_stays_locked_whatever_host_the_request_names(client, host):
    make_user("official_b")
    for _attempt in range(5):
        sign_in_with_password(client, "official-b@example.org", "wrong-password")
    locked = sign_in_with_password(client, "official-b@example.org", headers={"host": host})
    assert "Too many failed sign-ins for this account" in locked.content.decode()
    assert client.get(url("intranet:home")).status_code == 302  # not signed in


def test_a_password_reset_mail_links_to_the_configured_site_not_the_host_header(client):
    user = make_user("observer_state")
    client.post(
        url("account_reset_password"), {"email": user.email}, headers={"host": "localhost:18950"}
    )
    body = mail.outbox[-1].body
    assert "localhost" not in body
    assert re.search(re.escape(settings.SITE_URL) + r"/en/accounts/password/reset/key/\S+", body)
    with translation.override("en"):
        assert f"Hello from {settings.SITE_NAME}!" in body


def test_an_invitation_mail_links_to_the_configured_site_not_the_host_header(
    client, sign_in, django_capture_on_commit_callbacks
):
    sign_in("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("invitations:new"),
            {
                "email": "ana@example.org",
                "given_name": "Ana",
                "family_name": "Solís",
                "language": "en",
                "affiliation": "member_state",
                "country": Country.objects.get(iso_code="CR").pk,
            },
            headers={"host": "localhost:18950"},
        )
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "localhost" not in body
    assert re.search(re.escape(settings.SITE_URL) + r"/en/accounts/invitation/\S+/", body)


# --- 2. History is read, never reverted --------------------------------------------------------


def test_the_secretariat_cannot_reopen_an_accepted_invitation_through_history(client, sign_in):
    secretariat = sign_in("secretariat")
    invitation = invitation_create(
        invited_by=secretariat,
        email="once@example.org",
        given_name="Once",
        family_name="Only",
        language="en",
        affiliation="secretariat",
        notify=False,
    )
    invitation_accept(token=invitation.token, password="a-long-and-unusual-password")
    pending_version = invitation.history.filter(accepted_at__isnull=True).earliest("history_date")
    before = Invitation.objects.filter(pk=invitation.pk).values().get()

    response = client.post(
        reverse(
            "admin:accounts_invitation_simple_history",
            args=[invitation.pk, pending_version.history_id],
        ),
        {
            "email": "once@example.org",
            "given_name": "Once",
            "family_name": "Only",
            "language": "en",
            "affiliation": "secretariat",
            "invited_by": secretariat.pk,
            "created_at_0": "2026-01-01",
            "created_at_1": "00:00:00",
            "expires_at_0": "2099-01-01",
            "expires_at_1": "00:00:00",
        },
    )
    assert response.status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).values().get() == before
    assert Invitation.objects.get(pk=invitation.pk).state == Invitation.State.ACCEPTED


def test_the_secretariat_cannot_revert_a_user_through_history(client, sign_in):
    sign_in("secretariat")
    target = make_user("official_a", email="target@example.org")
    target.full_name = "Renamed Official"
    target.save()
    first_version = target.history.earliest("history_date")
    response = client.post(
        reverse("admin:accounts_user_simple_history", args=[target.pk, first_version.history_id]),
        {
            "full_name": "Reverted By Staff",
            "language": "es",
            "affiliation": "member_state",
            "country": target.country_id,
            "is_active": "on",
        },
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert (target.full_name, target.is_active, target.is_staff) == (
        "Renamed Official",
        True,
        False,
    )
    # Reading the history still works.
    page = client.get(
        reverse("admin:accounts_user_simple_history", args=[target.pk, first_version.history_id])
    )
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()


# --- 3. Staff cannot change a superuser or a colleague, nor delete anyone ----------------------


def user_change_data(user: User, **changes) -> dict:
    return {
        "full_name": user.full_name,
        "language": user.language,
        "affiliation": user.affiliation,
        "country": user.country_id or "",
        "organisation": user.organisation_id or "",
        "is_active": "on",
        **changes,
    }


@pytest.mark.parametrize("target_kind", ["superuser", "colleague"])
def test_the_secretariat_cannot_change_deactivate_or_delete_a_superuser_or_a_colleague(
    client, sign_in, target_kind
):
    sign_in("secretariat")
    if target_kind == "superuser":
        target = make_superuser()
    else:
        target = make_user("secretariat", email="colleague@example.org")
    before = User.objects.filter(pk=target.pk).values().get()
    change_url = reverse("admin:accounts_user_change", args=[target.pk])
    delete_url = reverse("admin:accounts_user_delete", args=[target.pk])

    page = client.get(change_url)
    assert page.status_code == 200  # shown, read only
    assert 'name="full_name"' not in page.content.decode()
    assert 'name="is_active"' not in page.content.decode()
    renamed = client.post(change_url, user_change_data(target, full_name="Renamed"))
    deactivated = client.post(change_url, user_change_data(target, is_active=""))
    assert (renamed.status_code, deactivated.status_code) == (403, 403)
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=target.pk).values().get() == before


def test_the_secretariat_deactivates_but_never_deletes_an_ordinary_account(client, sign_in):
    sign_in("secretariat")
    target = make_user("official_b", email="target@example.org")
    delete_url = reverse("admin:accounts_user_delete", args=[target.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:accounts_user_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [target.pk]})
    client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=target.pk).exists()

    response = client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        user_change_data(target, is_active=""),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active


def test_a_superuser_still_manages_a_superuser(client):
    client.force_login(make_superuser())
    other = make_superuser("other-root@example.org")
    page = client.get(reverse("admin:accounts_user_change", args=[other.pk])).content.decode()
    assert 'name="full_name"' in page


# --- 5. Second-factor secrets are encrypted at rest ------------------------------------------


def test_a_database_dump_holds_no_totp_secret_and_the_code_still_works(client, capsys):
    user = make_user("secretariat")
    sign_in_with_password(client, user.email)
    client.post(url("mfa_authenticate"), {"code": current_code(user.totp_secret)})
    assert client.get(url("intranet:home")).status_code == 200
    codes = RecoveryCodes.activate(user)  # their seed is a secret too
    seed = codes.instance.data["seed"]

    call_command("dumpdata", "mfa", "accounts", format="json")
    dump = capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator")
        raw = " ".join(str(row[0]) for row in cursor.fetchall())
    for stored in (dump, raw):
        assert user.totp_secret not in stored
        assert user.totp_secret.lower() not in stored.lower()
    assert "gAAAAA" in raw  # Fernet tokens
    assert seed.startswith("gAAAAA")
    assert len(codes.get_unused_codes()) == 10


def test_rotating_the_key_keeps_every_second_factor_working(client, capsys):
    user = make_user("secretariat")
    legacy = make_user("fund_officer", enrol_mfa=False)
    # A secret stored in clear before encryption existed still works, and is then encrypted.
    legacy_secret = "JBSWY3DPEHPK3PXP"
    Authenticator.objects.create(user=legacy, type="totp", data={"secret": legacy_secret})
    old_key = settings.MFA_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()

    with override_settings(MFA_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("mfa_reencrypt")
    assert "re-encrypted with the newest key: 2" in capsys.readouterr().out
    stored = json.dumps(list(Authenticator.objects.values_list("data", flat=True)))
    assert legacy_secret not in stored and user.totp_secret not in stored

    with override_settings(MFA_ENCRYPTION_KEYS=[new_key]):  # the old key is gone
        for person, secret in ((user, user.totp_secret), (legacy, legacy_secret)):
            browser = Client()
            sign_in_with_password(browser, person.email)
            browser.post(url("mfa_authenticate"), {"code": current_code(secret)})
            assert browser.get(url("intranet:home")).status_code == 200, person.email


# --- 8. Two invitations naming one directory entry ---------------------------------------------


def test_a_second_invitation_for_the_same_directory_entry_is_refused(client, sign_in):
    secretariat = sign_in("secretariat")
    person = Person.objects.get(slug="renan-rodas")
    invitation_create(
        invited_by=secretariat,
        email="first@example.org",
        given_name="Renán",
        family_name="Rodas",
        language="es",
        affiliation="secretariat",
        person=person,
        notify=False,
    )
    response = client.post(
        url("invitations:new"),
        {
            "email": "second@example.org",
            "given_name": "Renán",
            "family_name": "Rodas",
            "language": "en",
            "affiliation": "secretariat",
            "person": person.pk,
        },
    )
    assert response.status_code == 200
    assert "A pending invitation to another address already names this directory entry" in (
        response.content.decode()
    )
    assert not Invitation.objects.filter(email="second@example.org").exists()


def test_accepting_a_second_invitation_for_a_taken_directory_entry_gives_a_message(client):
    secretariat = make_user("secretariat")
    person = Person.objects.get(slug="renan-rodas")
    first = invitation_create(
        invited_by=secretariat,
        email="first@example.org",
        given_name="Renán",
        family_name="Rodas",
        language="en",
        affiliation="secretariat",
        person=person,
        notify=False,
    )
    # Two invitations sent at the same moment, before either could see the other.
    second = Invitation.objects.create(
        email="second@example.org",
        given_name="Renán",
        family_name="Rodas",
        language="en",
        affiliation="secretariat",
        person=person,
        token_hash=hash_token("second-token"),
        invited_by=secretariat,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    invitation_accept(token=first.token, password="a-long-and-unusual-password")

    response = client.post(
        url("accounts:invitation_accept", token="second-token"),
        {"password1": "a-long-and-unusual-password", "password2": "a-long-and-unusual-password"},
    )
    assert response.status_code == 410
    assert "already belongs to another account" in response.content.decode()
    assert not User.objects.filter(email="second@example.org").exists()
    second.refresh_from_db()
    assert second.state == Invitation.State.PENDING  # nothing was written


# --- 11. Smaller ones ----------------------------------------------------------------------------


def test_a_reset_request_for_an_unknown_address_sends_no_mail(client):
    response = client.post(url("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302  # the same answer as for a known address
    assert mail.outbox == []


def test_a_deactivated_then_reactivated_account_does_not_get_its_old_sessions_back(client, sign_in):
    target = make_user("official_b", email="target@example.org")
    old_device = Client()
    sign_in_with_password(old_device, target.email)
    assert old_device.get(url("intranet:home")).status_code == 200

    sign_in("secretariat")
    client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        user_change_data(target, is_active=""),
    )
    target.refresh_from_db()
    assert not target.is_active
    target.is_active = True
    target.save()

    assert old_device.get(url("intranet:home")).status_code == 302  # signed out for good
    new_device = Client()
    sign_in_with_password(new_device, target.email)
    assert new_device.get(url("intranet:home")).status_code == 200  # signing in again works


def test_an_address_confirmation_mail_links_to_the_configured_site_not_the_host_header(
    client, django_capture_on_commit_callbacks
):
    user = make_user("official_a")
    sign_in_with_password(client, user.email)
    client.post(url("account_reauthenticate"), {"password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("account_email"),
            {"action_add": "", "email": "new-address@example.org"},
            headers={"host": "localhost:18950"},
        )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == url("account_email")
    message = mail.outbox[-1]
    assert message.to == ["new-address@example.org"]
    assert "localhost" not in message.body
    assert re.search(re.escape(settings.SITE_URL) + r"/en/accounts/confirm-email/\S+", message.body)
