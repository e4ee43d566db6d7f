"""Admin rights follow the affiliation; nobody raises their own or another person's rights."""

import datetime
import re

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.models import Invitation, User
from puebla.accounts.services import invitation_accept, invitation_create, user_sync_rights
from puebla.directory.models import Appointment, Body, Country, Person
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def user_change_data(user: User, **changes) -> dict:
    data = {
        "full_name": user.full_name,
        "language": user.language,
        "affiliation": user.affiliation,
        "country": user.country_id or "",
        "organisation": user.organisation_id or "",
        "is_active": "on",
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def make_superuser(email: str = "root@example.org") -> User:
    superuser = User.objects.create_superuser(email, "x" * 16, full_name="Root")
    Authenticator.objects.create(user=superuser, type="totp", data={"secret": "x"})
    return superuser


def test_a_secretariat_member_moved_to_a_country_loses_the_admin_at_once(client):
    # Only a superuser changes a staff member's account (test_security.py).
    client.force_login(make_superuser())
    colleague = User.objects.create_user(
        "colleague@example.org", "x" * 16, full_name="Colleague", affiliation="secretariat"
    )
    user_sync_rights(user=colleague)
    assert colleague.is_staff and colleague.groups.exists()

    response = client.post(
        reverse("admin:accounts_user_change", args=[colleague.pk]),
        user_change_data(
            colleague,
            email=colleague.email,
            is_staff="on",  # the superuser leaves the flag on: the affiliation decides
            affiliation="member_state",
            country=Country.objects.get(iso_code="PA").pk,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    colleague.refresh_from_db()
    assert (colleague.is_staff, colleague.groups.count()) == (False, 0)


def test_staff_flag_without_the_secretariat_affiliation_opens_nothing(client):
    official = make_user("official_a")
    official.is_staff = True
    official.save()
    assert official.requires_mfa  # whoever holds the flag must use a second factor
    client.force_login(official)
    Authenticator.objects.create(user=official, type="totp", data={"secret": "x"})
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/intranet/notice/").status_code == 404


def test_the_secretariat_cannot_grant_superuser_or_staff_rights_or_change_an_address(
    client, sign_in
):
    sign_in("secretariat")
    target = make_user("official_b", email="target@example.org")
    page = client.get(reverse("admin:accounts_user_change", args=[target.pk])).content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="email"' not in page
    client.post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        user_change_data(target, is_superuser="on", is_staff="on", email="attacker@example.org"),
    )
    target.refresh_from_db()
    assert (target.is_superuser, target.is_staff, target.email) == (
        False,
        False,
        "target@example.org",
    )
    assert (
        client.get(reverse("admin:auth_user_password_change", args=[target.pk])).status_code == 403
    )
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403


def test_an_invitation_cannot_be_edited_in_the_admin_but_can_be_withdrawn(client, sign_in):
    secretariat = sign_in("secretariat")
    invitation = Invitation.objects.create(
        email="someone@example.org",
        given_name="Some",
        family_name="One",
        affiliation="member_state",
        country=Country.objects.get(iso_code="BZ"),
        token_hash="1" * 64,
        invited_by=secretariat,
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    url = reverse("admin:accounts_invitation_change", args=[invitation.pk])
    client.post(
        url, {"expires_at_0": "2099-01-01", "expires_at_1": "00:00", "affiliation": "secretariat"}
    )
    invitation.refresh_from_db()
    assert invitation.state == "expired" and invitation.affiliation == "member_state"

    invitation.expires_at = timezone.now() + datetime.timedelta(days=1)
    invitation.save()
    client.post(
        reverse("admin:accounts_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )
    invitation.refresh_from_db()
    assert invitation.state == "revoked"


def test_removing_the_authenticator_closes_the_intranet_at_the_next_request(client, sign_in):
    user = sign_in("fund_officer")
    with translation.override("en"):
        home = reverse("intranet:home")
    assert client.get(home).status_code == 200
    Authenticator.objects.filter(user=user).delete()
    assert client.get(home).status_code == 302


def test_staff_who_need_mfa_cannot_switch_it_off(client, sign_in):
    user = sign_in("secretariat")
    assert not get_adapter().can_delete_authenticator(
        Authenticator.objects.get(user=user, type="totp")
    )
    official = sign_in("official_a", email="official@example.org")
    totp = Authenticator.objects.create(user=official, type="totp", data={"secret": "x"})
    assert get_adapter().can_delete_authenticator(totp)


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """invite(secretariat, **fields) -> (invitation, token read from the mail that was sent)."""

    def send(secretariat, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitation_create(
                invited_by=secretariat,
                email="new.person@example.org",
                given_name="New",
                family_name="Person",
                language="en",
                affiliation="member_state",
                country=Country.objects.get(iso_code="SV"),
                **fields,
            )
        token = re.search(r"/invitation/([^/]+)/", mail.outbox[-1].body).group(1)
        return invitation, token

    return send


def test_an_account_is_never_linked_to_a_directory_entry_found_by_address(invite):
    secretariat = make_user("secretariat")
    insider = Person.objects.create(
        slug="insider", given_name="New", family_name="Person", email="new.person@example.org"
    )
    Appointment.objects.create(
        person=insider,
        body=Body.objects.get(slug="network-smuggling-trafficking"),
        title_es="E",
        title_en="E",
    )
    _invitation, token = invite(secretariat)
    user = invitation_accept(token=token, password="a-long-and-unusual-password")
    assert user.person != insider
    assert user.body_ids == frozenset()


def test_an_account_is_linked_to_the_directory_entry_the_secretariat_chose(invite):
    secretariat = make_user("secretariat")
    chosen = Person.objects.get(slug="renan-rodas")
    _invitation, token = invite(secretariat, person=chosen)
    user = invitation_accept(token=token, password="a-long-and-unusual-password")
    assert user.person == chosen


def test_a_new_invitation_withdraws_the_pending_one_for_the_same_address(invite):
    secretariat = make_user("secretariat")
    first, _token = invite(secretariat)
    second, _token = invite(secretariat, is_focal_point=True)
    first.refresh_from_db()
    assert (first.state, second.state) == ("revoked", "pending")


def test_a_password_like_the_invitees_address_is_refused(client, invite):
    secretariat = make_user("secretariat")
    _invitation, token = invite(secretariat)
    with translation.override("en"):
        url = reverse("accounts:invitation_accept", kwargs={"token": token})
        response = client.post(
            url, {"password1": "new.person@example", "password2": "new.person@example"}
        )
    assert "too similar" in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()
