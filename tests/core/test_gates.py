"""Views declare their access; undeclared views are refused; MFA follows from the role on every
page, including a test-only app's that the project's code has never heard of."""

import logging

import pytest
from django.core import checks
from django.urls import reverse

from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("role", ["anonymous", "official_a", "secretariat"])
def test_a_view_that_declares_nothing_is_refused_for_everyone(client, role, caplog):
    if role != "anonymous":
        client.force_login(make_user(role))
    with caplog.at_level(logging.ERROR, logger="puebla.security"):
        response = client.get(url("accessapp:undeclared"))
    assert response.status_code == 404
    assert b"undeclared page reached" not in response.content
    assert "undeclared-view accessapp:undeclared" in caplog.text


@pytest.mark.parametrize("role", ["secretariat", "fund_officer"])
def test_a_role_that_requires_mfa_reaches_no_page_of_any_app_until_it_enrols(client, role):
    client.force_login(make_user(role, enrol_mfa=False))
    for name in ("accessapp:signed_in", "portal:home", "intranet:home", "account_email"):
        response = client.get(url(name))
        assert response.status_code == 302, name
        assert response["Location"] == url("mfa_activate_totp"), name
    assert client.get("/admin/").status_code == 302
    # What is needed to enrol stays reachable: the set-up asks for the password first.
    assert client.get(url("mfa_activate_totp"))["Location"].startswith(
        url("account_reauthenticate")
    )
    assert client.get(url("account_reauthenticate")).status_code == 200


def test_the_same_role_reaches_the_page_once_enrolled(client):
    client.force_login(make_user("secretariat"))
    response = client.get(url("accessapp:signed_in"))
    assert response.content == b"signed-in page reached"


def test_declared_levels_sign_in_or_hide(client):
    response = client.get(url("accessapp:signed_in"))
    assert response.status_code == 302 and response["Location"].startswith(url("account_login"))
    client.force_login(make_user("official_a"))
    assert client.get(url("accessapp:signed_in")).content == b"signed-in page reached"
    assert client.get(url("accessapp:secretariat")).status_code == 404


def test_every_page_for_a_signed_in_person_is_no_store_and_public_ones_are_not(client):
    assert "no-store" not in client.get(url("portal:home")).get("Cache-Control", "")
    client.force_login(make_user("official_a"))
    for name in ("portal:home", "accessapp:signed_in", "account_email", "mfa_index"):
        assert "no-store" in client.get(url(name))["Cache-Control"], name


def test_a_missing_access_middleware_fails_the_system_checks(settings):
    assert "puebla.E001" not in {error.id for error in checks.run_checks(tags=["security"])}
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "gates" not in name]
    errors = checks.run_checks(tags=["security"])
    assert "puebla.E001" in {error.id for error in errors}
