"""The case's row lock, shared by every write that changes a case (puebla.fund.services,
puebla.fund.files).

One order everywhere, so that two writes never wait for each other: the fund's row first
(puebla.fund.ledger.locked_fund) when money moves, then the case's.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from puebla.fund.models import Case


def locked_case(case: Case, *, version: int | None = None) -> Case:
    """`case` read again and locked until the transaction ends (call inside
    `transaction.atomic`). Refused when its personal data was erased, or when `version` is
    given and someone changed the case since that version was read."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.erased_at is not None:
        raise ValidationError(_("This case's personal data was erased: it can no longer change."))
    if version is not None and locked.version != version:
        raise ValidationError(
            _("Someone changed this case meanwhile. Reload the page and try again.")
        )
    return locked
