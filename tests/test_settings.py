"""Start-up configuration: production refuses to start without a secret and passes --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*arguments: str, environment: dict[str, str], tmp_path: Path):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "HTTPS", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(
        {"DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "puebla.settings", **environment}
    )
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_secret_key_with_debug_off_stops_the_start(tmp_path):
    result = run_manage("check", environment={"DEBUG": "0"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set and DEBUG is off" in result.stderr


def test_a_secret_key_file_that_does_not_exist_stops_the_start(tmp_path):
    result = run_manage(
        "check", environment={"SECRET_KEY_FILE": str(tmp_path / "missing")}, tmp_path=tmp_path
    )
    assert result.returncode != 0
    assert "SECRET_KEY_FILE names" in result.stderr


def test_a_malformed_flag_stops_the_start(tmp_path):
    result = run_manage("check", environment={"DEBUG": "maybe"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_check_deploy_is_clean_with_the_production_variables(tmp_path):
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-Qw3rTy7uI9oP1aS2dF4gH6jK8lZ0xC5vB",
        "HTTPS": "1",
        "ALLOWED_HOSTS": "puebla.example.org",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=production, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_a_mail_backend_stops_the_start(tmp_path):
    # The console backend would write invitation and password-reset links into the logs.
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60,
        "HTTPS": "1",
        "ALLOWED_HOSTS": "puebla.example.org",
    }
    result = run_manage("check", environment=production, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "EMAIL_BACKEND is not set and HTTPS is on" in result.stderr
