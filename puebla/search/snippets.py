"""Titles and excerpts of hits with the matched words in <mark>, escaped for HTML.

The words are found in the text as written (puebla.search.text.is_match), on either database:
"Migración" is marked for the query "migraciones". Every piece of the text is escaped; only the
<mark> elements this module writes are markup.
"""

import re
from collections import deque

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from puebla.search import text

# Words of context before the first match, and the length of an excerpt in words.
BEFORE = 12
LENGTH = 40
# A long text (a document's) is searched for its first match this far, then shown from its start.
MOST_WORDS_SCANNED = 20_000
SPACE = re.compile(r"\s+")


def highlight(value: str, stems: frozenset[str], language: str) -> SafeString:
    """All of `value`, every matched word marked."""
    value = text.normalize(value).strip()
    spans = list(text.written_words(value))
    return _marked(value, spans, stems, language, 0, len(value))


def excerpt(value: str, stems: frozenset[str], language: str) -> SafeString:
    """About LENGTH words of `value` around its first matched word (its start if none
    matches), every matched word in it marked, "…" where the text goes on."""
    value = text.normalize(value).strip()
    words = text.written_words(value)
    head: list[tuple[int, int]] = []  # the start, shown if nothing matches
    before: deque[tuple[int, int]] = deque(maxlen=BEFORE)
    spans = None
    for scanned, span in enumerate(words):
        if text.is_match(value[span[0] : span[1]], stems, language):
            spans = [*before, span]
            break
        if scanned >= MOST_WORDS_SCANNED:
            break
        before.append(span)
        if len(head) < LENGTH:
            head.append(span)
    if spans is None:
        spans = head
    else:
        for span in words:
            if len(spans) >= LENGTH:
                break
            spans.append(span)
    if not spans:
        return mark_safe("")
    start, end = spans[0][0], spans[-1][1]
    # Punctuation before the first word and after the last is kept; "…" stands for words.
    if not _has_words(value[:start]):
        start = 0
    if not _has_words(value[end:]):
        end = len(value)
    marked = _marked(value, spans, stems, language, start, end)
    return mark_safe(  # noqa: S308 (every piece of text escaped by _marked)
        ("… " if start > 0 else "") + marked + (" …" if end < len(value) else "")
    )


def _has_words(value: str) -> bool:
    return next(text.written_words(value), None) is not None


def _marked(value, spans, stems, language, start: int, end: int) -> SafeString:
    pieces, position = [], start
    for word_start, word_end in spans:
        word = value[word_start:word_end]
        if not text.is_match(word, stems, language):
            continue
        pieces.append(_plain(value[position:word_start]))
        pieces.append(f"<mark>{escape(word)}</mark>")
        position = word_end
    pieces.append(_plain(value[position:end]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text escaped)


def _plain(value: str) -> str:
    return escape(SPACE.sub(" ", value))
