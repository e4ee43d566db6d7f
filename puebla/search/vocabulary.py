"""The index's vocabulary (`search.Word`), for "Did you mean": written as the index is, read
from process memory.

Writing: puebla/search/services.py hands over the (language, title, text) of the index rows it
replaces and of those it writes; only the difference reaches the database, in a few
statements (an upsert of the words gained, a decrement and a clean-up of the words lost), so a
record saved unchanged costs one read of its rows and no write. The whole vocabulary is rebuilt with the index.

Reading: a zero-result search asks for the words near a word of its query (`nearest`). Each
process keeps the vocabulary in memory (50,000 words are a few megabytes), loaded in one query
and loaded again when the shared cache's version says that some process wrote to it (the
pattern of puebla/core/translation_marks.py: the version is read once a request). Candidates
are narrowed there before any edit distance is computed: see `_Language.candidates`.

Measured at 50,000 made-up words of common Spanish syllables (denser than real text;
tests/search/test_vocabulary.py): loading them and correcting a first typo takes about 0.15 s,
each lookup after that 15 ms at the median and 40 ms at the 95th percentile, with 20 words
compared at the median.
"""

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from puebla.core.process_memory import SharedVersionMemory
from puebla.search import text
from puebla.search.editdistance import distance
from puebla.search.models import Word

VERSION_KEY = "puebla:search-vocabulary-version"
# Words shorter than this are never corrected nor suggested (a correction needs 4 letters, and
# one edit reaches 3); longer ones are rare as typos and would only make the table wider.
SHORTEST = 3
LONGEST = 40
# Rows per statement when the vocabulary is written in bulk.
BATCH = 500


def budget(word: str) -> int:
    """The edits a folded word may be away from its correction: none under 4 letters, one for
    4 to 7, two for 8 or more."""
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 7 else 2


# -- Words of a text ------------------------------------------------------------------------


def written_forms(title: str, body: str, language: str) -> dict[str, str]:
    """The words of a title and text worth suggesting: {folded: written}, the written form in
    lower case and composed, with its accents ("Tráfico" -> {"trafico": "tráfico"}). Where the
    records write a word both ways, the accented form wins, then the more frequent one."""
    stop = text.STOP_WORDS.get(language, frozenset())
    seen = Counter(text.WRITTEN_WORD.findall(f"{title or ''}\n{body or ''}".lower()))
    best: dict[str, tuple] = {}
    for token, times in seen.items():
        folded = text.words(token)
        if len(folded) != 1:
            continue
        word = folded[0]
        if not (SHORTEST <= len(word) <= LONGEST) or not word.isalpha() or word in stop:
            continue
        written = unicodedata.normalize("NFC", token)
        if len(written) > 80:
            continue
        rank = (written != word, times, written)
        if word not in best or rank > best[word]:
            best[word] = rank
    return {word: rank[2] for word, rank in best.items()}


def _by_language(rows: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = defaultdict(dict)
    for language, title, body in rows:
        words[language].update(written_forms(title, body, language))
    return words


# -- Writing ----------------------------------------------------------------------------------

_UPSERT = (
    "INSERT INTO search_word (language, folded, stem, written, entries) VALUES {values} "
    "ON CONFLICT (language, folded) DO UPDATE SET "
    "entries = search_word.entries + excluded.entries, "
    # The accented form wins over one written without accents.
    "written = CASE WHEN search_word.written = search_word.folded "
    "THEN excluded.written ELSE search_word.written END"
)


def _add(words: list[tuple[str, str, str, int]]) -> None:
    """Upsert (language, folded, written, entries) rows, adding to the counts already there."""
    with connection.cursor() as cursor:
        for start in range(0, len(words), BATCH):
            batch = words[start : start + BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            parameters = [
                value
                for language, folded, written, entries in batch
                for value in (language, folded, text.stem(folded, language), written, entries)
            ]
            cursor.execute(_UPSERT.format(values=values), parameters)


def _remove(language: str, folded: list[str]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(folded), BATCH):
            batch = folded[start : start + BATCH]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(
                "UPDATE search_word SET entries = entries - 1 "  # noqa: S608
                f"WHERE language = %s AND folded IN ({marks}) AND entries > 0",
                [language, *batch],
            )
            cursor.execute(
                "DELETE FROM search_word "  # noqa: S608
                f"WHERE language = %s AND folded IN ({marks}) AND entries = 0",
                [language, *batch],
            )


def rows_replaced(old: Iterable[tuple[str, str, str]], new: Iterable[tuple[str, str, str]]):
    """The index rows of one record, (language, title, text), went from `old` to `new`: count
    the words each row gained and lost (a record has one row per language)."""
    before, after = _by_language(old), _by_language(new)
    gained = []
    for language, words in after.items():
        known = before.get(language, {})
        gained += [(language, w, written, 1) for w, written in words.items() if w not in known]
    lost = {
        language: sorted(set(words) - set(after.get(language, {})))
        for language, words in before.items()
    }
    if gained:
        _add(gained)
    for language, words in lost.items():
        if words:
            _remove(language, words)
    if gained or any(lost.values()):
        changed()


def rebuild(rows: Iterable[tuple[str, str, str]], *, announce: bool = True) -> int:
    """Replace the vocabulary with the words of these index rows, (language, title, text).
    Returns the number of words. `announce`: tell every process to load it again."""
    counts: Counter = Counter()
    written: dict[tuple[str, str], str] = {}
    for language, title, body in rows:
        for word, form in written_forms(title, body, language).items():
            key = (language, word)
            counts[key] += 1
            if key not in written or (written[key] == word and form != word):
                written[key] = form
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_word")
    _add([(language, word, written[language, word], n) for (language, word), n in counts.items()])
    if announce:
        changed()
    return len(counts)


def changed() -> None:
    """The vocabulary was written: every process loads it again (now, and once the transaction
    commits, so that no process keeps what it loaded before the commit)."""
    _memory.changed()


# -- Reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    folded: str
    written: str
    edits: int
    entries: int


def _pairs(word: str) -> list[tuple[str, int]]:
    """The word's letter pairs with their positions, its first and last letters marked:
    "casa" -> ^c 0, ca 1, as 2, sa 3, a$ 4."""
    padded = f"^{word}$"
    return [(padded[i : i + 2], i) for i in range(len(padded) - 1)]


class _Language:
    """One language's vocabulary in memory. Its letter pairs are indexed by word length, each
    length on the first lookup that needs it (a lookup needs 3 to 5 lengths of about 20)."""

    def __init__(self, rows: list[tuple[str, str, int]], stems: frozenset[str]):
        self.words = rows
        self.known_stems = stems
        self.by_length: dict[int, list[int]] = defaultdict(list)
        for position, (folded, _written, _entries) in enumerate(rows):
            self.by_length[len(folded)].append(position)
        self.pairs_by_length: dict[int, dict[tuple[str, int], list[int]]] = {}

    def _pairs_of_length(self, length: int) -> dict[tuple[str, int], list[int]]:
        index = self.pairs_by_length.get(length)
        if index is None:
            index = defaultdict(list)
            for position in self.by_length.get(length, ()):
                for pair in _pairs(self.words[position][0]):
                    index[pair].append(position)
            self.pairs_by_length[length] = index
        return index

    def candidates(self, word: str, edits: int) -> list[int]:
        """The positions of the words that may be within `edits` of `word`; a superset.

        Why letter pairs, and not a shared first letter: a typo may be anywhere, the first
        letter included ("drafico", "rtafico"). Each edit (a letter changed, added, removed, or
        two neighbours swapped) breaks at most 3 of a word's letter pairs, counting the marked
        first and last letters, and moves the others by at most one place. So a word within
        `edits` has at least (pairs - 3 * edits) of the query's pairs, each within `edits`
        places of where the query has it: 2 of 5 for a 4-letter word at one edit, 3 of 9 for an
        8-letter word at two. Only words of a length within `edits` are looked at.
        """
        pairs = _pairs(word)
        needed = len(pairs) - 3 * edits
        indexes = [
            self._pairs_of_length(length)
            for length in range(max(1, len(word) - edits), len(word) + edits + 1)
        ]
        shifts = range(-edits, edits + 1)
        shared: Counter = Counter()
        for pair, at in pairs:
            found: set[int] = set()
            for index in indexes:
                for shift in shifts:
                    found.update(index.get((pair, at + shift), ()))
            shared.update(found)
        return [position for position, count in shared.items() if count >= needed]

    def nearest(self, word: str, edits: int) -> list[Correction]:
        found = []
        for position in self.candidates(word, edits):
            folded, written, entries = self.words[position]
            if folded == word:
                continue
            found_edits = distance(word, folded, edits)
            if found_edits <= edits:
                found.append(Correction(folded, written, found_edits, entries))
        return found


# Each request looks at the version once (a query where the cache is the database's).
_memory = SharedVersionMemory(VERSION_KEY, lambda: _load(), {})
# Look at the version at the next use, as each request does (tests that empty the cache).
recheck = _memory.recheck


def _load() -> dict[str, _Language]:
    rows: dict[str, list] = defaultdict(list)
    stems: dict[str, set] = defaultdict(set)
    for language, folded, stem, written, entries in Word.objects.filter(entries__gt=0).values_list(
        "language", "folded", "stem", "written", "entries"
    ):
        rows[language].append((folded, written, entries))
        stems[language].add(stem)
    return {
        language: _Language(words, frozenset(stems[language])) for language, words in rows.items()
    }


def known(word: str) -> bool:
    """Whether some index row may match the folded `word`: a word of the vocabulary has its
    stem in one of the languages (as a search compares them)."""
    return any(
        text.stem(word, language) in vocabulary.known_stems
        for language, vocabulary in _memory.current().items()
    )


def nearest(word: str, language: str, most: int = 3) -> list[Correction]:
    """The words of the vocabulary within the edit budget of the folded `word` (not itself),
    fewest edits first, then the most frequent (index rows of every language added up). The
    written form is the reader's `language`'s where it has the word."""
    edits = budget(word)
    if not edits:
        return []
    merged: dict[str, Correction] = {}
    vocabularies = _memory.current()
    # The reader's language last, so that its written form replaces another's.
    for name in sorted(vocabularies, key=lambda name: name == language):
        for correction in vocabularies[name].nearest(word, edits):
            other = merged.get(correction.folded)
            merged[correction.folded] = Correction(
                correction.folded,
                correction.written,
                correction.edits,
                correction.entries + (other.entries if other else 0),
            )
    ranked = sorted(merged.values(), key=lambda c: (c.edits, -c.entries, c.folded))
    return ranked[:most]
