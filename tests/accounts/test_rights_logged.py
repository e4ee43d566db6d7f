"""Every change of what an account may do is a line of the security log (issue 32): who
changed which right of whom, to what, and by which path; the fund officer role has its own
(tests/accounts/test_fund_officer_role.py)."""

import logging

import pytest
from django.urls import reverse

from puebla.accounts.services import user_deactivate, user_reactivate
from tests.accounts.test_rights import make_superuser, user_change_data
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def test_rights_changed_in_the_admin_are_logged_with_who_and_what(client, caplog):
    superuser = make_superuser()
    client.force_login(superuser)
    official = make_user("official_a")
    change = reverse("admin:accounts_user_change", args=[official.pk])
    with caplog.at_level(logging.INFO, logger="puebla.security"):
        response = client.post(
            change,
            user_change_data(official, email=official.email, is_focal_point="on", is_staff="on"),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    for right in ("is_focal_point", "is_staff"):
        assert (
            f"right-changed right={right} value=yes user={official.pk} by={superuser.pk} "
            "via=admin" in caplog.text
        )
    assert "right=affiliation" not in caplog.text  # unchanged: not logged


def test_deactivation_and_reactivation_are_logged(caplog):
    secretariat = make_user("secretariat")
    official = make_user("official_a")
    with caplog.at_level(logging.INFO, logger="puebla.security"):
        user_deactivate(user=official, by=secretariat, reason="Left the ministry")
        user_reactivate(user=official, by=secretariat, reason="Back")
    by = f"user={official.pk} by={secretariat.pk} via=intranet"
    assert f"right-changed right=active value=no {by}" in caplog.text
    assert f"right-changed right=active value=yes {by}" in caplog.text
    assert "Left the ministry" not in caplog.text  # the reason is in the history, not the log
