from django.core.management.base import BaseCommand

from puebla.accounts.services import mfa_secrets_reencrypt


class Command(BaseCommand):
    help = (
        "Encrypt every stored second-factor secret with the first key of MFA_ENCRYPTION_KEYS. "
        "Run after adding a new key in front; then the old key can be removed."
    )

    def handle(self, *args, **options):
        changed = mfa_secrets_reencrypt()
        self.stdout.write(f"Second-factor secrets re-encrypted with the newest key: {changed}.")
