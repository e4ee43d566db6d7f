"""The nightly backup (issue 32) as `puebla worker` runs it: the consumer asks Huey which
periodic jobs are due each minute and queues them; the backup is due at BACKUP_HOUR_UTC, on
the hour, and then writes an archive into BACKUP_DIR, prunes the older ones to what
BACKUP_KEEP keeps and logs the archive in the security log, or does nothing with
BACKUP_NIGHTLY=0. Huey runs in immediate mode here (tests/settings.py): a job queued is run
there and then, as the worker would run it."""

import datetime
import json
import tarfile

import pytest
import time_machine
from django.conf import settings
from huey.contrib.djhuey import HUEY

from puebla.backups.tasks import nightly_backup
from tests.roles import PASSWORD, make_user

# A Monday, at the hour the backup is due; the archives of the nights before it.
NIGHT = datetime.datetime(2026, 12, 7, settings.BACKUP_HOUR_UTC, tzinfo=datetime.UTC)
PAST_NIGHTS = [NIGHT - datetime.timedelta(days=days) for days in range(1, 68)]  # from Oct. 1


def due(moment: datetime.datetime) -> list:
    """The periodic jobs the worker's consumer would queue at `moment`."""
    with time_machine.travel(moment, tick=False):
        return HUEY.read_periodic(None)


def run_the_night(moment: datetime.datetime = NIGHT) -> None:
    """What the consumer does at `moment`, for the backup: queue it if it is due."""
    with time_machine.travel(moment, tick=False):
        for job in HUEY.read_periodic(None):
            if isinstance(job, nightly_backup.task_class):
                HUEY.enqueue(job)


def archive_name(moment: datetime.datetime) -> str:
    return f"puebla-{moment:%Y%m%dT%H%M%SZ}.tar.gz"


@pytest.fixture
def backup_dir(settings, tmp_path):
    """BACKUP_DIR with an archive of every night from October 1 (empty files: pruning reads
    their names only), and a file of the operator's."""
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_DIR.mkdir()
    for night in PAST_NIGHTS:
        (settings.BACKUP_DIR / archive_name(night)).touch()
    (settings.BACKUP_DIR / "notes.txt").write_text("the keys are in the safe")
    return settings.BACKUP_DIR


def test_the_backup_is_due_at_backup_hour_utc_on_the_hour_only():
    def backup_due(moment):
        return any(isinstance(job, nightly_backup.task_class) for job in due(moment))

    assert backup_due(NIGHT)
    assert backup_due(NIGHT + datetime.timedelta(days=1))
    for other in (-60, -1, 1, 59, 12 * 60):
        assert not backup_due(NIGHT + datetime.timedelta(minutes=other)), other


def test_with_backup_nightly_off_the_night_writes_and_removes_nothing(settings, backup_dir):
    settings.BACKUP_NIGHTLY = False
    before = sorted(backup_dir.iterdir())
    run_the_night()
    assert sorted(backup_dir.iterdir()) == before


@pytest.mark.django_db(transaction=True)  # the snapshot is read by a connection of its own
def test_the_night_writes_an_archive_prunes_to_backup_keep_and_logs_it(
    settings, backup_dir, log_lines
):
    settings.BACKUP_KEEP = (3, 2, 2)  # days, ISO weeks, months
    person = make_user("secretariat", email="ts-nightly@example.org")
    run_the_night()
    # Worked out by hand: the newest of the last 3 days (December 7, 6, 5), of the last 2 ISO
    # weeks (7: Monday of week 50; 6: Sunday of week 49) and of the last 2 months (7; Nov. 30).
    kept = [NIGHT - datetime.timedelta(days=days) for days in (7, 2, 1, 0)]
    assert sorted(path.name for path in backup_dir.iterdir()) == sorted(
        [*map(archive_name, kept), "notes.txt"]
    )
    written = backup_dir / archive_name(NIGHT)
    with tarfile.open(written) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    assert manifest["created_at"] == NIGHT.isoformat()
    assert manifest["row_counts"]["accounts_user"] == 1
    [line] = [json.loads(line) for line in log_lines() if '"message": "backup-written' in line]
    assert line["logger"] == "puebla.security"
    assert line["message"] == (
        f"backup-written archive={written.name} rows={sum(manifest['row_counts'].values())} "
        f"files={sum(1 for member in manifest['sha256'] if member.startswith('files/'))}"
    )
    logged = "\n".join(log_lines())
    secrets = [settings.SECRET_KEY, *settings.MFA_ENCRYPTION_KEYS, *settings.FUND_ENCRYPTION_KEYS]
    secrets += [person.email, PASSWORD, person.totp_secret, person.password]
    assert [secret for secret in secrets if secret in logged] == []
