"""Behind trusted proxies, the sign-in limits count the visitor's address; a request that came
past the proxies (fewer X-Forwarded-For entries than proxies) is answered, not a server error."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

SIGN_IN = {"login": "nobody@example.org", "password": "not-the-password"}


@override_settings(TRUSTED_PROXY_COUNT=2, ALLAUTH_TRUSTED_PROXY_COUNT=2)
def test_a_short_forwarded_header_is_answered_and_counted_against_the_peer(caplog):
    client = Client(REMOTE_ADDR="198.51.100.9", raise_request_exception=False)
    response = client.post("/es/accounts/login/", SIGN_IN, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 200
    assert "ip=198.51.100.9" in caplog.text


@override_settings(TRUSTED_PROXY_COUNT=2, ALLAUTH_TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_visitors_address_is_counted(caplog):
    client = Client(REMOTE_ADDR="10.0.0.2")
    forwarded = "192.0.2.50, 203.0.113.7, 10.0.0.1"
    client.post("/es/accounts/login/", SIGN_IN, HTTP_X_FORWARDED_FOR=forwarded)
    assert "ip=203.0.113.7" in caplog.text
