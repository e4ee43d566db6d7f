"""Signing in: passwords, TOTP, throttling, the admin's login, sessions and the security log."""

import logging
import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tests.roles import PASSWORD, current_code, make_user

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def sign_in_with_password(client, email: str, password: str = PASSWORD):
    return client.post(url("account_login"), {"login": email, "password": password})


def test_a_focal_point_signs_in_with_a_password_and_reaches_my_secretariat(client):
    make_user("focal_point_a")
    response = sign_in_with_password(client, "focal-point-a@example.org")
    assert response.status_code == 302
    page = client.get(url("intranet:home"))
    content = page.content.decode()
    assert "Focal point of Costa Rica" in content
    assert "Member states" in content  # an audience this user belongs to
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]


def test_a_wrong_password_is_refused_with_a_message(client):
    make_user("official_a")
    response = sign_in_with_password(client, "official-a@example.org", "not-the-password")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert client.get(url("intranet:home")).status_code == 302


def test_secretariat_sign_in_asks_for_the_totp_code_and_a_code_works_once(client):
    user = make_user("secretariat")
    first = sign_in_with_password(client, user.email)
    assert first["Location"] == url("mfa_authenticate")

    wrong = client.post(
        url("mfa_authenticate"),
        {"code": "000000" if current_code(user.totp_secret) != "000000" else "111111"},
    )
    assert wrong.status_code == 200
    assert "Incorrect code" in wrong.content.decode()
    assert client.get(url("intranet:home")).status_code == 302

    code = current_code(user.totp_secret)
    assert client.post(url("mfa_authenticate"), {"code": code})["Location"] == url("intranet:home")
    assert client.get(url("intranet:home")).status_code == 200

    # The same code, captured by someone watching, is refused the second time.
    client.logout()
    sign_in_with_password(client, user.email)
    replay = client.post(url("mfa_authenticate"), {"code": code})
    assert replay.status_code == 200
    assert "Incorrect code" in replay.content.decode()
    assert client.get(url("intranet:home")).status_code == 302


def test_secretariat_without_mfa_is_sent_to_enrol_before_the_intranet(client):
    user = make_user("secretariat", enrol_mfa=False)
    sign_in_with_password(client, user.email)
    response = client.get(url("intranet:home"))
    assert response.status_code == 302
    assert response["Location"] == url("mfa_activate_totp")
    assert client.get(url("intranet:notices")).status_code == 302
    # allauth asks for the password once more before any MFA change, then shows the page.
    enrol = client.get(response["Location"])
    assert enrol["Location"].startswith(url("account_reauthenticate"))
    assert client.post(enrol["Location"], {"password": PASSWORD})["Location"] == url(
        "mfa_activate_totp"
    )
    assert "Authenticator App" in client.get(url("mfa_activate_totp")).content.decode()


def test_fund_officer_without_mfa_is_sent_to_enrol_too(client):
    user = make_user("fund_officer", enrol_mfa=False)
    sign_in_with_password(client, user.email)
    assert client.get(url("intranet:home"))["Location"] == url("mfa_activate_totp")


def test_admin_login_goes_through_sign_in_and_staff_without_mfa_cannot_use_the_admin(client):
    user = make_user("secretariat", enrol_mfa=False)
    login_page = client.get("/admin/login/?next=/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert login_page.status_code == 302
    assert login_page["Location"].startswith("/es/accounts/login/") or login_page[
        "Location"
    ].startswith(url("account_login"))
    # Posting the admin's own form does not sign anyone in.
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 302
    sign_in_with_password(client, user.email)
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].endswith("/accounts/2fa/totp/activate/")


def test_repeated_failures_lock_the_account_with_a_clear_message(client, caplog):
    make_user("official_b")
    caplog.set_level(logging.INFO, logger="puebla.security")
    for _attempt in range(5):
        assert (
            sign_in_with_password(client, "official-b@example.org", "wrong-password").status_code
            == 200
        )
    locked = sign_in_with_password(client, "official-b@example.org", PASSWORD)  # even the right one
    assert "Too many failed sign-ins for this account" in locked.content.decode()
    assert client.get(url("intranet:home")).status_code == 302
    assert "rate-limited" in caplog.text
    assert caplog.text.count("sign-in-failed email=official-b@example.org") == 5
    assert "wrong-password" not in caplog.text and PASSWORD not in caplog.text


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip", "login": "30/m/ip"})
def test_many_failures_from_one_address_are_refused_across_accounts(client):
    for number in range(3):
        sign_in_with_password(client, f"nobody-{number}@example.org", "wrong")
    make_user("official_a")
    refused = sign_in_with_password(client, "official-a@example.org")
    assert "Too many failed sign-ins from your network" in refused.content.decode()
    assert client.get(url("intranet:home")).status_code == 302


def test_security_log_records_sign_in_and_sign_out_without_secrets(client, caplog):
    user = make_user("observer_state")
    caplog.set_level(logging.INFO, logger="puebla.security")
    sign_in_with_password(client, user.email)
    client.post(url("account_logout"))
    assert f"sign-in user={user.pk}" in caplog.text
    assert f"sign-out user={user.pk}" in caplog.text
    assert PASSWORD not in caplog.text
    user_login_failed.send(
        sender=None,
        credentials={"email": "x@example.org", "password": "secret-value"},
        request=None,
    )
    assert "secret-value" not in caplog.text


def test_an_idle_session_is_signed_out(client, sign_in):
    sign_in("official_a")
    assert client.get(url("intranet:home")).status_code == 200
    session = client.session
    session["puebla_last_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get(url("intranet:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login"))
    assert client.get(url("intranet:home")).status_code == 302  # really signed out


def test_a_session_has_an_absolute_lifetime(client, sign_in):
    sign_in("official_a")
    client.get(url("intranet:home"))
    session = client.session
    session["puebla_signed_in_at"] = time.time() - 13 * 3600
    session.save()
    assert client.get(url("intranet:home")).status_code == 302


def test_my_active_sessions_are_listed(client):
    user = make_user("official_a")
    sign_in_with_password(client, user.email)
    page = client.get(url("usersessions_list"))
    assert page.status_code == 200
    assert "Sign Out Other Sessions" in page.content.decode() or "Sessions" in page.content.decode()


def test_security_headers_on_every_page(client, sign_in):
    public = client.get("/en/")
    assert "default-src 'self'" in public["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"
    assert public["Referrer-Policy"] == "same-origin"
    assert public["X-Content-Type-Options"] == "nosniff"
    sign_in("official_a")
    assert "no-store" in client.get(url("intranet:notices"))["Cache-Control"]


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = make_user("observer_state")
    client.post(url("account_reset_password"), {"email": user.email})
    message = mail.outbox[-1]
    assert message.to == [user.email]
    link = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(
        action, {"password1": "a-brand-new-long-password", "password2": "a-brand-new-long-password"}
    )
    user.refresh_from_db()
    assert user.check_password("a-brand-new-long-password")


def test_changing_the_e_mail_address_asks_for_the_password_again(client):
    user = make_user("official_a")
    sign_in_with_password(client, user.email)
    session = client.session
    # Make the sign-in older than the re-authentication window.
    for record in session.get("account_authentication_methods", []):
        record["at"] -= 3600
    session.save()
    response = client.post(
        url("account_email"), {"action_add": "", "email": "new-address@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(url("account_reauthenticate"))
    user.refresh_from_db()
    assert user.email == "official-a@example.org"


def test_another_account_s_address_cannot_be_added_and_is_not_mailed(
    client, django_capture_on_commit_callbacks
):
    """Issue 27: any signed-in person could make Puebla mail a confirmation link to any
    address, another account's included."""
    user = make_user("official_a")
    other = make_user("official_b")
    sign_in_with_password(client, user.email)
    client.post(url("account_reauthenticate"), {"password": PASSWORD})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url("account_email"), {"action_add": "", "email": other.email.upper()})
    assert "This address cannot be used." in page.content.decode()
    assert "official-b" not in page.content.decode().split("This address cannot be used.")[0][-400:]
    assert mail.outbox == []
    # A free address is confirmed by mail as before.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("account_email"), {"action_add": "", "email": "new-address@example.org"})
    assert [message.to for message in mail.outbox] == [["new-address@example.org"]]


def test_changes_of_address_are_limited_to_five_an_hour(client):
    user = make_user("official_a")
    sign_in_with_password(client, user.email)
    client.post(url("account_reauthenticate"), {"password": PASSWORD})
    for number in range(5):
        answer = client.post(
            url("account_email"), {"action_add": "", "email": f"new-{number}@example.org"}
        )
        assert answer.status_code != 429
    refused = client.post(url("account_email"), {"action_add": "", "email": "sixth@example.org"})
    assert refused.status_code == 429
    assert "five times within the hour" in refused.content.decode()
    assert not any("sixth@example.org" in message.to for message in mail.outbox)


def test_signing_out_other_sessions(client):
    user = make_user("official_a")
    other_device = Client()
    sign_in_with_password(other_device, user.email)
    sign_in_with_password(client, user.email)
    assert UserSession.objects.filter(user=user).count() == 2
    client.post(url("usersessions_list"), {"action": "logout"})
    assert other_device.get(url("intranet:home")).status_code == 302
    assert client.get(url("intranet:home")).status_code == 200


def test_any_user_can_enrol_in_totp_and_the_change_is_logged(
    client, caplog, django_capture_on_commit_callbacks
):
    user = make_user("civil_society")
    sign_in_with_password(client, user.email)
    caplog.set_level(logging.INFO, logger="puebla.security")
    client.post(url("account_reauthenticate"), {"password": PASSWORD})
    client.get(url("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after commit
        response = client.post(url("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert f"mfa-added user={user.pk} type=totp" in caplog.text
    assert secret not in caplog.text


def test_the_sign_in_page_says_accounts_come_by_invitation_not_sign_up(client):
    page = client.get(url("account_login")).content.decode()
    assert "sign up" not in page.lower()
    assert "Accounts are opened by invitation from the Technical Secretariat." in page
    assert f'href="{url("account_reset_password")}"' in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "it is locked for 15 minutes"),
        ("es", "está bloqueada durante 15 minutos"),
    ],
)
def test_a_locked_out_person_is_told_for_how_long_and_what_to_do(client, language, expected):
    user = make_user("official_b")
    with translation.override(language):
        login = reverse("account_login")
    for _attempt in range(5):
        client.post(login, {"login": user.email, "password": "wrong-password"})
    page = client.post(login, {"login": user.email, "password": PASSWORD}).content.decode()
    assert expected in page
    assert ("Technical Secretariat" if language == "en" else "Secretaría Técnica") in page


def test_the_per_address_limit_says_it_is_the_network_and_for_how_long(client, caplog):
    """Ten failures a minute from one address, each on another account: the eleventh is
    refused by the address's limit, which lasts a minute and locks no account."""
    caplog.set_level(logging.INFO, logger="puebla.security")
    with translation.override("en"):
        login = reverse("account_login")
    for attempt in range(10):
        client.post(login, {"login": f"nobody{attempt}@example.org", "password": "wrong-pass"})
    user = make_user("official_b")
    page = client.post(login, {"login": user.email, "password": PASSWORD}).content.decode()
    assert (
        "Too many failed sign-ins from your network: signing in from it is paused for 1 minute."
        in page
    )
    assert "Your account is not locked" in page
    assert "for this account" not in page
    assert "limit=ip" in caplog.text
    with translation.override("es"):
        spanish = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        ).content.decode()
    assert "desde su red" in spanish


def test_switching_the_sign_in_page_to_english_leads_to_the_english_intranet(client):
    with translation.override("es"):
        spanish_intranet = reverse("intranet:home")
    page = client.get(f"{reverse('account_login')}?next={spanish_intranet}").content.decode()
    with translation.override("en"):
        english_login, english_intranet = reverse("account_login"), reverse("intranet:home")
    assert f'href="{english_login}?next={english_intranet}"' in page


def test_spanish_pages_say_two_factor_authentication_one_way(client):
    user = make_user("official_a")
    client.force_login(user)
    with translation.override("es"):
        page = client.get(reverse("mfa_index")).content.decode()
    assert "Autenticación de dos factores" in page
    assert "doble factor" not in page


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "mfa_index", "usersessions_list"]
)
def test_account_pages_keep_the_intranet_navigation(client, name):
    client.force_login(make_user("official_a"))
    page = client.get(url(name)).content.decode()
    assert 'aria-label="Intranet"' in page
    assert f'href="{url("intranet:home")}"' in page


def test_the_sign_in_page_has_no_intranet_navigation(client):
    assert 'aria-label="Intranet"' not in client.get(url("account_login")).content.decode()


def test_a_wrong_current_password_is_called_wrong_not_missing(client):
    client.force_login(make_user("official_a"))
    response = client.post(
        url("account_change_password"),
        {"oldpassword": "not-my-password", "password1": "x" * 20, "password2": "x" * 20},
    )
    page = response.content.decode()
    assert "This is not your current password." in page
    assert "Please type your current password" not in page
