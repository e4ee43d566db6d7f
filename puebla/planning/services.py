"""Writes to a plan's items from the intranet and the archive job (DESIGN.md §5): keyword-only,
validated before anything is written, atomic, one history row per change with its author and
comment.

Optimistic locking: an edit names the version of the item its form was read at. If somebody
saved the item since, nothing is written and `EditConflict` carries the item as it is now, so
the page can show the other person's change beside what this person typed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.documents.models import Document
from puebla.meetings.models import Meeting
from puebla.planning.models import Item

# What an edit may change, besides the evidence.
EDITABLE_FIELDS = (
    "status",
    "schedule_es",
    "schedule_en",
    "responsible_kind",
    "responsible_body",
    "responsible_country",
    "responsible_organisation",
)
RESPONSIBLE_FIELDS = (
    "responsible_kind",
    "responsible_body",
    "responsible_country",
    "responsible_organisation",
)
# The history keeps a change's comment in a column of this many characters (simple_history).
COMMENT_LENGTH = 100
# The archive rule: an activity done this many years ago goes to the Historical Plan of Action.
ARCHIVE_AFTER_YEARS = 2
# The rule as the plan's own notes give it (seed 004, note 2, its bold left out); the
# Historical Plan of Action's page quotes it beside how Puebla applies it (items_archive).
ARCHIVE_RULE_QUOTE = (
    "Actions carried out more than 2 years ago are compiled in a Historical Plan of Action"
)


class EditConflict(Exception):
    """Somebody saved the item after the editor's form was read; `current` is the item now."""

    def __init__(self, current: Item):
        super().__init__(f"item {current.pk} is at version {current.version}")
        self.current = current


@transaction.atomic
def item_update(
    *,
    item: Item,
    expected_version: int,
    changes: dict,
    meeting_keys: list[str],
    document_keys: list[str],
    comment: str,
    by,
) -> Item:
    """Change an item's status, schedule, responsible party and evidence, with a comment.

    Evidence is named by key and must be visible to `by`; evidence `by` may not see stays as
    it is (an editor cannot remove, or learn of, what they cannot see). Raises ValidationError
    (nothing written) or EditConflict (nothing written; someone saved since the form was read).
    """
    if not Item.objects.editable_by(by).filter(pk=item.pk).exists():
        raise ValidationError(_("You may not edit this item."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say in a few words what changed and why.")})
    if len(comment.strip()) > COMMENT_LENGTH:
        raise ValidationError(
            {"comment": _("Say it in at most %(count)s characters.") % {"count": COMMENT_LENGTH}}
        )
    meetings = _visible_by_key(Meeting, meeting_keys, by, "evidence_meetings")
    documents = _visible_by_key(Document, document_keys, by, "evidence_documents")

    locked = Item.objects.select_for_update().get(pk=item.pk)
    if locked.version != expected_version:
        raise EditConflict(locked)
    if locked.archived_on is not None:
        raise ValidationError(
            _("This item is in the Historical Plan of Action: bring it back before editing it.")
        )
    old_status, old_responsible = locked.status_id, _responsible(locked)
    for name in EDITABLE_FIELDS:
        if name in changes:
            setattr(locked, name, changes[name])
    if locked.status_id != old_status:
        locked.status_since = timezone.localdate()
        # A person chose it: no longer the status the importer read from the bold italics.
        locked.inferred = " ".join(name for name in locked.inferred.split() if name != "status")
    if _responsible(locked) != old_responsible:
        # A person chose it: the responsible party is no longer one the load inferred.
        locked.inferred = " ".join(
            name for name in locked.inferred.split() if name not in RESPONSIBLE_FIELDS
        )
    locked.full_clean()
    if not access.is_secretariat(by) and locked.responsible_body_id not in by.edited_body_ids:
        raise ValidationError(
            {"responsible_body": _("Choose one of the bodies whose editor you are.")}
        )

    hidden_meetings = locked.evidence_meetings.exclude(pk__in=Meeting.objects.visible_to(by))
    hidden_documents = locked.evidence_documents.exclude(pk__in=Document.objects.visible_to(by))
    # One history row for the whole change: the evidence is set without one, then the save
    # writes the row, with the evidence as it now is.
    locked.skip_history_when_saving = True
    try:
        locked.evidence_meetings.set([*meetings, *hidden_meetings])
        locked.evidence_documents.set([*documents, *hidden_documents])
    finally:
        del locked.skip_history_when_saving
    _save(locked, by=by, reason=comment.strip())
    return locked


def _responsible(item: Item) -> tuple:
    return tuple(
        getattr(item, f"{name}_id" if name != "responsible_kind" else name)
        for name in RESPONSIBLE_FIELDS
    )


def _visible_by_key(model, keys, user, field):
    found = {record.slug: record for record in model.objects.visible_to(user).filter(slug__in=keys)}
    unknown = [key for key in keys if key not in found]
    if unknown:
        message = {
            "evidence_meetings": _("No meeting you may see has the key: %(keys)s."),
            "evidence_documents": _("No document you may see has the key: %(keys)s."),
        }[field]
        raise ValidationError({field: message % {"keys": ", ".join(unknown)}})
    return list(found.values())


def _save(locked: Item, *, by, reason: str | None) -> None:
    locked._history_user = by
    locked._change_reason = reason
    if not locked.save_edited(locked.version):
        # The row is locked for this transaction: nobody can have saved it since we read it.
        raise RuntimeError(f"item {locked.pk} changed under its lock")


@transaction.atomic
def item_bring_back(*, item: Item, by) -> Item:
    """The secretariat brings an item back from the Historical Plan of Action. The archive job
    leaves it in the current plan until its status changes again (items_archive)."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat brings items back."))
    locked = Item.objects.select_for_update().get(pk=item.pk)
    if locked.archived_on is None:
        raise ValidationError(_("This item is already in the current plan."))
    locked.archived_on = None
    _save(locked, by=by, reason=None)
    return locked


def two_years_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - ARCHIVE_AFTER_YEARS)
    except ValueError:  # 29 February: the 28th, two years before
        return day.replace(year=day.year - ARCHIVE_AFTER_YEARS, day=28)


def archive_date(done_since: datetime.date) -> datetime.date:
    """The day the rule moves an activity done since `done_since`: the first day whose date
    two years back (two_years_before) is later than it. Two years and a day, but for leap
    days: done on 28 February 2022, it moves on 1 March 2024, not on the 29th."""
    try:
        day = done_since.replace(year=done_since.year + ARCHIVE_AFTER_YEARS)
    except ValueError:  # 29 February: the 28th, two years on
        day = done_since.replace(year=done_since.year + ARCHIVE_AFTER_YEARS, day=28)
    while not two_years_before(day) > done_since:
        day += datetime.timedelta(days=1)
    return day


def archivable():
    """The current activities the rule will move, each on archive_date(status_since): done,
    with the date they became so, and not brought back by the secretariat with that same
    status (the history says so; the rule moves such an item again only once its status
    changes and is done again)."""
    archived_before = Item.history.model.objects.filter(
        id=OuterRef("pk"), archived_on__isnull=False, status_since=OuterRef("status_since")
    )
    return (
        Item.objects.current()
        .filter(level=Item.Level.ACTIVITY, status__is_done=True, status_since__isnull=False)
        .exclude(Exists(archived_before))
    )


def items_archive(*, today: datetime.date | None = None) -> int:
    """Move every activity completed more than two years before `today` (default: today) to
    the Historical Plan of Action; returns how many moved (see `archivable`).

    One transaction per item, so a long run holds no lock for long.
    """
    today = today or timezone.localdate()
    due = archivable().filter(status_since__lt=two_years_before(today)).values_list("pk", flat=True)
    moved = 0
    for pk in list(due):
        with transaction.atomic():
            locked = Item.objects.select_for_update().get(pk=pk)
            if locked.archived_on is not None:
                continue
            locked.archived_on = today
            _save(locked, by=None, reason=None)
            moved += 1
    return moved
