"""What the search page offers when a search finds nothing, so that it is never a dead end:
the same words without the filters, or "Did you mean" with the misspelt words corrected.

No leak: the vocabulary holds the words of every record, restricted ones too
(puebla/search/vocabulary.py), so a correction is offered only once a search *as the reader*,
with the same filters, finds at least one record with it. A word that only records the reader
may not see contain is therefore never shown to them. At most MOST_TRIES corrected queries are
searched, so the page's cost stays bounded whatever the query.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from puebla.search import text, vocabulary
from puebla.search.query import search

MOST_TRIES = 3
# The misspelt words of a query looked up in the vocabulary (tens of milliseconds each at
# 50,000 words); the others are left as typed.
MOST_CORRECTED = 5


@dataclass(frozen=True)
class Suggestion:
    query: str  # the corrected query, as it is searched
    parts: tuple[tuple[str, bool], ...]  # the query in pieces; True for a corrected word
    total: int  # what searching it found for the reader

    def html(self) -> SafeString:
        """The corrected query, escaped, each corrected word in <em>."""
        return format_html_join(
            "",
            "{}",
            (
                (format_html("<em>{}</em>", piece) if corrected else piece,)
                for piece, corrected in self.parts
            ),
        )


def unfiltered_total(user, query: str) -> int:
    """How many records `user` finds for `query` without any filter."""
    return search(user, query).total


def did_you_mean(user, query: str, *, reader_language: str, **filters) -> Suggestion | None:
    """A corrected `query` that finds something for `user` with the same `filters` (those of
    puebla.search.query.search), or None. Each misspelt word of the query (see `_corrections`)
    is replaced by its best correction in the vocabulary; the next candidates try the second
    and third best. Never raises on any text."""
    for parts in _candidates(query, reader_language):
        corrected = "".join(piece for piece, _corrected in parts)
        found = search(user, corrected, **filters)
        if found.total:
            return Suggestion(corrected, parts, found.total)
    return None


def _candidates(query: str, language: str) -> list[tuple[tuple[str, bool], ...]]:
    """At most MOST_TRIES corrected versions of `query`, each in pieces (text, corrected)."""
    pieces = _pieces(query)
    words = [i for i, (_piece, is_word) in enumerate(pieces) if is_word]
    if not words:
        return []
    options = _corrections([pieces[i][0] for i in words], language)
    if not any(options):
        return []
    candidates = []
    for rank in range(MOST_TRIES):
        parts = [(piece, False) for piece, _is_word in pieces]
        for position, corrections in zip(words, options, strict=True):
            if corrections:
                chosen = corrections[min(rank, len(corrections) - 1)]
                parts[position] = (_like(pieces[position][0], chosen.written), True)
        if tuple(parts) not in candidates:
            candidates.append(tuple(parts))
    return candidates


def _corrections(written: list[str], language: str) -> list[list[vocabulary.Correction]]:
    """For each word of a query, its corrections, best first; none for a word left as it is.

    A word of a query that found nothing is corrected when no word of the index shares its stem
    (the search would find a word of another ending: "migraciones" is not misspelt). When the
    query has a single word, that word found nothing for the reader, so it is corrected even
    where the index knows it: from records the reader may not see, whose words must change
    nothing in what the reader is offered.
    """
    folded = [_folded(word) for word in written]
    correctable = [
        word is not None and vocabulary.budget(word) > 0 and not _stop_word(word) for word in folded
    ]
    alone = sum(correctable) == 1
    options = []
    looked_up = 0
    for word, can in zip(folded, correctable, strict=True):
        if not can or looked_up >= MOST_CORRECTED or (not alone and vocabulary.known(word)):
            options.append([])
        else:
            options.append(vocabulary.nearest(word, language, most=MOST_TRIES))
            looked_up += 1
    return options


def _folded(written: str) -> str | None:
    words = text.words(written)
    return words[0] if len(words) == 1 else None


def _stop_word(word: str) -> bool:
    return any(word in stop for stop in text.STOP_WORDS.values())


def _pieces(query: str) -> list[tuple[str, bool]]:
    """The query as written, cut into words and what lies between them: (piece, is_word)."""
    pieces = []
    end = 0
    for start, stop in text.written_words(query):
        if start > end:
            pieces.append((query[end:start], False))
        pieces.append((query[start:stop], True))
        end = stop
    if end < len(query):
        pieces.append((query[end:], False))
    return pieces


def _like(typed: str, written: str) -> str:
    """The correction with the capital of the word typed: "Trafiko" -> "Tráfico"."""
    if typed[:1].isupper() and written[:1].islower():
        return written[:1].upper() + written[1:]
    return written
