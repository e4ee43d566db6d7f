"""The secretariat manages invitations in the intranet: filter by state, withdraw, send a new
link, renew; each asks for confirmation first, and a closed invitation cannot be changed."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from puebla.accounts.models import Invitation, hash_token
from puebla.accounts.services import invitation_accept, invitation_create

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def invitation(sign_in):
    secretariat = sign_in("secretariat")
    made = invitation_create(
        invited_by=secretariat,
        email="pending@example.org",
        given_name="Pending",
        family_name="Person",
        language="en",
        affiliation="secretariat",
        notify=False,
    )
    return made


def test_withdrawing_asks_first_then_the_link_stops_working(client, invitation):
    page = client.get(en("invitations:withdraw", pk=invitation.pk)).content.decode()
    assert "The link will stop working." in page
    assert Invitation.objects.get(pk=invitation.pk).state == "pending"
    assert client.post(en("invitations:withdraw", pk=invitation.pk)).status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).state == "revoked"
    assert client.get(en("accounts:invitation_accept", token=invitation.token)).status_code == 410


def test_a_new_link_is_mailed_and_the_old_one_stops_working(
    client, invitation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(en("invitations:resend", pk=invitation.pk))
    assert response.status_code == 302
    [message] = mail.outbox
    new_token = re.search(r"/invitation/([^/]+)/", message.body).group(1)
    assert new_token != invitation.token
    assert client.get(en("accounts:invitation_accept", token=invitation.token)).status_code == 410
    assert Invitation.objects.get(pk=invitation.pk).token_hash == hash_token(new_token)


def test_renewing_gives_the_same_link_seven_more_days(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert Invitation.objects.get(pk=invitation.pk).state == "expired"
    client.post(en("invitations:renew", pk=invitation.pk))
    renewed = Invitation.objects.get(pk=invitation.pk)
    assert renewed.state == "pending"
    assert renewed.expires_at > timezone.now() + datetime.timedelta(days=6)
    assert not mail.outbox
    client.logout()
    assert client.get(en("accounts:invitation_accept", token=invitation.token)).status_code == 200


def test_an_accepted_invitation_cannot_be_withdrawn_renewed_or_resent(client, invitation):
    invitation_accept(token=invitation.token, password="a-long-and-unusual-password")
    before = Invitation.objects.filter(pk=invitation.pk).values().get()
    for action in ("withdraw", "resend", "renew"):
        page = client.post(en(f"invitations:{action}", pk=invitation.pk)).content.decode()
        assert "already accepted" in page
    assert Invitation.objects.filter(pk=invitation.pk).values().get() == before
    assert not mail.outbox


def test_the_list_filters_by_state_and_offers_actions_only_on_open_invitations(client, invitation):
    withdrawn = invitation_create(
        invited_by=None,
        email="withdrawn@example.org",
        given_name="Gone",
        family_name="Person",
        language="en",
        affiliation="secretariat",
        notify=False,
    )
    client.post(en("invitations:withdraw", pk=withdrawn.pk))
    client.get(en("invitations:list"))  # shows, and so clears, the "withdrawn" message
    pending_page = client.get(en("invitations:list") + "?state=pending").content.decode()
    assert "pending@example.org" in pending_page and "withdrawn@example.org" not in pending_page
    assert en("invitations:withdraw", pk=invitation.pk) in pending_page
    revoked_page = client.get(en("invitations:list") + "?state=revoked").content.decode()
    assert "withdrawn@example.org" in revoked_page
    assert en("invitations:withdraw", pk=withdrawn.pk) not in revoked_page
