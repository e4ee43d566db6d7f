"""Text helpers shared by every app."""

import re
import unicodedata

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


def in_reader_language(record, field: str) -> str:
    """A bilingual record's `<field>_es` / `<field>_en` in the active language, else the other
    one's ("" if neither): for plain text, such as an option's label or a message, where the
    `localized` tag's markup cannot go."""
    first, second = ("en", "es") if (get_language() or "es").startswith("en") else ("es", "en")
    return getattr(record, f"{field}_{first}", "") or getattr(record, f"{field}_{second}", "")
