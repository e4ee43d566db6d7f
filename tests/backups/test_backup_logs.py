"""What `puebla backup` and `puebla restore` leave in the security log (issue 32): a line each,
`backup-written` and `backup-restored`, naming the archive and counting its rows and files,
and nothing an archive holds that a log must not: no key, no password, no TOTP secret, no
person's address or name, no database address. The commands run as an operator runs them,
JSON log on (LOG_FORMAT=json), on throwaway data folders and the suite's database engine."""

import json
import tarfile
from pathlib import Path

import pytest

from bench.database import fresh_database
from bench.server import PueblaServer
from tests.migrated import migrated_database

EMAIL = "ana.perez@example.org"
FAMILY_NAME = "Pérez Quesada"
PASSWORD = "secretariat-password-for-the-backup-log-42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXR"
RECORDS = (
    "from django.core.files.uploadedfile import SimpleUploadedFile\n"
    "from puebla.accounts.roles import role_user_create\n"
    "from puebla.documents import services\n"
    "from tests.documents import samples\n"
    f"ts = role_user_create('secretariat', email='{EMAIL}', password='{PASSWORD}', "
    f"totp_secret='{TOTP_SECRET}')\n"
    f"ts.family_name = '{FAMILY_NAME}'\n"
    "ts.save()\n"
    "document = services.document_create(fields={'slug': 'informe-anual', 'kind': 'report', "
    "'title_es': 'Informe anual', 'audience': 'members'}, by=ts)\n"
    "services.file_upload(document=document, language='es', "
    "upload=SimpleUploadedFile('informe.pdf', samples.pdf()), by=ts)\n"
)


def security_lines(output: str, message: str) -> list[dict]:
    """The JSON log lines of the security log whose message starts with `message`."""
    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [
        entry
        for entry in entries
        if entry["logger"] == "puebla.security" and entry["message"].startswith(message)
    ]


def leaked(output: str, server: PueblaServer) -> list[str]:
    environment = server.environment
    secrets = [EMAIL, FAMILY_NAME, PASSWORD, TOTP_SECRET, environment["SECRET_KEY"]]
    secrets += [environment["MFA_ENCRYPTION_KEYS"], environment["FUND_ENCRYPTION_KEYS"]]
    secrets += [environment["DATABASE_URL"]] if "DATABASE_URL" in environment else []
    return [secret for secret in secrets if secret in output]


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """(the server, `puebla backup`'s whole output, the archive, its manifest)."""
    work = tmp_path_factory.mktemp("backup-logs")
    with migrated_database(work / "source", "backuplogs") as url:
        source = PueblaServer(
            work / "source", database_url=url, name="source", env={"LOG_FORMAT": "json"}
        )
        source.command("shell", "-c", RECORDS)
        made = source.command("backup", "--to", str(work / "archives"))
        archive = Path(made.stdout.split()[0])
        with tarfile.open(archive) as opened:
            manifest = json.loads(opened.extractfile("manifest.json").read())
        yield source, made.stdout + made.stderr, archive, manifest


def test_a_backup_is_a_line_of_the_security_log_with_its_counts_and_no_secret(backed_up):
    source, output, archive, manifest = backed_up
    [line] = security_lines(output, "backup-written")
    rows = sum(manifest["row_counts"].values())
    assert manifest["row_counts"]["accounts_user"] == 1
    assert line["message"] == f"backup-written archive={archive.name} rows={rows} files=1"
    assert leaked(output, source) == []


def test_a_restore_is_a_line_of_the_security_log_with_its_counts_and_no_secret(backed_up, tmp_path):
    _source, _output, archive, manifest = backed_up
    with fresh_database("backuplogstarget") as url:
        target = PueblaServer(
            tmp_path / "target", database_url=url, name="target", env={"LOG_FORMAT": "json"}
        )
        restored = target.command("restore", str(archive))
    output = restored.stdout + restored.stderr
    [line] = security_lines(output, "backup-restored")
    rows = sum(manifest["row_counts"].values())
    assert line["message"].startswith(f"backup-restored archive={archive.name} replaced=False ")
    assert line["message"].endswith(f" rows={rows} files=1")
    assert line["level"] == "WARNING"
    assert leaked(output, target) == []
