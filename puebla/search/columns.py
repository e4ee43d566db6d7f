"""The index's filter columns in each process's memory, as arrays: what the facets, the total
and the ranking read of every match, without a lookup per match in the database.

A search asks the database for one thing only, the rows whose text matches, with their scores
(puebla.search.backends). Everything else a match needs (its record, kind, year, body, theme,
languages and the copy of its record's audience) is read here, by the row's id, in arrays
(numpy): the database spent about 2 µs a match on that (an index lookup, then a grouping),
45 ms at 22,000 matches; the arrays take a few milliseconds.

Who may find a row is decided on the copy of its record's audience (puebla.core.access
`would_see`, equal to each kind's `visible_to`: tests/search/test_visibility.py), asked once
per distinct audience of a kind, not once per row.

The columns are loaded in one query and loaded again when the version in the shared cache says
that the index changed (puebla.core.process_memory): every write through
puebla.search.services says so. At 200,000 rows they take about 11 MB a process; loading them
took 1.4 s on SQLite and 2.4 s on PostgreSQL (6 December 2026, this 2-core machine), a cost
the first search after a write pays in each process. Loading only the rows written since is
the way to remove it (not done).
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from puebla.core import access
from puebla.core.process_memory import SharedVersionMemory
from puebla.search.models import Entry

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
    position_of: np.ndarray  # by a row's id, its position (NONE for an id no row has)
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

    def positions(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the rows `ids`, and which of `ids` are rows loaded here (a row
        written since the load is left out until the next)."""
        inside = ids < len(self.position_of)
        positions = np.where(inside, self.position_of[np.where(inside, ids, 0)], NONE)
        return np.maximum(positions, 0), positions != NONE

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


class _Codes(dict):
    """Values numbered in the order they are first met."""

    def code(self, value) -> int:
        found = self.get(value)
        if found is None:
            found = self[value] = len(self)
        return found

    def values_in_order(self) -> tuple:
        return tuple(self)


def _load() -> Columns:
    from puebla.search import registry  # registry imports the models of every app

    languages = _Codes({code: number for number, code in enumerate(registry.languages())})
    kinds, themes, audiences, records = _Codes(), _Codes(), _Codes(), _Codes()
    columns = {name: [] for name in ("ids", "language", "record", "year", "inferred", "body")}
    columns |= {"theme": [], "available": [], "audience": []}
    rows = Entry.objects.order_by("id").values_list(
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
    )
    available_codes: dict[str, int] = {}
    for (
        pk,
        language,
        kind,
        record_id,
        year,
        inferred,
        body_id,
        theme,
        available,
        audience,
        country_id,
        body_ids,
    ) in rows.iterator(chunk_size=10_000):
        columns["ids"].append(pk)
        columns["language"].append(languages.code(language))
        columns["record"].append(records.code((kinds.code(kind), record_id)))
        columns["year"].append(NONE if year is None else year)
        columns["inferred"].append(bool(inferred))
        columns["body"].append(NONE if body_id is None else body_id)
        columns["theme"].append(themes.code(theme))
        bits = available_codes.get(available)
        if bits is None:
            bits = available_codes[available] = sum(
                1 << languages.code(code) for code in available.split("_") if code
            )
        columns["available"].append(bits)
        columns["audience"].append(
            audiences.code(
                Audience(kind, audience, country_id, frozenset(_body_ids(body_ids)))
                if audience == access.Audience.BODY
                else Audience(kind, audience, country_id, frozenset())
            )
        )
    record_keys = records.values_in_order()
    ids = np.array(columns["ids"], dtype=np.int64)
    position_of = np.full(int(ids[-1]) + 1 if len(ids) else 0, NONE, dtype=np.int64)
    position_of[ids] = np.arange(len(ids))
    return Columns(
        ids=ids,
        position_of=position_of,
        language=np.array(columns["language"], dtype=np.int16),
        record=np.array(columns["record"], dtype=np.int64),
        year=np.array(columns["year"], dtype=np.int32),
        year_inferred=np.array(columns["inferred"], dtype=bool),
        body=np.array(columns["body"], dtype=np.int64),
        theme=np.array(columns["theme"], dtype=np.int32),
        available=np.array(columns["available"], dtype=np.int64),
        audience=np.array(columns["audience"], dtype=np.int32),
        record_kind=np.array([kind for kind, _pk in record_keys], dtype=np.int32),
        record_id=np.array([pk for _kind, pk in record_keys], dtype=np.int64),
        languages=languages.values_in_order(),
        kinds=kinds.values_in_order(),
        themes=themes.values_in_order(),
        audiences=audiences.values_in_order(),
    )


def _body_ids(written: str | None) -> list[int]:
    return [int(pk) for pk in (written or "").split("|") if pk]


_memory = SharedVersionMemory(VERSION_KEY, _load, None)
# The columns as the index is now (loaded again if some process changed it).
current = _memory.current
# The index was written: every process loads the columns again.
changed = _memory.changed
# Look at the version at the next use, as each request does (tests that empty the cache).
recheck = _memory.recheck
