"""Every URL that carries a secret, as it is and malformed as mail clients and chat apps leave
it, requested through the whole middleware stack: no log line holds the secret or a piece of
it long enough to rebuild it (issue 27 findings 1 and 2). Then a whole journey against the
real server, its complete output searched for every secret the journey used: invitation token,
password-reset key, e-mail confirmation key, passwords, TOTP code and session identifiers
(issue 13 §6, issue 14 finding 4).

The server is `puebla serve` as in production (DEBUG off, access log on) under each WEB_SERVER
and LOG_FORMAT, on a temporary data folder and a fresh database of the kind under test. Mail goes to the
file backend, as an operator's SMTP server would take it: out of the logs.
"""

import html
import json
import re
import shutil
import socket
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.http import int_to_base36
from hypothesis import given
from hypothesis import strategies as st

from bench.browser import Browser
from bench.database import fresh_database
from bench.server import PueblaServer
from puebla.accounts.models import User
from puebla.core.secret_paths import REDACTED, redact_path
from tests.migrated import migrated_database
from tests.roles import totp_code

TOKEN = "Zq7RkW2pLx9VbN4tYc8M"
FUND_CASE = "6f1c2a9e-8b3d-4e7a-9c5f-2d8e1b4a7c30"
# The user id of the reset link that was rebuilt from the log (finding 1): "8" is in its key.
RESET_UID, RESET_KEY = "8", "dj51ls-98bcca598d8d9ad364d48f69e8"


def secret_links(language: str) -> list[tuple[str, list[str]]]:
    """(link, its secrets) for every URL pattern that carries one, in `language`."""
    with translation.override(language):
        return [
            (reverse("accounts:invitation_accept", kwargs={"token": TOKEN}), [TOKEN]),
            (
                reverse(
                    "account_reset_password_from_key",
                    kwargs={"uidb36": RESET_UID, "key": RESET_KEY},
                ),
                [RESET_KEY],
            ),
            (reverse("account_confirm_email", kwargs={"key": TOKEN}), [TOKEN]),
            (reverse("meetings:personal_ics", kwargs={"token": TOKEN}), [TOKEN]),
            (reverse("fund:case", kwargs={"uid": FUND_CASE}), [FUND_CASE]),
        ]


def malformed(link: str) -> list[str]:
    """The link, and the forms a person's copy of it takes: a stray character after it, no
    final slash, other case, a doubled slash, no language prefix, a segment added."""
    _language, rest = link[1:].split("/", 1)
    return [
        link,
        link + ")",
        link + ">",
        link + ".",
        link + "'",
        link + "%20",
        link.rstrip("/"),
        link.rstrip("/") + ")",
        link.upper(),
        link.replace("/", "//", 2),
        "/" + rest,
        link + "extra/",
    ]


def pieces_of(secret: str, text: str, size: int = 6) -> list[str]:
    """The runs of `size` characters of `secret` found in `text`: enough to rebuild it."""
    return [
        secret[i : i + size] for i in range(len(secret) - size + 1) if secret[i : i + size] in text
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_no_log_line_holds_a_secret_link_however_it_is_malformed(language, log_lines):
    for link, _secrets in secret_links(language):
        for path in malformed(link):
            Client(raise_request_exception=False).get(path)
    output = "\n".join(log_lines())
    # The requests were logged, the access log's and the 404's lines among them.
    assert output.count('"logger": "puebla.access"') >= 5 * 12
    assert '"logger": "django.request"' in output
    for _link, secrets in secret_links(language):
        for secret in secrets:
            assert not pieces_of(secret, output), secret
            assert not pieces_of(secret.upper(), output), secret


def test_a_reset_link_whose_user_id_is_inside_its_key_is_logged_with_both_redacted(log_lines):
    """Finding 1, replayed: user 8's link, whose key holds 8s, read back from the log line."""
    with translation.override("en"):
        link = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": RESET_UID, "key": RESET_KEY}
        )
    assert redact_path(link) == "/en/accounts/password/reset/key/[redacted]-[redacted]/"


@pytest.mark.django_db
def test_the_reset_links_of_users_1_to_40_are_logged_with_nothing_of_their_keys(log_lines):
    """Real keys (Django's token generator, as allauth makes them) for user ids 1 to 40,
    whose base-36 forms are digits and letters that keys are made of."""
    client = Client(raise_request_exception=False)
    keys = []
    for user_id in range(1, 41):
        user = User(pk=user_id, email=f"user{user_id}@example.org", password="x")
        keys.append(default_token_generator.make_token(user))
        with translation.override("en"):
            link = reverse(
                "account_reset_password_from_key",
                kwargs={"uidb36": int_to_base36(user_id), "key": keys[-1]},
            )
        client.get(link)
        client.get(link + ")")
    output = "\n".join(log_lines())
    assert output.count("/en/accounts/password/reset/key/[redacted]-[redacted]/") >= 40
    for key in keys:
        assert not pieces_of(key, output), key


@given(
    user_id=st.integers(min_value=1, max_value=36**6),
    key=st.from_regex(r"[0-9a-z]{1,8}-[0-9a-f]{10,40}", fullmatch=True),
    language=st.sampled_from(["es", "en"]),
)
def test_any_reset_link_is_redacted_by_position(user_id, key, language):
    with translation.override(language):
        link = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": int_to_base36(user_id), "key": key},
        )
    prefix = link.split("/key/")[0] + "/key/"
    assert redact_path(link) == f"{prefix}{REDACTED}-{REDACTED}/"
    # Malformed, whatever follows the prefix is a possible secret: none of it is kept.
    assert redact_path(link + ")") == prefix + REDACTED


@given(
    token=st.text(
        alphabet=st.characters(
            codec="ascii", categories=["L", "N", "P", "S"], exclude_characters="/?#"
        ),
        min_size=1,
    ),
    stray=st.sampled_from(["", ")", ">", "/)", "'", ".", " "]),
)
def test_any_invitation_token_with_any_stray_character_is_redacted(token, stray):
    with translation.override("en"):
        link = reverse("accounts:invitation_accept", kwargs={"token": token})
    logged = redact_path(link + stray)
    assert logged.startswith("/en/accounts/invitation/" + REDACTED)
    assert logged.removeprefix("/en/accounts/invitation/" + REDACTED) in ("", "/")


PASSWORD = "first-password-for-the-log-journey-42"
NEW_PASSWORD = "second-password-after-the-reset-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SECRETARIAT_PASSWORD = "secretariat-password-for-the-logs-42"


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


MAIL_TO_FILES = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """One `puebla setup` with the journey's accounts, copied for each server below: a data
    folder (SQLite's database, static files, the invitation's mail) and, on PostgreSQL, a
    database that the others are made from (setting up each took half a minute)."""
    data = tmp_path_factory.mktemp("log-journey-prepared")
    with migrated_database(data, "logsprep") as database_url:
        preparer = PueblaServer(
            data,
            database_url=database_url,
            env={**MAIL_TO_FILES, "EMAIL_FILE_PATH": str(data / "outbox")},
        )
        preparer.command("setup")
        preparer.command(
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
        yield data, database_url or ""


@pytest.fixture(
    scope="module",
    params=[("granian", "json"), ("gunicorn", "json"), ("granian", "plain")],
    ids=lambda param: "-".join(param),
)
def server(request, prepared, tmp_path_factory):
    web_server, log_format = request.param
    template_data, template_database = prepared
    data = tmp_path_factory.mktemp("log-journey")
    shutil.copytree(template_data, data, dirs_exist_ok=True)
    with fresh_database("logs", template=template_database) as database_url:
        server = PueblaServer(
            data,
            database_url=database_url,
            env={
                **MAIL_TO_FILES,
                "EMAIL_FILE_PATH": str(data / "outbox"),
                "ACCESS_LOG": "1",
                "WEB_SERVER": web_server,
                "LOG_FORMAT": log_format,
            },
        )
        server.start()
        yield server
        server.stop()


def test_an_anonymous_300_mb_sign_in_is_refused_before_it_is_sent(server):
    """Issue 27 finding 4 against the real server: the 413 comes after the headers, while the
    body has hardly begun (it was read in full into a 263 MB temporary file before)."""
    host, port = server.url.removeprefix("http://").split(":")
    size = 300 * 1024 * 1024
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(
            f"POST /en/accounts/login/ HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {size}\r\n\r\n".encode()
        )
        connection.sendall(b"\0" * 65536)
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")


def test_a_whole_journey_leaves_no_secret_in_the_server_output(server):
    outbox = server.data_dir / "outbox"
    seen: set[Path] = set()
    secrets = {PASSWORD, NEW_PASSWORD, SECRETARIAT_PASSWORD, TOTP_SECRET}

    # The invitation, accepted through its link: the person chooses a password, is signed in.
    invitation = mailed_link(outbox, r"http://\S+/invitacion/[^/\s]+/", seen)
    secrets.add(invitation.rstrip("/").rsplit("/", 1)[1])
    # Mailed at set-up, from the prepared copy's address: the same path on this server.
    invitation = server.url + urllib.parse.urlsplit(invitation).path
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
    code = totp_code(TOTP_SECRET)
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
