"""The `puebla` command as `make run` uses it, on a fresh data folder."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def puebla(
    *arguments: str, data_dir: Path, **extra_environment: str
) -> subprocess.CompletedProcess:
    ignored = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEMO", "HTTPS"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(
        DATA_DIR=str(data_dir),
        SECRET_KEY="cli-test-key-0123456789-0123456789-0123456789-abcdef",
        **extra_environment,
    )
    return subprocess.run(
        [sys.executable, "-m", "puebla", *arguments],
        cwd=ROOT,
        env=environment,
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
    first = puebla("setup", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "presidencies pro-tempore: 8 created" in first.stdout
    counts = row_counts(tmp_path / "puebla.sqlite3")
    assert counts["directory_country"] == 16

    second = puebla("setup", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "Dataset already up to date." in second.stdout
    assert row_counts(tmp_path / "puebla.sqlite3") == counts
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_help_lists_the_commands(tmp_path):
    result = puebla("help", data_dir=tmp_path)
    assert result.returncode == 0
    for command in ("setup", "serve", "load-rcm"):
        assert f"puebla {command}" in result.stdout


def test_demo_mode_creates_one_account_per_role_and_prints_the_same_passwords_each_start(tmp_path):
    first = puebla("setup", data_dir=tmp_path, DEMO="1")
    assert first.returncode == 0, first.stderr
    lines = [line for line in first.stdout.splitlines() if "@puebla.invalid" in line]
    assert len(lines) == 9
    assert any(line.split()[0] == "secretariat" and "TOTP secret:" in line for line in lines)
    assert any(line.split()[0] == "civil_society" and "TOTP" not in line for line in lines)

    second = puebla("setup", data_dir=tmp_path, DEMO="1")
    assert [line for line in second.stdout.splitlines() if "@puebla.invalid" in line] == lines
    with sqlite3.connect(tmp_path / "puebla.sqlite3") as connection:
        assert connection.execute("select count(*) from accounts_user").fetchone()[0] == 9


def test_production_settings_never_create_demo_accounts(tmp_path):
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
