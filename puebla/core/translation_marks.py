"""Which texts the translation desk wrote, for the marks that pages, files and mail give them:
"translated by the Technical Secretariat", and "out of date" once the text it was translated
from has changed (until someone reviews it).

Every `localized` text on a page asks; a database query each time would make a list's queries
grow with its rows. So each process keeps the desk's translations in memory (a few bytes a
text, and the desk writes a few thousand at most), loaded in one query and reloaded when the
shared cache's version says that some process wrote one (puebla.core.process_memory).
"""

import hashlib
from dataclasses import dataclass

from puebla.core.process_memory import SharedVersionMemory

VERSION_KEY = "puebla:translations-version"


def digest(text: str) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


@dataclass(frozen=True)
class Mark:
    """What the desk wrote for one text in one language."""

    by_secretariat: bool
    source_language: str
    source_digest: str

    def out_of_date(self, record, field: str) -> bool:
        """Whether the text it was translated from has changed since (and nobody reviewed it)."""
        current = getattr(record, f"{field}_{self.source_language}", "") or ""
        return digest(current) != self.source_digest


_memory = SharedVersionMemory(VERSION_KEY, lambda: _load(), {})


def _load() -> dict[tuple, Mark]:
    from puebla.core.models import Translation  # the models load after this module

    rows = Translation.objects.values_list(
        "content_type__app_label",
        "content_type__model",
        "object_id",
        "field",
        "language",
        "by_secretariat",
        "source_language",
        "source_text",
    )
    return {
        (f"{app}.{model}", object_id, field, language): Mark(
            by_secretariat, source_language, digest(source)
        )
        for app, model, object_id, field, language, by_secretariat, source_language, source in rows
    }


def translations_changed() -> None:
    """Called once a translation is written or reviewed: every process reloads."""
    _memory.changed()


def current_marks() -> dict[tuple, Mark]:
    """This process's marks as of now: it looks at the version at once, and loads them again
    (one query) when some process wrote a translation since."""
    _memory.recheck()
    return _memory.current()


def mark_for(record, field: str, language: str) -> Mark | None:
    """The desk's mark for `record`'s `field` in `language`, or None when the desk did not
    write that text."""
    marks = _memory.current()
    if not marks or record is None or record.pk is None:
        return None
    return marks.get((record._meta.label_lower, record.pk, field, language[:2]))
