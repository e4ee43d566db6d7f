"""The source's bold-italics markup (<i>...</i>, "active, ongoing, or pending input") as
HTML: everything escaped, then each balanced pair as <em>. A stray tag stays visible as
text, as the source has it.

`localized_html(record, field)` is the `localized` tag (puebla.core) for a plan's texts: the
text in the reader's language with its markup as emphasis, or the other language's, marked
with its `lang` and "not yet translated", as every page marks a missing translation.
`missing_notice(language)` is that note, for files (puebla.planning.exports), where the
importer reads it back (puebla.planning.importer); `status_inferred_notice(language)` likewise
marks a status read from the bold italics rather than from the source's words."""

import re

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from puebla.core.text_marks import localized_markup, without_notes
from puebla.core.text_marks import missing_notice as active_missing_notice

_PAIR = re.compile(r"&lt;i&gt;(.*?)&lt;/i&gt;", re.IGNORECASE | re.DOTALL)


def as_html(text: str) -> SafeString:
    escaped = escape(text or "")
    # Only our own <em> around already-escaped text goes in unescaped.
    return mark_safe(_PAIR.sub(r'<em class="plan-source-marked">\1</em>', escaped))  # noqa: S308


# A status read from the bold italics (Status.MARKED) is marked wherever it shows.
STATUS_INFERRED = gettext_noop("inferred from the source's bold italics")
STATUS_INFERRED_NOTE = {
    "es": (
        "La fuente no da estado a este elemento: lo pone en negrita y cursiva, que según su nota "
        "significan «activo, permanente o pendiente de insumos», sin decir cuál de los tres."
    ),
    "en": (
        "The source gives this item no status: it sets it in bold italics, which its note says "
        "mean “active, ongoing, or pending input”, without saying which of the three."
    ),
}


def status_inferred_notice(language: str) -> str:
    """ "inferred from the source's bold italics", in `language`."""
    with translation.override(language):
        return gettext(STATUS_INFERRED)


def with_status_inferred_notice(name: str, language: str) -> str:
    """A status's name as a file in `language` writes it when the status is inferred."""
    return f"{name} ({status_inferred_notice(language)})"


def without_status_inferred_notice(text: str, language: str) -> tuple[str, bool]:
    """(`text` without the note with_status_inferred_notice adds, whether it had it)."""
    note = f"({status_inferred_notice(language)})"
    stripped = text.rstrip()
    if stripped.endswith(note):
        return stripped[: -len(note)].rstrip(), True
    return text, False


def missing_notice(language: str) -> str:
    """ "not yet translated into Spanish", in `language` ("aún sin traducción al español")."""
    with translation.override(language):
        return active_missing_notice(language)


def with_missing_notice(text: str, language: str) -> str:
    """`text`, in the other language, as a file in `language` writes it: "To exchange
    information. (aún sin traducción al español)"."""
    return f"{text} ({missing_notice(language)})"


def without_missing_notice(text: str, language: str) -> tuple[str, bool]:
    """(`text` without the notes a file in `language` adds, whether it said "not yet
    translated"): the importer reads such a text as the other language's, and a text
    "translated by the Technical Secretariat" as the file's own."""
    return without_notes(text, language)


def localized_html(record, field: str) -> SafeString:
    return localized_markup(record, field, as_html)
