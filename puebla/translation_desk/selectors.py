"""What waits at the desk for a reader: the texts that exist in one language only, and the
translations whose source has changed since. The secretariat sees every record; a body's
editor the records of their bodies (the rule of `editable_by`, puebla.core.access)."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q, Value

from puebla.core.access import is_secretariat, is_signed_in
from puebla.core.models import Translation
from puebla.core.text import other_language
from puebla.core.translation_marks import current_marks
from puebla.translation_desk.kinds import Kind, all_kinds, kind_for

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def may_use_desk(user) -> bool:
    return is_secretariat(user) or (is_signed_in(user) and bool(user.edited_body_ids))


def editable_records(kind: Kind, user):
    """The records of `kind` that `user` may translate."""
    records = kind.model._default_manager.all()
    if is_secretariat(user):
        return records
    if hasattr(records, "editable_by"):
        return records.editable_by(user)
    return records.none()


def _lacking_any(kind: Kind, language: str) -> Q:
    return reduce(or_, (Q(**kind.lacking(field, language)) for field in kind.fields))


def waiting_records(kind: Kind, language: str, user, *, containing: str = ""):
    """The records of `kind` with a text that exists in the other language only; with
    `containing`, those whose texts in that other language contain these words."""
    records = editable_records(kind, user).filter(_lacking_any(kind, language))
    if containing:
        source = other_language(language)
        records = records.filter(
            reduce(
                or_,
                (Q(**{f"{field}_{source}__icontains": containing}) for field in kind.fields),
            )
        )
    return records


def desk_translation(kind: Kind, pk: int, field: str, language: str) -> Translation | None:
    """What the desk wrote as the record's `field` in `language`, if it wrote it."""
    return Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=pk,
        field=field,
        language=language,
    ).first()


@dataclass(frozen=True)
class Waiting:
    kind: Kind
    language: str  # the language to write
    count: int


def waiting_counts(user) -> list[Waiting]:
    """How many records of each kind wait for a text in each language: one query, whatever
    the number of kinds, that reads each kind's table once for both languages (a scan per
    language took twice as long: 100 ms at ten times the generated data)."""
    if not may_use_desk(user):
        return []
    counts = [
        editable_records(kind, user)
        .order_by()
        .annotate(desk_kind=Value(kind.key, output_field=CharField()))
        .values("desk_kind")
        .annotate(
            **{
                f"lacking_{language}": Count("pk", filter=_lacking_any(kind, language))
                for language in LANGUAGES
            }
        )
        .values_list("desk_kind", *(f"lacking_{language}" for language in LANGUAGES))
        for kind in all_kinds()
    ]
    if not counts:
        return []
    rows = counts[0].union(*counts[1:], all=True)
    waiting = [
        Waiting(kind_for(key), language, count)
        for key, *by_language in rows
        for language, count in zip(LANGUAGES, by_language, strict=True)
        if count
    ]
    return sorted(waiting, key=lambda item: (LANGUAGES.index(item.language), str(item.kind.label)))


@dataclass(frozen=True)
class OutOfDate:
    translation: Translation
    record: object
    kind: Kind


def out_of_date(user) -> list[OutOfDate]:
    """The desk's translations whose source text has changed since they were written or last
    reviewed, among the records `user` may translate: a query for the translations and one
    per kind that has any."""
    if not may_use_desk(user) or not current_marks():
        return []  # the home page asks each time: no query while the desk has written nothing
    translations = Translation.objects.select_related("content_type", "translated_by")
    by_kind: dict[str, list[Translation]] = {}
    for translation in translations:
        key = f"{translation.content_type.app_label}.{translation.content_type.model}"
        by_kind.setdefault(key, []).append(translation)
    stale = []
    for key, group in sorted(by_kind.items()):
        kind = next((kind for kind in all_kinds() if kind.key == key), None)
        if kind is None:
            continue
        records = editable_records(kind, user).in_bulk([t.object_id for t in group])
        for translation in group:
            record = records.get(translation.object_id)
            if record is None:
                continue
            if translation.is_out_of_date(record):
                stale.append(OutOfDate(translation, record, kind))
    return stale


def panel_context(request) -> dict | None:
    """The intranet home's count of what waits at the desk; nothing for who cannot use it."""
    user = request.user
    if not may_use_desk(user):
        return None
    waiting = waiting_counts(user)
    return {
        "into": {
            language: sum(entry.count for entry in waiting if entry.language == language)
            for language in LANGUAGES
        },
        "out_of_date": len(out_of_date(user)),
    }
