from django.core.management.base import BaseCommand, CommandError

from puebla.planning import shipped
from puebla.planning.sources import SourceError


class Command(BaseCommand):
    help = (
        "Load the planning reference lists (GCM objectives, SDG targets) and import the plans "
        "Puebla ships (the 2009 Plan of Action). Idempotent."
    )

    def handle(self, *args, **options):
        try:
            lines = shipped.load()
        except SourceError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] >= 1:
            for line in lines:
                self.stdout.write(line)
