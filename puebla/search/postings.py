"""The index's terms in each process's memory: for every stem, the index rows that hold it in
their title and in their text, with how often (postings), so that a query's matches and their
scores are found in arrays (numpy) rather than asked of the database's full-text index.

Measured at 100,000 generated documents (200,256 index rows, 5.6 million terms; bench/search.py,
7 December 2026, this 2-core machine): the rows of a two-word query in one language, all
scored, in 2 to 3 ms; FTS5 took 5 to 25 ms to list them and up to 40 ms more to score those a page
needed, PostgreSQL's GIN index 25 to 90 ms to list them. Loading the index's columns with
their postings takes 3.2 to 3.5 s and 67 MB (README, "Search").

A row matches a phrasing of the query when it holds every stem of it, in its title or its text
(as both databases' full-text search did); its score is BM25 over the two fields, a word in the
title counting TITLE_WEIGHT times one in the text.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# How much more a word in the title counts than one in the text.
TITLE_WEIGHT = 4.0
# BM25's usual constants (those of SQLite's bm25()): how fast repeated words stop adding, and
# how much a field's length tempers them.
K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Field:
    """One field's postings: the term numbered t occupies rows[start[t]:start[t + 1]] (row
    positions, ascending) and counts[...] (how often it occurs there)."""

    start: np.ndarray
    rows: np.ndarray
    counts: np.ndarray
    lengths: np.ndarray  # per row, its number of terms in this field
    average: float  # the average length, for BM25

    def of(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        begin, end = self.start[term], self.start[term + 1]
        return self.rows[begin:end], self.counts[begin:end]


@dataclass(frozen=True)
class Postings:
    vocabulary: dict[str, int]  # a stem's number
    title: Field
    text: Field
    size: int  # the number of rows

    def find(
        self, phrasings: Iterable[frozenset[str]], in_language: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows among `in_language` (a mask of every row) holding every stem of one of the
        `phrasings`, with whether their title holds them all and their score (the best of the
        phrasings it matches)."""
        best = np.zeros(self.size, dtype=np.float64)
        titled = np.zeros(self.size, dtype=bool)
        matched = np.zeros(self.size, dtype=bool)
        documents = max(int(np.count_nonzero(in_language)), 1)
        for stems in phrasings:
            rows, in_title, score = self._phrasing(stems, in_language, documents)
            matched[rows] = True
            titled[rows] |= in_title
            best[rows] = np.maximum(best[rows], score)
        rows = np.flatnonzero(matched)
        return rows, titled[rows], best[rows]

    def _phrasing(self, stems: frozenset[str], in_language: np.ndarray, documents: int):
        numbers = [self.vocabulary.get(stem) for stem in stems]
        if not numbers or None in numbers:  # a stem no row holds: nothing matches
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty.astype(bool), empty.astype(float)
        holding = in_language.astype(np.int8)  # 1 for the language's rows, 0 for the others
        frequencies = []  # per term, the number of the language's rows holding it (for BM25)
        for term in numbers:
            has = np.zeros(self.size, dtype=bool)
            has[self.title.of(term)[0]] = True
            has[self.text.of(term)[0]] = True
            holding += has
            frequencies.append(int(np.count_nonzero(has & in_language)))
        rows = np.flatnonzero(holding == len(numbers) + 1)
        score = np.zeros(len(rows))
        in_title = np.ones(len(rows), dtype=bool)
        for term, frequency in zip(numbers, frequencies, strict=True):
            title = self._counts_at(self.title, term, rows)
            text = self._counts_at(self.text, term, rows)
            in_title &= title > 0
            score += _idf(frequency, documents) * (
                TITLE_WEIGHT * _saturated(title, self.title, rows)
                + _saturated(text, self.text, rows)
            )
        return rows, in_title, score

    def _counts_at(self, field: Field, term: int, rows: np.ndarray) -> np.ndarray:
        """How often `term` occurs in `field` of each of `rows` (0 where it does not)."""
        holding, counts = field.of(term)
        # Spread over every row, then read: cheaper than a binary search per row.
        every = np.zeros(self.size, dtype=np.float32)
        every[holding] = counts
        return every[rows].astype(np.float64)


def _saturated(counts: np.ndarray, field: Field, rows: np.ndarray) -> np.ndarray:
    length = field.lengths[rows] / (field.average or 1.0)
    return counts * (K1 + 1) / (counts + K1 * (1 - B + B * length))


def _idf(frequency: int, documents: int) -> float:
    return float(np.log(1 + (documents - frequency + 0.5) / (frequency + 0.5)))


def build(titles: Sequence[str], texts: Sequence[str]) -> Postings:
    """The postings of rows whose terms (space-separated stems, puebla.search.text.terms) are
    `titles[i]` and `texts[i]` for the row at position i."""
    vocabulary: dict[str, int] = {}
    title = _field(titles, vocabulary)
    text = _field(texts, vocabulary)
    # A field numbered its terms before the other met some: both span the whole vocabulary.
    return Postings(
        vocabulary,
        _spanning(title, len(vocabulary)),
        _spanning(text, len(vocabulary)),
        len(titles),
    )


def _field(values: Sequence[str], vocabulary: dict[str, int]):
    lengths = np.zeros(len(values), dtype=np.int32)
    terms: list[int] = []
    number = vocabulary.setdefault
    for position, value in enumerate(values):
        words = (value or "").split()
        lengths[position] = len(words)
        terms.extend(number(word, len(vocabulary)) for word in words)
    owners = np.repeat(np.arange(len(values), dtype=np.int64), lengths)
    # One number per (term, row), sorted: a term's rows ascending, each counted once.
    keys, counts = np.unique(
        np.array(terms, dtype=np.int64) * max(len(values), 1) + owners, return_counts=True
    )
    return keys, counts, lengths


def _spanning(field, terms: int) -> Field:
    keys, counts, lengths = field
    size = max(len(lengths), 1)
    term_of = keys // size
    return Field(
        start=np.searchsorted(term_of, np.arange(terms + 1)),
        rows=(keys % size).astype(np.int64),
        counts=counts.astype(np.int32),
        lengths=lengths.astype(np.float64),
        average=float(lengths.mean()) if len(lengths) else 0.0,
    )
