"""The `puebla` command as `make run` uses it, on a fresh data folder: empty for the first
`setup`'s (test_setup_keeps_the_data_private), else holding a migrated database
(tests/migrated.py: migrating from nothing takes a minute)."""

import contextlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.server import free_port
from tests.migrated import copy_migrated_sqlite

ROOT = Path(__file__).resolve().parents[1]


def environment_for(data_dir: Path, **extra_environment: str) -> dict[str, str]:
    """Production settings on `data_dir`, as `make run` has them."""
    ignored = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEMO", "HTTPS"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(
        DATA_DIR=str(data_dir),
        SECRET_KEY="cli-test-key-0123456789-0123456789-0123456789-abcdef",
        **extra_environment,
    )
    return environment


def puebla(
    *arguments: str, data_dir: Path, **extra_environment: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "puebla", *arguments],
        cwd=ROOT,
        env=environment_for(data_dir, **extra_environment),
        capture_output=True,
        text=True,
        timeout=300,
    )


def row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "select name from sqlite_master where type='table' and name like 'directory_%'"
            )
        ]
        return {
            # Table names come from sqlite_master itself, not from input.
            table: connection.execute(f'select count(*) from "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def test_setup_twice_loads_the_dataset_once_and_duplicates_nothing(tmp_path):
    copy_migrated_sqlite(tmp_path)
    first = puebla("setup", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "presidencies pro-tempore: 8 created" in first.stdout
    counts = row_counts(tmp_path / "puebla.sqlite3")
    assert counts["directory_country"] == 16
    # The search finds the Reserve Fund's page, whose row a migration made (no save indexed it).
    with sqlite3.connect(tmp_path / "puebla.sqlite3") as connection:
        languages = connection.execute(
            "select language from search_entry where kind = 'fund.fund' order by language"
        ).fetchall()
    assert languages == [("en",), ("es",)]

    second = puebla("setup", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "Dataset already up to date." in second.stdout
    assert row_counts(tmp_path / "puebla.sqlite3") == counts
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_setup_keeps_the_data_private(tmp_path):
    """Issue 14 finding 5: only Puebla's user reads the database and the keys."""
    data = tmp_path / "data"
    result = puebla("setup", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    # While a connection is open the write-ahead log and shared memory exist (WAL mode); SQLite
    # gives them the database's mode, whatever the umask of the process that opens them.
    connection = sqlite3.connect(data / "puebla.sqlite3")
    try:
        connection.execute("select count(*) from django_migrations").fetchone()
        database_files = sorted(path.name for path in data.glob("puebla.sqlite3*"))
        assert database_files == ["puebla.sqlite3", "puebla.sqlite3-shm", "puebla.sqlite3-wal"]
        for name in database_files:
            assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    finally:
        connection.close()

    # A database an earlier version left readable by all is tightened at the next start.
    (data / "puebla.sqlite3").chmod(0o644)
    assert puebla("check", data_dir=data).returncode == 0
    assert stat.S_IMODE((data / "puebla.sqlite3").stat().st_mode) == 0o600


def test_make_creates_the_local_keys_readable_by_their_owner_only(tmp_path):
    keys = {"SECRET_KEY_FILE": tmp_path / "keys" / "secret_key"}
    keys["MFA_KEYS_FILE"] = tmp_path / "keys" / "mfa_keys"
    for variable, path in keys.items():
        made = subprocess.run(
            ["make", "--no-print-directory", f"{variable}={path}", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert made.returncode == 0, made.stderr
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert len(path.read_text().strip()) >= 44
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700


def test_serve_names_a_wrong_server_or_log_format(tmp_path):
    wrong_server = puebla("serve", data_dir=tmp_path, WEB_SERVER="apache")
    assert wrong_server.returncode == 1
    assert wrong_server.stderr.strip() == (
        "puebla serve: WEB_SERVER must be one of granian, gunicorn; got 'apache'."
    )
    wrong_format = puebla("serve", data_dir=tmp_path, LOG_FORMAT="xml")
    assert wrong_format.returncode == 1
    assert "LOG_FORMAT must be one of json, plain; got 'xml'." in wrong_format.stderr


def test_help_lists_the_commands(tmp_path):
    result = puebla("help", data_dir=tmp_path)
    assert result.returncode == 0
    for command in ("setup", "serve", "load-rcm"):
        assert f"puebla {command}" in result.stdout


def test_demo_mode_creates_one_account_per_role_and_prints_the_same_passwords_each_start(tmp_path):
    copy_migrated_sqlite(tmp_path)
    first = puebla("setup", data_dir=tmp_path, DEMO="1")
    assert first.returncode == 0, first.stderr
    lines = [line for line in first.stdout.splitlines() if "@puebla.invalid" in line]
    assert len(lines) == 10  # one per role, and a second fund officer (four eyes)
    assert any(line.split()[0] == "secretariat" and "TOTP secret:" in line for line in lines)
    assert any(line.split()[0] == "fund_officer_2" and "TOTP secret:" in line for line in lines)
    assert any(line.split()[0] == "civil_society" and "TOTP" not in line for line in lines)

    # Two fund officers and money in the fund: the four-eyes approval can be tried.
    assert "demo opening contribution of USD 5000.00 recorded" in first.stdout

    second = puebla("setup", data_dir=tmp_path, DEMO="1")
    assert "demo opening contribution of USD 5000.00 already there" in second.stdout
    assert [line for line in second.stdout.splitlines() if "@puebla.invalid" in line] == lines
    with sqlite3.connect(tmp_path / "puebla.sqlite3") as connection:
        assert connection.execute("select count(*) from accounts_user").fetchone()[0] == 10


def test_production_settings_never_create_demo_accounts(tmp_path):
    copy_migrated_sqlite(tmp_path)
    result = puebla(
        "setup",
        data_dir=tmp_path,
        DEMO="1",
        HTTPS="1",
        ALLOWED_HOSTS="localhost",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    assert result.returncode == 0, result.stderr
    assert "@puebla.invalid" not in result.stdout
    refused = puebla(
        "demo_accounts",
        data_dir=tmp_path,
        DEMO="1",
        HTTPS="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    assert refused.returncode != 0
    assert "Demo accounts exist only in demo mode" in refused.stderr
    with sqlite3.connect(tmp_path / "puebla.sqlite3") as connection:
        assert connection.execute("select count(*) from accounts_user").fetchone()[0] == 0


@pytest.mark.parametrize("command", ["worker", "run"])
def test_the_worker_sends_the_mail_that_another_process_queued(tmp_path, command):
    """`puebla worker`, and `puebla run` (what `make run` serves with: the server and the
    worker beside it), deliver the mail the web processes queue in the data folder's queue."""
    copy_migrated_sqlite(tmp_path)
    assert puebla("migrate", data_dir=tmp_path).returncode == 0
    queued = puebla(
        "shell",
        "-c",
        "from puebla.core.mail import mail_queue; "
        "mail_queue(to=['ana@example.org'], subject='[RCM] Queued', body='Sent by the worker')",
        data_dir=tmp_path,
    )
    assert queued.returncode == 0, queued.stderr
    outbox = tmp_path / "outbox"
    assert not outbox.exists() or not any(outbox.iterdir())  # queued, not sent by the shell

    port = free_port()
    started = subprocess.Popen(
        [sys.executable, "-m", "puebla", command],
        cwd=ROOT,
        env=environment_for(tmp_path, PORT=str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the server and its worker end together
    )
    served = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (outbox.exists() and any(outbox.iterdir())):
            time.sleep(0.2)
        if command == "run":
            while time.monotonic() < deadline and served is None:
                with contextlib.suppress(OSError):
                    served = urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico").status
                time.sleep(0.2)
    finally:
        os.killpg(started.pid, signal.SIGTERM)
        started.wait(timeout=30)
    [message] = outbox.iterdir()
    text = message.read_text()
    assert "Subject: [RCM] Queued" in text
    assert "Sent by the worker" in text
    if command == "run":
        assert served == 200
