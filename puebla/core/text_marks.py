"""The notes a text in one language carries wherever it is shown: on pages (the `localized`
tag), in files and in mail (`marked_text`). One wording for all, so a reader meets the same
note on the page, in the spreadsheet and in the message:

- "not yet translated into Spanish": the reader's language has no text, the other one's is shown;
- "translated by the Technical Secretariat" (or "by the body's editors"): the source gave one
  language and the translation desk wrote the other;
- "translation out of date": and the text it was translated from has changed since.
"""

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import get_language, gettext, gettext_noop

from puebla.core.text import text_and_language
from puebla.core.translation_marks import mark_for

MISSING = {
    "es": gettext_noop("not yet translated into Spanish"),
    "en": gettext_noop("not yet translated into English"),
}


def missing_notice(language: str) -> str:
    """ "not yet translated into Spanish", in the active language."""
    return gettext(MISSING.get(language[:2], gettext_noop("not yet translated")))


def translation_notices(record, field: str, language: str) -> list[str]:
    """The desk's notes for `record`'s `field` in `language`, in the active language: none
    when the desk did not write it."""
    mark = mark_for(record, field, language)
    if mark is None:
        return []
    notices = [
        gettext("translated by the Technical Secretariat")
        if mark.by_secretariat
        else gettext("translated by the body's editors")
    ]
    if mark.out_of_date(record, field):
        notices.append(gettext("translation out of date: the original has changed"))
    return notices


def marked_text(record, field: str, language: str) -> str:
    """`record`'s `field` as a file or a message in `language` writes it: the text with the
    notes a page gives it, in brackets after it. Empty when no language has a text."""
    value, found_in = text_and_language(record, field, language)
    if not value:
        return ""
    with translation.override(language):
        if found_in != language:
            notices = [missing_notice(language)]
        else:
            notices = translation_notices(record, field, language)
    return " ".join([value, *(f"({notice})" for notice in notices)])


def localized_markup(record, field_name: str, as_html=conditional_escape):
    """The `localized` tag's HTML, with the text itself made HTML by `as_html` (escaped by
    default; a plan's texts turn their <i> markup into emphasis)."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    value, found_in = text_and_language(record, field_name, language)
    if not value:
        return format_html('<span class="untranslated">{}</span>', gettext("Not available yet"))
    if found_in != language:
        return format_html(
            '<span lang="{}">{}</span> <small class="untranslated">({})</small>',
            found_in,
            as_html(value),
            missing_notice(language),
        )
    notices = translation_notices(record, field_name, language)
    if not notices:
        return as_html(value)
    return format_html(
        "{}{}",
        as_html(value),
        format_html_join(
            "", ' <small class="translated-note">({})</small>', ((notice,) for notice in notices)
        ),
    )


def without_notes(text: str, language: str) -> tuple[str, bool]:
    """(`text` without the notes `marked_text` adds in `language`, whether it carried "not yet
    translated"): what an import reads back from a file Puebla wrote."""
    with translation.override(language):
        desk = [
            gettext("translated by the Technical Secretariat"),
            gettext("translated by the body's editors"),
            gettext("translation out of date: the original has changed"),
        ]
        missing = missing_notice(language)
    stripped, untranslated = text.rstrip(), False
    while True:
        for note in (*desk, missing):
            if stripped.endswith(f"({note})"):
                untranslated = untranslated or note == missing
                stripped = stripped[: -len(note) - 2].rstrip()
                break
        else:
            return (stripped, untranslated) if stripped != text.rstrip() else (text, False)
