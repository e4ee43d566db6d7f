"""Text into index terms: folded (case and accents) and stemmed (Snowball, through PyStemmer).

The index stores the terms this module makes and the search matches a query's terms against
them, the same on every database (puebla.search.postings). Snippets highlight matches with
`is_match`, so a snippet marks the words that made a record match, whatever their accents or
endings ("Migración" for the query "migraciones").

Every function here accepts any text (emoji, control characters, scripts without a stemmer)
and never raises: what is not a word is simply not a term.
"""

import functools
import re
import threading
import unicodedata

import Stemmer

from puebla.core.text import fold_accents
from puebla.search import stopwords

# The languages whose texts are indexed: their Snowball stemmer (PyStemmer), PostgreSQL's text
# search configuration of the same name, and the words a query leaves out.
STEMMERS = {"es": "spanish", "en": "english"}
PG_CONFIGS = {"es": "spanish", "en": "english"}
STOP_WORDS = {"es": stopwords.SPANISH, "en": stopwords.ENGLISH}
# Longer "words" are not words (a pasted hash, a run of letters): PostgreSQL drops them too.
LONGEST_WORD = 100
# A query is a few words; more are cut rather than making an ever longer query.
MOST_QUERY_TERMS = 20

# Letters and digits; not the underscore, which \w includes.
WORD = re.compile(r"[^\W_]+")
# A word in text as written: letters and digits with the combining marks that follow them, so
# that a decomposed "é" (e + U+0301) does not split its word in two.
WRITTEN_WORD = re.compile(
    r"[^\W_](?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])*"
)

_local = threading.local()  # PyStemmer's stemmers are not safe to share between threads


def fold(text: str) -> str:
    """Lower-case `text` and drop its accents and other diacritics: "Migración" -> "migracion",
    "Año" -> "ano". Compatibility forms are unified too ("ﬁ" -> "fi", "²" -> "2").

    Idempotent: folding a folded text changes nothing. Case folding can bring back a combining
    mark ("İ" -> "i" + U+0307) and decomposing can bring back a capital (U+210C, black-letter
    H -> "H"), so both are applied until nothing changes (twice, for any text met so far).
    """
    for _attempt in range(5):
        folded = fold_accents(text.casefold()).casefold()
        if folded == text:
            break
        text = folded
    return text


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return [word for word in WORD.findall(fold(text)) if len(word) <= LONGEST_WORD]


def stem(word: str, language: str) -> str:
    """The Snowball stem of a folded word in `language` (the word itself if it has no stemmer)."""
    algorithm = STEMMERS.get(language)
    if algorithm is None:
        return word
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if algorithm not in stemmers:
        stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmers[algorithm].stemWord(word)


def terms(text: str, language: str) -> list[str]:
    """The index terms of `text` in `language`: its folded words, stemmed, in order."""
    return [stem(word, language) for word in words(text)]


def query_words(query: str, language: str) -> list[str]:
    """The folded words of a query that count in `language`: without its stop words, once
    each, at most MOST_QUERY_TERMS."""
    stop = STOP_WORDS.get(language, frozenset())
    kept = dict.fromkeys(word for word in words(query) if word not in stop)
    return list(kept)[:MOST_QUERY_TERMS]


def query_terms(query: str, language: str) -> list[str]:
    """The stems a record's text in `language` must contain to match `query` (all of them)."""
    return list(dict.fromkeys(stem(word, language) for word in query_words(query, language)))


def written_words(text: str):
    """(start, end) of each word of `text` as written (to highlight it in place)."""
    for match in WRITTEN_WORD.finditer(text):
        yield match.start(), match.end()


def is_match(written: str, stems: frozenset[str], language: str) -> bool:
    """Whether a word as written is one of the query's `stems` in `language`."""
    return not stems.isdisjoint(_written_stems(written, language))


@functools.lru_cache(maxsize=65_536)
def _written_stems(written: str, language: str) -> tuple[str, ...]:
    # The snippets of a page of hits ask this of every word they show: words repeat, and
    # folding and stemming each again was a third of the page's time.
    return tuple(stem(word, language) for word in words(written))


# Control characters other than tab and line breaks have no place in HTML.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalize(text: str) -> str:
    """`text` composed (NFC) and without control characters, as snippets show and cut it."""
    return CONTROL.sub("", unicodedata.normalize("NFC", text))
