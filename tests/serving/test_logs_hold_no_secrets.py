"""A whole journey against the real server, then its complete output searched for every secret
the journey used: invitation token, password-reset key, e-mail confirmation key, passwords,
TOTP code and session identifiers (issue 13 §6, issue 14 finding 4).

The server is `puebla serve` as in production (DEBUG off, access log on) under each WEB_SERVER
and LOG_FORMAT, on a temporary data folder and a fresh database of the kind under test. Mail goes to the
file backend, as an operator's SMTP server would take it: out of the logs.
"""

import html
import http.cookiejar
import json
import re
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from bench.database import fresh_database
from bench.server import PueblaServer

PASSWORD = "first-password-for-the-log-journey-42"
NEW_PASSWORD = "second-password-after-the-reset-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SECRETARIAT_PASSWORD = "secretariat-password-for-the-logs-42"


class Browser:
    """Plain HTTP with cookies, following redirects, sending each form's CSRF token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.url = ""
        self.page = ""

    def get(self, path: str) -> str:
        return self._open(urllib.request.Request(self._absolute(path)))  # noqa: S310

    def post(self, path: str, fields: dict) -> str:
        """Submit the form of the page at `path` (its CSRF token) with `fields`."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, f"no form on {path}"
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields})
        request = urllib.request.Request(self.url, data=data.encode(), method="POST")  # noqa: S310
        return self._open(request)

    def session_ids(self) -> set[str]:
        return {cookie.value for cookie in self.cookies if cookie.name == "sessionid"}

    def _absolute(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def _open(self, request) -> str:
        with self.opener.open(request, timeout=30) as answer:
            self.url = answer.url
            self.page = answer.read().decode()
        return self.page


def mailed_link(outbox: Path, pattern: str, seen: set[Path]) -> str:
    """The link matching `pattern` in the newest message the file backend wrote."""
    for _ in range(50):
        new = sorted(set(outbox.glob("*.log")) - seen)
        if new:
            seen.update(new)
            text = new[-1].read_text()
            # Quoted-printable may wrap long lines with "=" at their end.
            text = text.replace("=\n", "").replace("=3D", "=")
            found = re.search(pattern, text)
            assert found, f"no link like {pattern} in:\n{text}"
            return html.unescape(found.group(0))
        time.sleep(0.1)
    raise AssertionError(f"no new message in {outbox}")


def totp_code() -> str:
    """A code of a window not used before (each works once): wait for a fresh window if the
    current one is nearly over."""
    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


@pytest.fixture(
    scope="module",
    params=[("granian", "json"), ("gunicorn", "json"), ("granian", "plain")],
    ids=lambda param: "-".join(param),
)
def server(request, tmp_path_factory):
    web_server, log_format = request.param
    data = tmp_path_factory.mktemp("log-journey")
    with fresh_database("logs") as database_url:
        server = PueblaServer(
            data,
            database_url=database_url,
            env={
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(data / "outbox"),
                "ACCESS_LOG": "1",
                "WEB_SERVER": web_server,
                "LOG_FORMAT": log_format,
            },
        )
        server.command("setup")
        server.command(
            "shell",
            "-c",
            "from puebla.accounts.roles import role_user_create\n"
            "from puebla.accounts.services import invitation_create\n"
            "from puebla.directory.models import Country\n"
            f"ts = role_user_create('secretariat', email='ts@example.org', "
            f"password='{SECRETARIAT_PASSWORD}', totp_secret='{TOTP_SECRET}')\n"
            "invitation_create(invited_by=ts, email='invitee@example.org', given_name='Ana', "
            "family_name='Pérez', language='es', affiliation='member_state', "
            "country=Country.objects.get(iso_code='CR'))\n",
        )
        server.start()
        yield server
        server.stop()


def test_a_whole_journey_leaves_no_secret_in_the_server_output(server):
    outbox = server.data_dir / "outbox"
    seen: set[Path] = set()
    secrets = {PASSWORD, NEW_PASSWORD, SECRETARIAT_PASSWORD, TOTP_SECRET}

    # The invitation, accepted through its link: the person chooses a password, is signed in.
    invitation = mailed_link(outbox, r"http://\S+/invitacion/[^/\s]+/", seen)
    secrets.add(invitation.rstrip("/").rsplit("/", 1)[1])
    visitor = Browser(server.url)
    visitor.post(invitation, {"password1": PASSWORD, "password2": PASSWORD})
    assert "/intranet/" in visitor.url
    assert "Mi secretaría" in visitor.page
    secrets |= visitor.session_ids()

    # Signing out and in again.
    visitor.post("/es/accounts/logout/", {})
    visitor.post("/es/accounts/login/", {"login": "invitee@example.org", "password": PASSWORD})
    assert "Mi secretaría" in visitor.page
    secrets |= visitor.session_ids()

    # The e-mail address changed, confirmed through its link (after confirming the password).
    visitor.post("/es/accounts/email/", {"email": "ana@example.org", "action_add": ""})
    if "/reauthenticate/" in visitor.url:
        visitor.post(visitor.url, {"password": PASSWORD})
        visitor.post("/es/accounts/email/", {"email": "ana@example.org", "action_add": ""})
    confirmation = mailed_link(outbox, r"http://\S+/confirm-email/[^/\s]+/", seen)
    secrets.add(confirmation.rstrip("/").rsplit("/", 1)[1])
    visitor.post(confirmation, {})
    visitor.get("/es/accounts/email/")
    assert "ana@example.org" in visitor.page
    secrets |= visitor.session_ids()
    visitor.post("/es/accounts/logout/", {})

    # A forgotten password, reset through its link.
    stranger = Browser(server.url)
    stranger.post("/es/accounts/password/reset/", {"email": "ana@example.org"})
    reset = mailed_link(outbox, r"http://\S+/password/reset/key/[^/\s]+/", seen)
    uid_and_key = reset.rstrip("/").rsplit("/", 1)[1]
    secrets |= {uid_and_key, uid_and_key.split("-", 1)[1]}
    stranger.get(reset)
    assert "set-password" in stranger.url
    stranger.post(stranger.url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    stranger.post("/es/accounts/login/", {"login": "ana@example.org", "password": NEW_PASSWORD})
    assert "Mi secretaría" in stranger.page
    secrets |= stranger.session_ids()

    # The secretariat signs in with a second factor.
    staff = Browser(server.url)
    staff.post("/es/accounts/login/", {"login": "ts@example.org", "password": SECRETARIAT_PASSWORD})
    code = totp_code()
    secrets.add(code)
    staff.post(staff.url, {"code": code})
    assert "/intranet/" in staff.url
    secrets |= staff.session_ids()

    server.stop()
    output = server.log_path.read_text()
    leaked = sorted(secret for secret in secrets if secret and secret in output)
    assert not leaked, f"the server's output holds {leaked}"
    # The journey was logged (so the search above searched something), its links redacted.
    for redacted in (
        "/invitacion/[redacted]/",
        "/confirm-email/[redacted]/",
        "/password/reset/key/[redacted]-[redacted]/",
    ):
        assert re.search(rf"GET /es/accounts{re.escape(redacted)} (200|302)", output), redacted
    assert "POST /es/accounts/login/ 302" in output
    web_server = server.environment["WEB_SERVER"]
    if server.environment["LOG_FORMAT"] == "json":
        # Every line the server wrote is one JSON object, the first saying where it serves.
        entries = [json.loads(line) for line in output.splitlines()]
        assert entries[0]["message"].startswith("Puebla is being served by " + web_server)
