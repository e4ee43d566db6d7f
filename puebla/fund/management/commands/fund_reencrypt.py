from django.core.management.base import BaseCommand

from puebla.fund.erasure import fund_reencrypt


class Command(BaseCommand):
    help = (
        "Encrypt every Reserve Fund identity, free text, history row and file with the first key "
        "of FUND_ENCRYPTION_KEYS. Run after adding a new key in front; then the old key can be "
        "removed."
    )

    def handle(self, *args, **options):
        rewritten = fund_reencrypt()
        self.stdout.write(
            f"Reserve Fund rows and files re-encrypted with the newest key: {rewritten}."
        )
