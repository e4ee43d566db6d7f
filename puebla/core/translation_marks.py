"""Which texts the translation desk wrote, for the marks that pages, files and mail give them:
"translated by the Technical Secretariat", and "out of date" once the text it was translated
from has changed (until someone reviews it).

Every `localized` text on a page asks; a database query each time would make a list's queries
grow with its rows. So each process keeps the desk's translations in memory (a few bytes a
text, and the desk writes a few thousand at most), loaded in one query and reloaded when the
shared cache's version says that some process wrote one. A process looks at that version at
most once a request (and once a second outside requests: jobs), so a translation shows
everywhere at the next request after it is saved.
"""

import hashlib
import threading
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.core.signals import request_started

VERSION_KEY = "puebla:translations-version"
RECHECK_SECONDS = 1.0


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


class _Index:
    def __init__(self):
        self.lock = threading.Lock()
        self.version = None
        self.marks: dict[tuple, Mark] = {}
        self.checked_at = float("-inf")

    def current(self) -> dict[tuple, Mark]:
        if time.monotonic() - self.checked_at < RECHECK_SECONDS:
            return self.marks
        with self.lock:
            version = cache.get(VERSION_KEY)
            if version is None:
                # A cache emptied (or never written): take a new version, so that no process
                # keeps what it loaded under the old one.
                cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
                version = cache.get(VERSION_KEY)
            if version != self.version:
                self.marks = _load()
                self.version = version
            self.checked_at = time.monotonic()
            return self.marks

    def recheck(self, **_kwargs):
        self.checked_at = float("-inf")


_index = _Index()
# Each request looks at the version once, whatever the time since the last look.
request_started.connect(_index.recheck, weak=False, dispatch_uid="puebla-translation-marks")


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
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _index.recheck()


def current_marks() -> dict[tuple, Mark]:
    """This process's marks as of now: it looks at the version at once, and loads them again
    (one query) when some process wrote a translation since."""
    _index.recheck()
    return _index.current()


def mark_for(record, field: str, language: str) -> Mark | None:
    """The desk's mark for `record`'s `field` in `language`, or None when the desk did not
    write that text."""
    marks = _index.current()
    if not marks or record is None or record.pk is None:
        return None
    return marks.get((record._meta.label_lower, record.pk, field, language[:2]))
