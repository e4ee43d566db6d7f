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

from django.conf import settings
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from puebla.core.text import text_and_language

_PAIR = re.compile(r"&lt;i&gt;(.*?)&lt;/i&gt;", re.IGNORECASE | re.DOTALL)
# The same notes as the `localized` tag's (the same messages in the catalogue).
_MISSING = {
    "es": gettext_noop("not yet translated into Spanish"),
    "en": gettext_noop("not yet translated into English"),
}


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
        return gettext(_MISSING[language])


def with_missing_notice(text: str, language: str) -> str:
    """`text`, in the other language, as a file in `language` writes it: "To exchange
    information. (aún sin traducción al español)"."""
    return f"{text} ({missing_notice(language)})"


def without_missing_notice(text: str, language: str) -> tuple[str, bool]:
    """(`text` without the note with_missing_notice adds, whether it had it): the importer
    reads such a text as the other language's."""
    note = f"({missing_notice(language)})"
    stripped = text.rstrip()
    if stripped.endswith(note):
        return stripped[: -len(note)].rstrip(), True
    return text, False


def localized_html(record, field: str) -> SafeString:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    value, found_in = text_and_language(record, field, language)
    if not value:
        return format_html('<span class="untranslated">{}</span>', gettext("Not available yet"))
    if found_in == language:
        return as_html(value)
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated">({})</small>',
        found_in,
        as_html(value),
        gettext(_MISSING.get(language, "not yet translated")),
    )
