import datetime

from django.core.management.base import BaseCommand, CommandError

from puebla.backups.storage_check import orphans_remove, storage_check


class Command(BaseCommand):
    help = (
        "List the stored files no record names (orphans) and the files records name that are "
        "missing; exits 1 when a file is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove-orphans",
            action="store_true",
            help="delete the orphans, whatever their age (only with no upload under way)",
        )

    def handle(self, *args, remove_orphans, **options):
        if remove_orphans:
            removed = orphans_remove(older_than=datetime.timedelta(0))
            self.stdout.write(f"Removed {len(removed)} orphan files.")
        check = storage_check()
        for alias in check.orphans:
            orphans, missing = check.orphans[alias], check.missing[alias]
            self.stdout.write(f"{alias}: {len(orphans)} orphan files, {len(missing)} missing")
            for name in orphans:
                self.stdout.write(f"  orphan  {name}")
            for name in missing:
                self.stdout.write(f"  missing {name}")
        if any(check.missing.values()):
            raise CommandError(
                "Some records name files that are not stored: restore them from a backup."
            )
