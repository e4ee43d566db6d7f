"""Writes to meetings (DESIGN.md §5): keyword-only, validated, atomic.

Every change raises the meeting's SEQUENCE, so calendar programs that subscribed to it
replace their copy (RFC 5545 §3.8.7.4); its UID never changes.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from puebla.meetings.models import Meeting

# Fields the service does not let a caller set: identity and bookkeeping.
FIXED = frozenset({"id", "uid", "sequence", "last_day", "created_at", "updated_at"})


@transaction.atomic
def meeting_create(*, fields: dict[str, Any]) -> Meeting:
    _refuse_fixed(fields)
    meeting = Meeting(**fields)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, changes: dict[str, Any]) -> Meeting:
    """Apply `changes` to `meeting` and raise its SEQUENCE; nothing is written if invalid.

    The row is locked first, so that two edits at once each raise the sequence.
    """
    _refuse_fixed(changes)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.sequence += 1
    locked.save()
    return locked


def _refuse_fixed(fields: dict[str, Any]) -> None:
    fixed = sorted(FIXED & set(fields))
    if fixed:
        raise ValidationError(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(fixed)}
        )
