from django.core.management.base import BaseCommand

from puebla.meetings import delegations


class Command(BaseCommand):
    help = (
        "Remind the focal points of countries with seats still open at meetings whose "
        "nomination deadline is near (the worker does this every day)."
    )

    def handle(self, *args, **options):
        reminded = delegations.deadline_reminders_send()
        self.stdout.write(f"{reminded} countries reminded.")
