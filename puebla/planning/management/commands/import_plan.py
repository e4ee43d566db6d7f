from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from puebla.planning import importer, sources
from puebla.planning.models import Plan


class Command(BaseCommand):
    help = (
        "Import a Plan of Action table (the seed's text format, XLSX, DOCX or CSV). A dry run "
        "by default: it prints the report and writes nothing; --commit imports."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--commit", action="store_true", help="Import (default: dry run).")
        parser.add_argument(
            "--plan", default="plan-of-action", help="The plan's key (default: plan-of-action)."
        )
        parser.add_argument(
            "--language",
            choices=["es", "en"],
            help="The language of the table's texts (default: that of its header).",
        )
        parser.add_argument(
            "--source", help="The name cited as the items' source (default: the file's name)."
        )

    def handle(self, *args, file: Path, commit: bool, plan: str, language, source, **options):
        try:
            table = sources.read(file)
        except sources.SourceError as error:
            raise CommandError(f"{error} " + _("Nothing was written.")) from None
        parsed = importer.parse(
            table, plan=Plan.objects.filter(slug=plan).first(), language=language
        )
        changes = importer.apply(parsed, plan_slug=plan, source=source or file.name, commit=commit)
        for line in importer.report_lines(parsed, changes, commit=commit):
            self.stdout.write(line)
