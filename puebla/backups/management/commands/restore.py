from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puebla.backups.archive import backup_restore
from puebla.backups.database import BackupFailed


class Command(BaseCommand):
    help = "Restore an archive of `puebla backup` into this instance's database and storage."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="restore even though the target holds accounts or files: they are replaced",
        )

    def handle(self, *args, archive, replace, **options):
        try:
            report = backup_restore(archive, replace=replace)
        except BackupFailed as error:
            raise CommandError(str(error)) from error
        manifest = report.manifest
        self.stdout.write(
            f"Restored {archive.name} (Puebla {manifest.puebla_version}, {manifest.created_at})\n"
            f"  database: {report.how}; {len(manifest.row_counts)} tables, "
            f"{sum(manifest.row_counts.values())} rows, counts checked\n"
            f"  stored files: {report.files}, each checked against its sha256\n"
            f"  pending jobs: {report.jobs}\n"
            + ("  then migrated to this version\n" if report.migrated_forward else "")
        )
