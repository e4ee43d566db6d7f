"""The index in each process's memory, as arrays: its rows' terms (puebla.search.postings) and
what the facets, the total and the ranking read of every match, without asking the database.

A match's record, kind, year, body, theme, languages and the copy of its record's audience are
read here, by the row's position, in arrays (numpy): the database spent about 2 µs a match on
that (an index lookup, then a grouping), 45 ms at 22,000 matches; the arrays take a few
milliseconds.

Who may find a row is decided on the copy of its record's audience (puebla.core.access
`would_see`, equal to each kind's `visible_to`: tests/search/test_visibility.py), asked once
per distinct audience of a kind, not once per row.

The columns are loaded in one query and loaded again when the version in the shared cache says
that the index changed (puebla.core.process_memory): every write through
puebla.search.services says so. At 200,000 rows (100,000 documents) they take about 67 MB a
process with the postings; loading them took 3.2 s on SQLite and 3.5 s on PostgreSQL
(7 December 2026, this 2-core machine), a cost the first search after a write pays in each
process. Loading only the rows written since is the way to remove it (not done).
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import connection

from puebla.core import access
from puebla.core.process_memory import SharedVersionMemory
from puebla.search import postings
from puebla.search.models import Entry
from puebla.search.postings import Postings

VERSION_KEY = "puebla:search-columns-version"
# How a column says "none" (no year, no body).
NONE = -1


@dataclass(frozen=True)
class Audience:
    """A distinct copy of an audience among the index's rows, with the kind of its records."""

    kind: str
    audience: str | None
    country_id: int | None
    body_ids: frozenset[int]


@dataclass(frozen=True)
class Columns:
    ids: np.ndarray  # the rows' ids, ascending; a row's position in every column
    language: np.ndarray  # the row's language, a position in `languages`
    record: np.ndarray  # the row's record, a position in `record_kind` and `record_id`
    year: np.ndarray  # NONE when the record has none
    year_inferred: np.ndarray  # bool
    body: np.ndarray  # NONE when the record has none
    theme: np.ndarray  # a position in `themes` ("" among them)
    available: np.ndarray  # the languages the record is in: bit i for `languages[i]`
    audience: np.ndarray  # a position in `audiences`
    record_kind: np.ndarray  # per record: a position in `kinds`
    record_id: np.ndarray  # per record: its primary key
    languages: tuple[str, ...]
    kinds: tuple[str, ...]
    themes: tuple[str, ...]
    audiences: tuple[Audience, ...]
    postings: Postings  # the rows' terms, by position

    def visible(self, user, searchables: Iterable) -> np.ndarray:
        """Per audience of `audiences`: whether `user` may find the rows that carry it (rows of
        kinds not in `searchables` never)."""
        by_kind = {searchable.kind: searchable for searchable in searchables}
        admits = [
            audience.kind in by_kind
            and access.would_see(
                user,
                by_kind[audience.kind].model,
                audience.audience,
                body_ids=audience.body_ids,
                country_id=audience.country_id,
            )
            for audience in self.audiences
        ]
        return np.array(admits, dtype=bool)


# What is read of each index row, in this order.
READ = (
    "id",
    "language",
    "kind",
    "record_id",
    "year",
    "year_inferred",
    "body_id",
    "theme",
    "record_languages",
    "audience",
    "audience_country_id",
    "audience_body_ids",
    "title_terms",
    "text_terms",
)


def _load() -> Columns:
    from puebla.search import registry  # registry imports the models of every app

    # Raw rows: Django's conversion of 200,000 rows' values cost more than reading them.
    columns = ", ".join(connection.ops.quote_name(Entry._meta.get_field(n).column) for n in READ)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {Entry._meta.db_table} ORDER BY id")  # noqa: S608
        rows = cursor.fetchall()
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return Columns(
            ids=empty,
            **dict.fromkeys(("language", "record", "year", "body", "theme"), empty),
            year_inferred=empty.astype(bool),
            available=empty,
            audience=empty,
            record_kind=empty,
            record_id=empty,
            languages=tuple(registry.languages()),
            kinds=(),
            themes=(),
            audiences=(),
            postings=postings.build((), ()),
        )
    read = dict(zip(READ, zip(*rows, strict=True), strict=True))
    ids = np.array(read["id"], dtype=np.int64)
    # The site's languages first, in their order: a language's number is its bit in `available`.
    languages = list(registry.languages())
    languages += sorted(
        (
            {code for joined in set(read["record_languages"]) for code in joined.split("_") if code}
            | set(read["language"])
        )
        - set(languages)
    )
    number_of = {code: number for number, code in enumerate(languages)}
    kinds, kind = _numbered(read["kind"])
    themes, theme = _numbered(read["theme"])
    # A record is its kind and its key: both in one number, then numbered in order.
    keys = kind.astype(np.int64) << 40 | np.array(read["record_id"], dtype=np.int64)
    record_keys, record = np.unique(keys, return_inverse=True)
    copies, audience = _numbered(
        zip(
            read["kind"],
            read["audience"],
            read["audience_country_id"],
            read["audience_body_ids"],
            strict=True,
        )
    )
    audiences = tuple(
        Audience(
            kind_name,
            written,
            country_id,
            frozenset(_body_ids(body_ids)) if written == access.Audience.BODY else frozenset(),
        )
        for kind_name, written, country_id, body_ids in copies
    )
    bits = {
        joined: sum(1 << number_of[code] for code in joined.split("_") if code)
        for joined in set(read["record_languages"])
    }
    return Columns(
        ids=ids,
        language=np.array([number_of[code] for code in read["language"]], dtype=np.int16),
        record=record.astype(np.int64),
        year=np.array([NONE if y is None else y for y in read["year"]], dtype=np.int32),
        year_inferred=np.array([bool(i) for i in read["year_inferred"]], dtype=bool),
        body=np.array([NONE if b is None else b for b in read["body_id"]], dtype=np.int64),
        theme=theme,
        available=np.array([bits[joined] for joined in read["record_languages"]], dtype=np.int64),
        audience=audience,
        record_kind=(record_keys >> 40).astype(np.int32),
        record_id=record_keys & ((1 << 40) - 1),
        languages=tuple(languages),
        kinds=kinds,
        themes=themes,
        audiences=audiences,
        postings=postings.build(read["title_terms"], read["text_terms"]),
    )


def _numbered(values) -> tuple[tuple, np.ndarray]:
    """The distinct `values` in the order first met, and each value's number among them."""
    numbers: dict = {}
    coded = np.array([numbers.setdefault(value, len(numbers)) for value in values], np.int32)
    return tuple(numbers), coded


def _body_ids(written: str | None) -> list[int]:
    return [int(pk) for pk in (written or "").split("|") if pk]


_memory = SharedVersionMemory(VERSION_KEY, _load, None)
# The columns as the index is now (loaded again if some process changed it).
current = _memory.current
# The index was written: every process loads the columns again.
changed = _memory.changed
# Look at the version at the next use, as each request does (tests that empty the cache).
recheck = _memory.recheck
