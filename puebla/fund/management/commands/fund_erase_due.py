from django.core.management.base import BaseCommand

from puebla.fund.erasure import fund_erase_due


class Command(BaseCommand):
    help = (
        "Erase the personal data of Reserve Fund cases that ended more than "
        "FUND_RETENTION_MONTHS ago (the worker also does it daily)."
    )

    def handle(self, *args, **options):
        erased = fund_erase_due()
        # A count only: never a name or a reference's person in a log.
        self.stdout.write(f"Reserve Fund cases erased: {erased}.")
