from django.core.management.base import BaseCommand

from puebla.followup.requests import reminders


class Command(BaseCommand):
    help = (
        "Remind the countries that have not answered the Technical Secretariat's requests for "
        "input, as each request's schedule says (the worker does this every day)."
    )

    def handle(self, *args, **options):
        reminded = reminders.reminders_send()
        self.stdout.write(f"{reminded} reminders of requests for input sent.")
