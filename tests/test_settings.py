"""Start-up configuration: production refuses to start without a secret and passes --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "a-long-random-production-secret-Qw3rTy7uI9oP1aS2dF4gH6jK8lZ0xC5vB"
MFA_KEY = "cHJvZHVjdGlvbi1saWtlLW1mYS1rZXktZm9yLXRlc3Q="


def run_manage(*arguments: str, environment: dict[str, str], tmp_path: Path):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "SECRET_KEY_FILE",
            "MFA_ENCRYPTION_KEYS",
            "MFA_ENCRYPTION_KEYS_FILE",
            "DEBUG",
            "HTTPS",
            "DJANGO_SETTINGS_MODULE",
        }
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
        "SECRET_KEY": STRONG_KEY,
        "MFA_ENCRYPTION_KEYS": MFA_KEY,
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
        "SECRET_KEY": STRONG_KEY,
        "MFA_ENCRYPTION_KEYS": MFA_KEY,
        "HTTPS": "1",
        "ALLOWED_HOSTS": "puebla.example.org",
    }
    result = run_manage("check", environment=production, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "EMAIL_BACKEND is not set and HTTPS is on" in result.stderr


@pytest.mark.parametrize("weak", ["xxxxxxxx", "k" * 60, "abcd" * 20, "short-but-varied-Qw3rTy7u"])
def test_a_weak_secret_key_stops_the_start_with_how_to_make_one(tmp_path, weak):
    result = run_manage(
        "check",
        environment={"DEBUG": "0", "SECRET_KEY": weak, "MFA_ENCRYPTION_KEYS": MFA_KEY},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr  # how to make a good one


def test_a_weak_secret_key_in_a_file_stops_the_start_too(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("xxxxxxxx\n")
    result = run_manage(
        "check",
        environment={
            "DEBUG": "0",
            "SECRET_KEY_FILE": str(key_file),
            "MFA_ENCRYPTION_KEYS": MFA_KEY,
        },
        tmp_path=tmp_path,
    )
    assert "SECRET_KEY is too weak" in result.stderr


def test_a_missing_mfa_key_with_debug_off_stops_the_start(tmp_path):
    result = run_manage(
        "check", environment={"DEBUG": "0", "SECRET_KEY": STRONG_KEY}, tmp_path=tmp_path
    )
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEYS is not set and DEBUG is off" in result.stderr


def test_a_malformed_mfa_key_stops_the_start(tmp_path):
    result = run_manage(
        "check",
        environment={"DEBUG": "0", "SECRET_KEY": STRONG_KEY, "MFA_ENCRYPTION_KEYS": "not-a-key"},
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "not a Fernet key" in result.stderr


def test_the_local_mfa_key_file_is_read_like_the_local_secret_key(tmp_path):
    (tmp_path / "mfa_keys").write_text(MFA_KEY + "\n")
    result = run_manage(
        "check", environment={"DEBUG": "0", "SECRET_KEY": STRONG_KEY}, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr


def test_a_site_url_without_a_scheme_stops_the_start(tmp_path):
    result = run_manage(
        "check",
        environment={
            "DEBUG": "0",
            "SECRET_KEY": STRONG_KEY,
            "MFA_ENCRYPTION_KEYS": MFA_KEY,
            "SITE_URL": "puebla.example.org",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode != 0
    assert "SITE_URL must be the site's address" in result.stderr


def test_mail_without_a_configured_backend_goes_to_the_data_folder_not_the_output(tmp_path):
    send = (
        "from django.core.mail import send_mail; "
        "send_mail('Your link', 'https://example.org/accounts/invitation/SECRET-TOKEN/', "
        "'from@example.org', ['to@example.org'])"
    )
    result = run_manage("shell", "-c", send, environment={"DEBUG": "1"}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "SECRET-TOKEN" not in result.stdout + result.stderr
    [message] = (tmp_path / "outbox").glob("*.log")
    assert "SECRET-TOKEN" in message.read_text()


def test_documents_go_to_s3_compatible_storage_when_a_bucket_is_named(tmp_path):
    """Without a bucket, a private folder in the data folder; with one, django-storages' S3
    backend with private files. (No S3 service runs here: this checks the configuration the
    files would go to, not an upload.)"""
    show = (
        "from django.core.files.storage import storages; s = storages['documents']; "
        "print(type(s).__name__, getattr(s, 'bucket_name', '-'), getattr(s, 'default_acl', '-'),"
        " getattr(s, 'endpoint_url', '-'))"
    )
    keys = {"SECRET_KEY": STRONG_KEY, "MFA_ENCRYPTION_KEYS": MFA_KEY}
    local = run_manage("shell", "-c", show, environment=keys, tmp_path=tmp_path)
    assert local.stdout.splitlines()[-1].split() == ["PrivateFileSystemStorage", "-", "-", "-"]
    s3 = run_manage(
        "shell",
        "-c",
        show,
        environment=keys
        | {
            "DOCUMENTS_S3_BUCKET": "rcm-documents",
            "DOCUMENTS_S3_ENDPOINT": "https://s3.example.org",
        },
        tmp_path=tmp_path,
    )
    assert s3.stdout.splitlines()[-1].split() == [
        "S3Storage",
        "rcm-documents",
        "private",
        "https://s3.example.org",
    ]


def test_the_sign_in_and_reset_limits_are_set_from_the_environment(tmp_path):
    """`make scan` raises them on its throwaway instance; production keeps the defaults."""
    show = "from django.conf import settings; print(settings.ACCOUNT_RATE_LIMITS)"
    keys = {"SECRET_KEY": STRONG_KEY, "MFA_ENCRYPTION_KEYS": MFA_KEY}
    default = run_manage("shell", "-c", show, environment=keys, tmp_path=tmp_path)
    assert "'login': '30/m/ip'" in default.stdout
    assert "'reset_password': '20/m/ip,5/m/key'" in default.stdout
    raised = run_manage(
        "shell",
        "-c",
        show,
        environment=keys | {"LOGIN_RATE": "9000/m/ip", "PASSWORD_RESET_RATE": "9000/m/ip"},
        tmp_path=tmp_path,
    )
    assert "'login': '9000/m/ip'" in raised.stdout
    assert "'reset_password': '9000/m/ip'" in raised.stdout
