from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from puebla.backups.archive import backup_create
from puebla.backups.database import BackupFailed


class Command(BaseCommand):
    help = "Write one archive of the database, the stored files and the pending jobs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", type=Path, default=None, help="the folder for the archive (BACKUP_DIR)"
        )

    def handle(self, *args, to=None, **options):
        try:
            report = backup_create(to=to or settings.BACKUP_DIR)
        except (BackupFailed, OSError) as error:
            raise CommandError(f"No archive was written: {error}") from error
        manifest = report.manifest
        self.stdout.write(
            f"{report.archive}\n"
            f"  database: {manifest.database_vendor}, {len(manifest.row_counts)} tables, "
            f"{sum(manifest.row_counts.values())} rows\n"
            f"  stored files: {len(manifest.stored_files())}\n"
            f"  pending jobs: {manifest.jobs}\n"
            "  no key is in it: keep MFA_ENCRYPTION_KEYS and FUND_ENCRYPTION_KEYS apart"
        )
