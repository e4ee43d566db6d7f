"""Writing at the desk. Both services lock the record, write in one transaction, and keep the
history: the record's own (its new text, with who wrote it) and the translation's (who
translated or reviewed it, when, from which source text).

    translate   write a text into the language the record lacked, or rewrite the desk's own
    review      say that a translation still says what its changed source says
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core.access import is_secretariat
from puebla.core.models import Translation
from puebla.core.pagecache import bump_content_version
from puebla.core.text import other_language
from puebla.core.translation_marks import translations_changed
from puebla.translation_desk.kinds import Kind
from puebla.translation_desk.selectors import desk_translation, editable_records


def _language_name(language: str) -> str:
    return dict(settings.LANGUAGES)[language]


def _locked(kind: Kind, pk: int, by):
    record = editable_records(kind, by).select_for_update().filter(pk=pk).first()
    if record is None:
        raise ValidationError(
            _(
                "You may not translate this record: it is for the Technical Secretariat, or for "
                "the editors of the body it belongs to."
            )
        )
    return record


def _changed():
    # Pages mark the desk's texts: every process reloads its marks, and cached pages go.
    translations_changed()
    bump_content_version()
    transaction.on_commit(translations_changed)
    transaction.on_commit(bump_content_version)


@transaction.atomic
def translate(*, kind: Kind, pk: int, field: str, language: str, text: str, by) -> Translation:
    """Write `text` as `field` in `language` of the record `pk`. Refused, with nothing
    written, when the record has no text in the other language to translate from, or already
    has one in `language` that the desk did not write (that is the source's own: it is edited
    on the record's page), or when the text is empty or too long."""
    if field not in kind.fields:
        raise ValidationError(_("This record has no such text."))
    record = _locked(kind, pk, by)
    source_language = other_language(language)
    source = getattr(record, f"{field}_{source_language}")
    if not source:
        raise ValidationError(
            _("There is no text in %(language)s to translate from.")
            % {"language": _language_name(source_language)}
        )
    existing = desk_translation(kind, record.pk, field, language)
    if getattr(record, f"{field}_{language}") and existing is None:
        raise ValidationError(
            _(
                "This text already exists in %(language)s, from the source itself: change it "
                "on the record's own page, not at the translation desk."
            )
            % {"language": _language_name(language)}
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the translation: it is empty.")})
    column = kind.column(field, language)
    try:
        column.clean(text, record)
    except ValidationError as error:
        raise ValidationError({"text": error.messages}) from error
    setattr(record, column.name, text)
    record._history_user = by
    record._change_reason = _("Translated at the translation desk")
    record.save(update_fields=[column.name])

    now = timezone.now()
    translation = existing or Translation(
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=record.pk,
        field=field,
        language=language,
        translated_at=now,
    )
    translation.source_language = source_language
    translation.source_text = source
    translation.by_secretariat = is_secretariat(by)
    translation.translated_by = by
    translation.translated_at = now
    translation.reviewed_at = now
    translation._history_user = by
    translation.save()
    _changed()
    return translation


@transaction.atomic
def review(*, kind: Kind, translation: Translation, by) -> Translation:
    """Take the changed source text as the one `translation` translates, its own text kept."""
    record = _locked(kind, translation.object_id, by)
    translation = Translation.objects.select_for_update().get(pk=translation.pk)
    translation.source_text = getattr(record, f"{translation.field}_{translation.source_language}")
    translation.reviewed_at = timezone.now()
    translation._history_user = by
    translation._change_reason = _("Reviewed: still a translation of the changed source")
    translation.save()
    _changed()
    return translation
