"""Who may make an account a Reserve Fund officer (issue 27 finding 3): a superuser, for another
account; never the secretariat, never an account for itself, by the admin or an invitation;
each change in the security log."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from puebla.accounts.models import Invitation, User
from puebla.accounts.services import invitation_accept, invitation_create, user_fund_officer_set
from puebla.directory.models import Country
from tests.accounts.test_rights import make_superuser, user_change_data
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def fund_officer(user: User) -> bool:
    user.refresh_from_db()
    return user.is_fund_officer


def test_a_secretariat_account_cannot_make_itself_or_another_a_fund_officer_in_the_admin(
    client, sign_in, caplog
):
    """The attack as found: the secretariat ticks the role on its own change form, then on a
    colleague's."""
    secretariat = sign_in("secretariat")
    official = make_user("official_a")
    for target in (secretariat, official):
        change = reverse("admin:accounts_user_change", args=[target.pk])
        page = client.get(change).content.decode()
        assert 'name="is_fund_officer"' not in page
        with caplog.at_level(logging.INFO, logger="puebla.security"):
            client.post(change, user_change_data(target, is_fund_officer="on"))
        assert not fund_officer(target)
    assert "role-granted" not in caplog.text


def test_a_superuser_grants_and_removes_the_role_of_another_account_logged(client, caplog):
    superuser = make_superuser()
    client.force_login(superuser)
    official = make_user("official_a")
    change = reverse("admin:accounts_user_change", args=[official.pk])
    with caplog.at_level(logging.INFO, logger="puebla.security"):
        response = client.post(
            change, user_change_data(official, email=official.email, is_fund_officer="on")
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert fund_officer(official)
        client.post(change, user_change_data(official, email=official.email))
        assert not fund_officer(official)
    assert (
        f"role-granted role=fund-officer user={official.pk} by={superuser.pk} via=admin"
        in caplog.text
    )
    assert (
        f"role-removed role=fund-officer user={official.pk} by={superuser.pk} via=admin"
        in caplog.text
    )
    assert official.history.filter(history_user=superuser, is_fund_officer=True).exists()


def test_a_superuser_cannot_grant_the_role_to_itself(client):
    superuser = make_superuser()
    client.force_login(superuser)
    change = reverse("admin:accounts_user_change", args=[superuser.pk])
    assert 'name="is_fund_officer"' not in client.get(change).content.decode()
    client.post(
        change,
        user_change_data(
            superuser, email=superuser.email, is_superuser="on", is_staff="on", is_fund_officer="on"
        ),
    )
    assert not fund_officer(superuser)
    assert superuser.is_superuser
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        user_fund_officer_set(user=superuser, granted=True, by=superuser, via="test")
    assert refused.value.message_dict["is_fund_officer"] == [
        "No account can grant or remove its own Reserve Fund officer role."
    ]


def test_the_secretariat_cannot_invite_a_fund_officer(client, sign_in):
    secretariat = sign_in("secretariat")
    with translation.override("en"):
        new = reverse("invitations:new")
    page = client.get(new).content.decode()
    assert "Only a superuser can grant or remove the Reserve Fund officer role." in page
    client.post(
        new,
        {
            "email": "alias@example.org",
            "given_name": "Al",
            "family_name": "Ias",
            "language": "en",
            "affiliation": "member_state",
            "country": Country.objects.get(iso_code="CR").pk,
            "is_fund_officer": "on",
        },
    )
    invitation = Invitation.objects.get(email="alias@example.org")
    assert not invitation.is_fund_officer  # the box was not offered: the account is ordinary
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        invitation_create(
            invited_by=secretariat,
            email="alias2@example.org",
            given_name="Al",
            family_name="Ias",
            language="en",
            affiliation="secretariat",
            is_fund_officer=True,
        )
    assert "Only a superuser" in refused.value.message_dict["is_fund_officer"][0]


def test_a_superuser_s_invitation_grants_the_role_on_acceptance_logged(caplog):
    superuser = make_superuser()
    with caplog.at_level(logging.INFO, logger="puebla.security"):
        invitation = invitation_create(
            invited_by=superuser,
            email="officer@example.org",
            given_name="Fund",
            family_name="Officer",
            language="es",
            affiliation="secretariat",
            is_fund_officer=True,
            notify=False,
        )
        user = invitation_accept(token=invitation.token, password="a-long-password-for-the-fund")
    assert user.is_fund_officer
    assert f"role-invited role=fund-officer invitation={invitation.pk} by={superuser.pk}" in (
        caplog.text
    )
    assert f"role-granted role=fund-officer user={user.pk} by={superuser.pk} via=invitation" in (
        caplog.text
    )
