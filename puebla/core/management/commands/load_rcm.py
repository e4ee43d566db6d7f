from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from puebla.core import dataset_files
from puebla.core.datasets import DatasetError, load_dataset


class Command(BaseCommand):
    help = "Load the RCM dataset (idempotent; writes nothing if any record is wrong)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            type=Path,
            default=settings.RCM_DATASET_DIR,
            help="Folder holding the dataset files (default: the RCM dataset shipped with Puebla).",
        )

    def handle(self, *args, folder: Path, **options):
        try:
            report = load_dataset(folder, dataset_files.installed())
        except DatasetError as error:
            problems = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(
                f"The dataset in {folder} was not loaded; nothing was written. "
                f"Fix these records and run the load again:\n{problems}"
            ) from None
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
            done = "Dataset loaded." if report.changed else "Dataset already up to date."
            self.stdout.write(self.style.SUCCESS(done))
