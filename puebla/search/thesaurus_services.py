"""Writing the search thesaurus (the Technical Secretariat, in the intranet). Each service
validates the pair with the model's own rules, writes in one transaction and keeps the history
with who wrote it; saving or deleting a pair makes every process load the pairs again
(puebla.search.thesaurus, through the model's signals)."""

from django.db import transaction
from django.utils.translation import gettext as _

from puebla.search.thesaurus_models import ThesaurusPair

EDITABLE = ("term_es", "term_en", "source", "note")


@transaction.atomic
def pair_save(*, pair: ThesaurusPair | None, fields: dict, by) -> ThesaurusPair:
    """Create a pair (`pair` None) or change one. Raises ValidationError, writing nothing,
    when a term is empty or too long, both terms are the same, the pair exists already or the
    source is missing."""
    if pair is None:
        pair = ThesaurusPair(created_by=by)
        reason = _("Added in the intranet")
    else:
        pair = ThesaurusPair.objects.select_for_update().get(pk=pair.pk)
        reason = _("Changed in the intranet")
    for name in EDITABLE:
        value = fields.get(name)
        setattr(pair, name, (value or "").strip())
    pair.updated_by = by
    pair.full_clean()
    pair._history_user = by
    pair._change_reason = reason
    pair.save()
    return pair


@transaction.atomic
def pair_delete(*, pair: ThesaurusPair, by) -> None:
    """Delete a pair; its history keeps what it said and who deleted it."""
    pair._history_user = by
    pair._change_reason = _("Deleted in the intranet")
    pair.delete()
