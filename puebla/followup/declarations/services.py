"""Writes to declarations and their commitments (DESIGN.md §5): declaration_create,
commitment_create, declaration_update, commitment_update. A new one is checked as an edit is:
only the secretariat, the model's rules (`full_clean`), a commitment's number unique within its
declaration, and who made the change in the history.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.followup.models import Commitment, Declaration

DECLARATION_FIELDS = ("meeting", "title_es", "title_en", "adopted_on", "document")
COMMITMENT_FIELDS = ("position", "text_es", "text_en", "theme", "responsible_es", "responsible_en")


def declaration_create(*, meeting, by, **fields) -> Declaration:
    """A declaration of a Vice-Ministerial meeting (title_es/title_en, adopted_on, document),
    checked as an edit is."""
    return declaration_update(declaration=Declaration(), by=by, meeting=meeting, **fields)


def commitment_create(*, declaration: Declaration, by, **arguments) -> Commitment:
    """A numbered commitment of `declaration` (number, text_es/text_en, theme,
    responsible_es/en, position) with its links to Plan of Action items and Global Compact
    objectives, checked as an edit is."""
    return commitment_update(commitment=Commitment(declaration=declaration), by=by, **arguments)


@transaction.atomic
def declaration_update(*, declaration: Declaration, by, **fields) -> Declaration:
    """Change the declaration's meeting, titles, adoption date or document."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat records declarations."))
    _assign(declaration, fields, DECLARATION_FIELDS)
    declaration.full_clean()
    declaration._history_user = by
    declaration.save()
    return declaration


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    by,
    number: str,
    plan_items: Iterable = (),
    gcm_objectives: Iterable = (),
    responsible_bodies: Iterable = (),
    responsible_countries: Iterable = (),
    **fields,
) -> Commitment:
    """Change a commitment: its number (still unique in its declaration), text, theme,
    responsible parties and links to Plan of Action items and Global Compact objectives."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat records commitments."))
    number = number.strip()
    if (
        Commitment.objects.filter(declaration=commitment.declaration_id, number=number)
        .exclude(pk=commitment.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "number": _("This declaration already has a commitment %(number)s.")
                % {"number": number}
            }
        )
    commitment.number = number
    _assign(commitment, fields, COMMITMENT_FIELDS)
    commitment.full_clean()
    commitment._history_user = by
    commitment.save()
    commitment.plan_items.set(plan_items)
    commitment.gcm_objectives.set(gcm_objectives)
    commitment.responsible_bodies.set(responsible_bodies)
    commitment.responsible_countries.set(responsible_countries)
    return commitment


def _assign(record, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        # A programming error, not the user's: the views only pass the form's fields.
        raise TypeError(f"cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(record, name, value)
