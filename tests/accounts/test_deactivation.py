"""The secretariat deactivates an account in the intranet, with a reason: the person is signed
out everywhere, the history keeps the reason, and the account can be reactivated."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from django.utils import translation

from puebla.accounts.models import User
from tests.roles import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def signed_in_browser(user) -> Client:
    browser = Client()
    response = browser.post(en("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_deactivating_asks_first_then_signs_the_person_out_everywhere(client, sign_in):
    secretariat = sign_in("secretariat")
    official = make_user("official_a")
    browsers = [signed_in_browser(official) for _ in range(2)]
    assert UserSession.objects.filter(user=official).count() == 2

    confirm = client.get(en("user_accounts:deactivate", pk=official.pk)).content.decode()
    assert "every session they have open ends now" in confirm
    assert User.objects.get(pk=official.pk).is_active  # asking changes nothing

    response = client.post(
        en("user_accounts:deactivate", pk=official.pk), {"reason": "Left the ministry"}
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert not official.is_active
    assert UserSession.objects.filter(user=official).count() == 0
    for browser in browsers:
        assert browser.get(en("intranet:home")).status_code == 302  # back to sign-in
    latest = official.history.first()
    assert (latest.history_user, latest.history_change_reason) == (secretariat, "Left the ministry")

    page = client.get(en("user_accounts:list") + "?state=inactive").content.decode()
    assert official.email in page and "Reactivate" in page


def test_a_deactivated_account_is_reactivated_with_a_reason_and_can_sign_in(client, sign_in):
    sign_in("secretariat")
    official = make_user("official_a")
    client.post(en("user_accounts:deactivate", pk=official.pk), {"reason": "Mistake"})
    response = client.post(en("user_accounts:reactivate", pk=official.pk), {"reason": "Back"})
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.is_active
    assert official.history.first().history_change_reason == "Back"
    signed_in_browser(official)


def test_without_a_reason_nothing_changes_and_the_form_says_why(client, sign_in):
    sign_in("secretariat")
    official = make_user("official_a")
    with translation.override("es"):
        url = reverse("user_accounts:deactivate", kwargs={"pk": official.pk})
    page = client.post(url, {"reason": "   "}).content.decode()
    assert "Este campo es obligatorio." in page
    official.refresh_from_db()
    assert official.is_active


def test_staff_cannot_deactivate_a_superuser_a_colleague_or_themselves(client, sign_in):
    secretariat = sign_in("secretariat")
    colleague = make_user("secretariat", email="colleague@example.org")
    superuser = make_user("official_a", email="root@example.org")
    User.objects.filter(pk=superuser.pk).update(is_superuser=True)
    for target in (colleague, superuser, secretariat):
        url = en("user_accounts:deactivate", pk=target.pk)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "Trying"}).status_code == 404
        target.refresh_from_db()
        assert target.is_active
