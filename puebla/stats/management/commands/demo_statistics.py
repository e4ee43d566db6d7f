from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from puebla.stats.demo import demo_statistics_ensure


class Command(BaseCommand):
    help = "Publish example statistics, marked as such (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Example statistics exist only in demo mode (DEMO=1, never HTTPS=1)."
            )
        made = demo_statistics_ensure()
        for release in made:
            self.stdout.write(
                f"Statistics: example release of {release.structure.key}, "
                f"{release.observations_count} figures ({release.hidden_count} hidden)."
            )
        if not made:
            self.stdout.write("Statistics: example releases already there.")
