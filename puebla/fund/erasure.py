"""Personal data's end: erasure a set time after a case ends, and re-encryption after a key
rotation.

Erasure (`fund_erase_due`, run daily by puebla.fund.tasks) removes, FUND_RETENTION_MONTHS after
a case was closed, rejected or withdrawn (or a draft was started and never submitted): the identity and its history rows, the case's free
texts (in the case and in its history rows), the notes of its state changes, its messages'
texts and its files. What stays is the anonymised case (category, countries, requester,
amounts, dates, states) and the ledger, so the statistics and the balance do not change.

Re-encryption (`fund_reencrypt`) writes every encrypted column again with the newest key of
FUND_ENCRYPTION_KEYS, history rows and files included, and the person hashes with it; after it
the old key can be dropped.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from puebla.fund import crypto, files
from puebla.fund.models import Case, CaseFile, Identity, Message, State, Transition

# The case's columns that may describe the person.
CASE_TEXTS = (
    "return_plan",
    "national_programmes_gap",
    "decision_by",
    "guardian_authority",
    "decision_reason",
)


def retention_cutoff(now: datetime.datetime) -> datetime.datetime:
    """Cases that ended before this moment are due for erasure."""
    return now - relativedelta(months=settings.FUND_RETENTION_MONTHS)


def erasure_due(*, now: datetime.datetime | None = None):
    """Cases that ended before the cutoff, and drafts started before it and never submitted
    (abandoned: their personal data would otherwise stay for ever)."""
    cutoff = retention_cutoff(now or timezone.now())
    return Case.objects.filter(
        Q(ended_at__isnull=False, ended_at__lte=cutoff)
        | Q(state=State.DRAFT, created_at__lte=cutoff),
        erased_at__isnull=True,
    )


def fund_erase_due(*, now: datetime.datetime | None = None) -> int:
    """Erase the personal data of every case due; return how many cases. Each case in a
    transaction of its own, so that one failure does not keep the others' data."""
    now = now or timezone.now()
    erased = 0
    for case_id in erasure_due(now=now).values_list("pk", flat=True).order_by("pk"):
        case_erase(case=Case(pk=case_id), now=now)
        erased += 1
    return erased


@transaction.atomic
def case_erase(*, case: Case, now: datetime.datetime | None = None) -> None:
    """Remove what may identify the migrant of `case`; keep the anonymised case."""
    now = now or timezone.now()
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.erased_at:
        return
    # The deletion itself writes a last history row (simple_history): the rows go after it.
    Identity.objects.filter(case=locked).delete()
    Identity.history.filter(case_id=locked.pk).delete()
    blanks = dict.fromkeys(CASE_TEXTS, "")
    # Queryset updates: the erasure itself writes no new copy into the history.
    Case.history.filter(id=locked.pk).update(**blanks)
    Case.objects.filter(pk=locked.pk).update(**blanks, erased_at=now)
    Transition.objects.filter(case=locked).personal_fields_update(note="")
    Message.objects.filter(case=locked).update(text="")
    files.case_files_delete(case=locked)


# --- Key rotation ---------------------------------------------------------------------------


def _encrypted_columns(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, crypto.EncryptedTextField | crypto.EncryptedDateField)
    ]


@transaction.atomic
def fund_reencrypt() -> int:
    """Encrypt every personal-data column, history rows and files again with the newest key;
    return how many rows and files were rewritten. Run after putting a new key first in
    FUND_ENCRYPTION_KEYS; then the old key can be dropped."""
    rewritten = 0
    models = (
        Case,
        Case.history.model,
        Identity,
        Identity.history.model,
        Transition,
        Message,
        CaseFile,
    )
    for model in models:
        columns = _encrypted_columns(model)
        manager = model._base_manager
        for row in manager.values("pk", *columns).iterator(chunk_size=500):
            values = {name: row[name] for name in columns}
            # Reading decrypted with any key; writing encrypts with the first.
            queryset = manager.filter(pk=row["pk"])
            if hasattr(queryset, "personal_fields_update"):
                queryset.personal_fields_update(**values)
            else:
                queryset.update(**values)
            rewritten += 1
    for person in Identity.objects.all().iterator(chunk_size=500):
        fresh = crypto.person_hash(person.full_name, person.birth_date)
        if fresh != person.person_hash:
            Identity.objects.filter(pk=person.pk).update(person_hash=fresh)
    for case_file in CaseFile.objects.all().iterator(chunk_size=500):
        files.case_file_reencrypt(case_file=case_file)
        rewritten += 1
    return rewritten
