"""Demo mode's Reserve Fund: an opening contribution, so that the demo fund officers can try
the four-eyes approval (puebla.accounts.roles makes the two of them). It is demonstration data,
never an RCM fact: its donor, reference and note say so, on the ledger and in every export.
Recorded through the ledger's service as an officer would record it; idempotent, so every
`make run` may call it."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from puebla.accounts.models import User
from puebla.fund import ledger
from puebla.fund.models import LedgerEntry

DEMO_REFERENCE = "DEMO-OPENING"
DEMO_AMOUNT = Decimal("5000.00")
DEMO_OFFICER_EMAIL = "demo-fund-officer@puebla.invalid"


@transaction.atomic
def demo_fund_ensure() -> LedgerEntry | None:
    """Record the opening contribution unless it is there; returns it when made now. Needs the
    demo fund officer (demo_accounts first)."""
    if LedgerEntry.objects.filter(reference=DEMO_REFERENCE).exists():
        return None
    officer = User.objects.get(email=DEMO_OFFICER_EMAIL)
    # Dated a few days back, before any request a demonstration files.
    return ledger.contribution_record(
        by=officer,
        donor="Datos de demostración / Demo data",
        amount=DEMO_AMOUNT,
        entry_date=timezone.localdate() - datetime.timedelta(days=7),
        reference=DEMO_REFERENCE,
        note=(
            "Aporte de demostración, no es un hecho de la CRM. "
            "A demonstration contribution, not an RCM fact."
        ),
    )
