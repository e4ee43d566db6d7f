from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from puebla.fund.demo import DEMO_AMOUNT, demo_fund_ensure


class Command(BaseCommand):
    help = "Record the Reserve Fund's demo opening contribution (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo fund data exists only in demo mode (DEMO=1, never HTTPS=1).")
        made = demo_fund_ensure()
        state = "recorded" if made else "already there"
        self.stdout.write(f"Reserve Fund: demo opening contribution of USD {DEMO_AMOUNT} {state}.")
