"""Log lines: JSON objects one a line, secret URL arguments redacted, control characters
escaped, the client's address behind trusted proxies (puebla.core.logs, .accesslog)."""

import json
import logging

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from puebla.core import security_log
from puebla.core.logs import REDACTED, JsonFormatter, redact_path


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_project_s_secret_links_are_redacted(language):
    with translation.override(language):
        links = [
            reverse("accounts:invitation_accept", kwargs={"token": "Tok3n_abc"}),
            reverse("account_reset_password_from_key", kwargs={"uidb36": "2s", "key": "c1-k3y"}),
            reverse("account_confirm_email", kwargs={"key": "Conf1rmKey"}),
        ]
    redacted = [redact_path(link) for link in links]
    for link, logged in zip(links, redacted, strict=True):
        assert REDACTED in logged
        for secret in ("Tok3n_abc", "2s-c1", "c1-k3y", "Conf1rmKey"):
            assert secret not in logged, link
    # A link without its final slash (redirected to the one with it) is redacted too.
    assert "Tok3n_abc" not in redact_path(links[0].rstrip("/"))
    assert redact_path("/es/miembros/") == "/es/miembros/"


@given(token=st.text(alphabet=st.characters(codec="ascii", categories=["L", "N"]), min_size=8))
def test_any_invitation_token_is_redacted(token):
    assume(token not in REDACTED)
    path = reverse("accounts:invitation_accept", kwargs={"token": token})
    assert token not in redact_path(path)


@given(message=st.text())
def test_any_message_is_one_json_line_that_reads_back_the_same(message):
    record = logging.LogRecord("puebla.test", logging.INFO, __file__, 1, "%s", (message,), None)
    line = JsonFormatter().format(record)
    assert len(line.splitlines()) == 1
    assert line.isascii()
    if "/" not in message:  # paths in messages are candidates for redaction
        assert json.loads(line)["message"] == message


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.core.logs_urls")
def test_a_server_error_on_a_url_with_a_token_logs_the_path_redacted(log_lines):
    client = Client(raise_request_exception=False)
    assert client.get("/fails/S3cretT0ken/").status_code == 500
    assert client.get("/fails/plain/not-a-secret/").status_code == 500

    lines = [json.loads(line) for line in log_lines()]
    errors = [entry for entry in lines if entry["logger"] == "django.request"]
    assert [entry["message"] for entry in errors] == [
        "Internal Server Error: /fails/[redacted]/",
        "Internal Server Error: /fails/plain/not-a-secret/",
    ]
    assert "RuntimeError: a bug in a view" in errors[0]["exception"]
    access = [entry for entry in lines if entry["logger"] == "puebla.access"]
    assert [(entry["path"], entry["status"]) for entry in access] == [
        ("/fails/[redacted]/", 500),
        ("/fails/plain/not-a-secret/", 500),
    ]
    assert "S3cretT0ken" not in "\n".join(log_lines())


@pytest.mark.django_db
def test_a_crlf_path_is_logged_escaped_on_one_line(log_lines):
    """Issue 14 finding 10: a CR/LF in a path cannot forge a log line, in any log."""
    Client().get("/es/x%0d%0a2026-01-01 INFO puebla.security sign-in user=1")
    security_log.lockout(RequestFactory().get("/admin/x%0d%0aforged-line"))

    lines = log_lines()
    entries = [json.loads(line) for line in lines]  # every line is one whole JSON object
    assert {entry["logger"] for entry in entries} >= {
        "puebla.access",
        "django.request",
        "puebla.security",
    }
    assert not any(line.startswith(("2026", "forged")) for line in lines)
    security = next(entry for entry in entries if entry["logger"] == "puebla.security")
    assert security["message"].startswith("rate-limited path=/admin/x\r\nforged-line")
    assert "\\r\\nforged-line" in lines[entries.index(security)]


@pytest.mark.django_db
def test_the_access_log_has_no_query_string_referer_or_cookie(log_lines, client):
    client.get(
        "/es/miembros/?next=/es/accounts/invitacion/S3cret/",
        HTTP_REFERER="http://127.0.0.1/es/accounts/invitacion/S3cret/",
        HTTP_COOKIE="sessionid=S3cretSession",
    )
    (entry,) = [json.loads(line) for line in log_lines()]
    assert entry["logger"] == "puebla.access"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/es/miembros/", 200)
    assert entry["client"] == "127.0.0.1"
    assert "S3cret" not in json.dumps(entry)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_visitor_s_address_is_limited_and_logged(log_lines):
    """10 failed sign-ins a minute per address: the visitor's address, not the proxy's."""
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    def sign_in_from(address: str, attempt: int) -> str:
        answer = Client(**proxy).post(
            "/es/accounts/login/",
            {"login": f"nobody{attempt}@example.org", "password": "wrong-password-123"},
            HTTP_X_FORWARDED_FOR=address,
        )
        return answer.content.decode()

    too_many = "Demasiados intentos fallidos"
    assert not any(too_many in sign_in_from("203.0.113.7", attempt) for attempt in range(10))
    assert too_many in sign_in_from("203.0.113.7", 10)
    # Another visitor behind the same proxy is not limited.
    assert too_many not in sign_in_from("198.51.100.2", 11)

    entries = [json.loads(line) for line in log_lines()]
    security = [e["message"] for e in entries if e["logger"] == "puebla.security"]
    assert security[:10] == [
        f"sign-in-failed email=nobody{attempt}@example.org ip=203.0.113.7" for attempt in range(10)
    ]
    assert "rate-limited path=/es/accounts/login/ ip=203.0.113.7 limit=ip" in security
    assert {e["client"] for e in entries if e["logger"] == "puebla.access"} == {
        "203.0.113.7",
        "198.51.100.2",
    }


@pytest.mark.django_db
def test_without_trusted_proxies_x_forwarded_for_is_ignored(log_lines):
    Client(REMOTE_ADDR="10.0.0.1").get("/es/", HTTP_X_FORWARDED_FOR="203.0.113.7")
    (entry,) = [json.loads(line) for line in log_lines()]
    assert entry["client"] == "10.0.0.1"


@pytest.mark.django_db
def test_a_security_log_line_about_a_secret_link_is_redacted(log_lines):
    with translation.override("en"):
        link = reverse("account_reset_password_from_key", kwargs={"uidb36": "2s", "key": "S3cr3t"})
    security_log.lockout(RequestFactory().get(link))
    (entry,) = [json.loads(line) for line in log_lines()]
    assert entry["message"] == (
        "rate-limited path=/en/accounts/password/reset/key/[redacted]-[redacted]/ ip=127.0.0.1"
    )
