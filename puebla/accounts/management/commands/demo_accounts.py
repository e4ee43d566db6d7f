from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from puebla.accounts.roles import demo_accounts_ensure


class Command(BaseCommand):
    help = "Create one demo account per role and print their passwords (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo accounts exist only in demo mode (DEMO=1, and never with HTTPS=1)."
            )
        accounts = demo_accounts_ensure(secrets_file=settings.DATA_DIR / "demo-accounts.json")
        self.stdout.write("Demo accounts (demo mode; never on a production server):")
        for account in accounts:
            line = f"  {account.role:<22} {account.email:<45} password: {account.password}"
            if account.totp_secret:
                line += f"  TOTP secret: {account.totp_secret}"
            self.stdout.write(line)
