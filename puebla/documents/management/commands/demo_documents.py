from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from puebla.documents.demo import demo_documents_ensure


class Command(BaseCommand):
    help = "Create one sample document per audience, with its files (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Sample documents exist only in demo mode (DEMO=1, never HTTPS=1).")
        made = demo_documents_ensure(by=None)
        self.stdout.write(f"Sample documents: {made} created.")
