"""Text helpers shared by every app."""

import re
import unicodedata

from django.conf import settings
from django.utils.translation import get_language

# Characters a person cannot type and XML (XLSX, DOCX) cannot hold: C0 controls but tab, line
# feed and carriage return, DEL, and the two non-characters U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def without_control_characters(text: str) -> str:
    """`text` without the characters that break an export (see CONTROL_CHARACTERS)."""
    return CONTROL_CHARACTERS.sub("", text)


def fold_accents(text: str) -> str:
    """'Panamá' -> 'Panama': drop combining marks after canonical decomposition."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def collation_key(text: str) -> tuple[str, str]:
    """Sort key that puts 'Perú' between 'Panamá' and 'Uruguay', as a reader expects.

    Ties on the folded form are broken by the original text so the order is total.
    """
    return fold_accents(text).casefold(), text


def text_and_language(record, field: str, language: str | None = None) -> tuple[str, str]:
    """A bilingual record's `<field>_<language>` (the active language by default) and that
    language; when it is empty, the first other language's text that exists and its language;
    ("", language) when none does. The one "this language, else the other" of Puebla: the
    `localized` tag marks the fallback on pages, `text_in` gives plain text."""
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    own = getattr(record, f"{field}_{language}", "") or ""
    if own:
        return own, language
    for other, _name in settings.LANGUAGES:
        value = getattr(record, f"{field}_{other}", "") or ""
        if other != language and value:
            return value, other
    return "", language


def text_in(record, field: str, language: str | None = None) -> str:
    """The text of `text_and_language`, for plain text where the page's marking of a fallback
    cannot go: an option's label, a message, a file, a calendar entry, mail."""
    return text_and_language(record, field, language)[0]


def other_language(language: str) -> str:
    """The site's other language (Puebla has two): where a table in one language keeps the
    text it carries in the other."""
    return next(code for code, _name in settings.LANGUAGES if code != language[:2])
