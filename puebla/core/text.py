"""Text helpers shared by every app."""

import unicodedata


def fold_accents(text: str) -> str:
    """'Panamá' -> 'Panama': drop combining marks after canonical decomposition."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def collation_key(text: str) -> tuple[str, str]:
    """Sort key that puts 'Perú' between 'Panamá' and 'Uruguay', as a reader expects.

    Ties on the folded form are broken by the original text so the order is total.
    """
    return fold_accents(text).casefold(), text
