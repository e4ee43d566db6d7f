"""The site search: records matching words, only among those the user may see.

`search(user, query, ...)` returns a page of hits, the total and the facets. The index rows
whose terms match, their scores, and what the total, the facets and the ranking need of each
are read from the index's columns in each process's memory (puebla.search.columns and
puebla.search.postings), where who may find a row is decided on the copy of its record's
audience it carries, as each kind's `visible_to` decides (tests/search/test_visibility.py): a
record someone may not see adds nothing to what they get, not even a count. The records on the
page are fetched through `visible_to`.

It costs the same number of queries however many records match: one for the page's rows'
texts, one per kind on the page for the records themselves (at most one per registered kind,
and one more for the bodies of those restricted to bodies), and one for the names of the bodies
in the facets. A query without a word to look for (empty, or stop words only) costs none.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language

from puebla.core.access import Audience, AudienceFields
from puebla.core.provenance import year_label
from puebla.core.text import text_in
from puebla.directory.models import Body
from puebla.search import columns, matching, registry, snippets, thesaurus
from puebla.search.matching import Query
from puebla.search.models import Entry

PER_PAGE = 20
FACETS = ("kind", "year", "body", "theme", "language")


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str  # what the record is, in the singular ("Meeting")
    record: Any
    url: str
    title: SafeString  # escaped, the matched words in <mark>
    snippet: SafeString  # escaped, the matched words in <mark>; "" when the record has no text
    language: str  # the language of the title and snippet shown
    restriction: str  # the audience the record is restricted to, "" for a public one
    score: float


@dataclass(frozen=True)
class FacetValue:
    value: Any
    label: str
    count: int
    selected: bool


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    # name -> values with their counts, largest first (years newest first). A facet counts the
    # records matching the query and every *other* filter, so its other values stay choosable.
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    searched: bool = False  # False when the query has no word to look for
    # The query's other phrasings the thesaurus gave, searched for too ("trafficking in persons").
    alternatives: list[str] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        """The position of the page's first hit among all (for a numbered list)."""
        return (self.page - 1) * PER_PAGE + 1


@dataclass(frozen=True)
class _Filters:
    kinds: frozenset[str] | None
    year: int | None
    body: int | None
    theme: str | None
    language: str | None

    def tests(self, table: columns.Columns, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Per filter chosen: which of the index rows at positions `rows` pass it."""
        tests = {}
        if self.kinds is not None:
            wanted = [number for number, kind in enumerate(table.kinds) if kind in self.kinds]
            tests["kind"] = np.isin(table.record_kind[table.record[rows]], wanted)
        if self.year is not None:
            tests["year"] = table.year[rows] == self.year
        if self.body is not None:
            tests["body"] = table.body[rows] == self.body
        if self.theme:
            tests["theme"] = _equal_to_code(table.theme[rows], table.themes, self.theme)
        if self.language:
            if self.language in table.languages:
                bit = 1 << table.languages.index(self.language)
                tests["language"] = (table.available[rows] & bit) != 0
            else:
                tests["language"] = np.zeros(len(rows), dtype=bool)
        return tests


def _equal_to_code(codes: np.ndarray, values: tuple, wanted) -> np.ndarray:
    if wanted not in values:
        return np.zeros(len(codes), dtype=bool)
    return codes == values.index(wanted)


def _passing(tests: dict[str, np.ndarray], size: int, *, ignoring: str | None = None):
    passed = np.ones(size, dtype=bool)
    for name, test in tests.items():
        if name != ignoring:
            passed &= test
    return passed


def search(
    user,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    year: int | None = None,
    body: Any = None,
    theme: str | None = None,
    language: str | None = None,
    page: int = 1,
) -> Results:
    """Search the records `user` may see for every word of `query`, in Spanish and English,
    whatever the accents and endings; best matches first, PER_PAGE a page.

    `kinds` (registered kind keys), `year`, `body` (a Body or its pk), `theme` and `language`
    (a language code: records available in it) narrow the hits; a page past the last is the last.
    """
    searchables = {s.kind: s for s in registry.registered()}
    parsed = Query.parse(query or "", registry.languages())
    results = Results(query=query or "", searched=bool(parsed))
    if not parsed or not searchables:
        return results
    # The same query in the thesaurus's other words: a Spanish term also finds the records that
    # give only its English equivalent, and the reverse.
    results.alternatives = thesaurus.alternatives(query)
    if results.alternatives:
        parsed = Query.parse(query, registry.languages(), results.alternatives)
    filters = _Filters(
        kinds=None if kinds is None else frozenset(kinds),
        year=year,
        body=getattr(body, "pk", body),
        theme=theme or None,
        language=language or None,
    )
    table = columns.current()
    matches = _visible_matches(table, user, parsed, searchables)
    tests = filters.tests(table, matches.rows)
    counts, inferred_years = _counts(table, matches.rows, tests)
    results.facets = _facets(counts, inferred_years, filters, searchables)
    chosen = _passing(tests, len(matches.rows))
    results.total = len(np.unique(table.record[matches.rows[chosen]]))
    if not results.total:
        return results
    results.pages = math.ceil(results.total / PER_PAGE)
    results.page = min(max(page, 1), results.pages)
    start = (results.page - 1) * PER_PAGE
    shown = _ranked(table, matches, chosen, start + PER_PAGE)[start:]
    page_rows = [
        {
            "kind": table.kinds[table.record_kind[record]],
            "record_id": int(table.record_id[record]),
            "score": float(score),
        }
        for record, score in shown
    ]
    # Every index row of the page's records (the one that matched may lack a title).
    row_ids = table.ids[np.isin(table.record, [record for record, _score in shown])].tolist()
    results.hits = _hits(page_rows, row_ids, user, parsed, searchables)
    return results


@dataclass(frozen=True)
class _Matches:
    rows: np.ndarray  # positions in the columns of the rows that match and `user` may find
    in_title: np.ndarray  # whether the row's title holds every word of a phrasing
    scores: np.ndarray  # each row's score (puebla.search.postings)


def _visible_matches(table: columns.Columns, user, parsed: Query, searchables) -> _Matches:
    """The index rows matching `parsed` in their own language that `user` may find, with their
    scores: read from the columns in memory, without a query."""
    rows, in_title, scores = [], [], []
    for language, phrasings in parsed.by_language.items():
        if language not in table.languages:
            continue
        in_language = table.language == table.languages.index(language)
        found, titled, score = table.postings.find(
            [stems for _words, stems in phrasings], in_language
        )
        rows.append(found)
        in_title.append(titled)
        scores.append(score)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return _Matches(empty, empty.astype(bool), empty.astype(float))
    rows, in_title, scores = np.concatenate(rows), np.concatenate(in_title), np.concatenate(scores)
    may_find = table.visible(user, searchables.values())[table.audience[rows]]
    return _Matches(rows[may_find], in_title[may_find], scores[may_find])


def _counts(table: columns.Columns, rows: np.ndarray, tests) -> tuple[dict, dict]:
    """Per facet, the number of records per value among `rows` that pass every *other* filter;
    and of each year's, how many have an inferred year. A record counts once, whatever the
    number of its rows (their filter values are the same)."""
    records, first_row, record_of_row = np.unique(
        table.record[rows], return_index=True, return_inverse=True
    )
    rows_of_records = rows[first_row]
    counts: dict[str, dict[Any, int]] = {name: {} for name in FACETS}
    inferred_years: dict[int, int] = {}
    for name in FACETS:
        passing = _passing(tests, len(rows), ignoring=name)
        counted = np.bincount(record_of_row[passing], minlength=len(records)) > 0
        found = rows_of_records[counted]
        if name == "kind":
            values = table.record_kind[table.record[found]]
            counts[name] = _tally(values, lambda code: table.kinds[code])
        elif name == "year":
            years = table.year[found]
            known = years != columns.NONE
            counts[name] = _tally(years[known], int)
            inferred_years = _tally(years[known & table.year_inferred[found]], int)
        elif name == "body":
            bodies = table.body[found]
            counts[name] = _tally(bodies[bodies != columns.NONE], int)
        elif name == "theme":
            themes = _tally(table.theme[found], lambda code: table.themes[code])
            counts[name] = {theme: count for theme, count in themes.items() if theme}
        else:
            available = table.available[found]
            for number, code in enumerate(table.languages):
                count = int(np.count_nonzero(available & (1 << number)))
                if count:
                    counts[name][code] = count
    return counts, inferred_years


def _tally(values: np.ndarray, label) -> dict:
    found, times = np.unique(values, return_counts=True)
    return {label(value): int(count) for value, count in zip(found, times, strict=True)}


def _ranked(table: columns.Columns, matches: _Matches, chosen, stop: int):
    """The best `stop` records of the rows `chosen` among `matches`, as (record, score): those
    with a row whose title holds every word of a phrasing first; then by their best row's
    score; ties by kind and newest record."""
    rows, titled, scores = matches.rows[chosen], matches.in_title[chosen], matches.scores[chosen]
    if not len(rows):
        return []
    # A row's rank in one number: titled rows above every other.
    key = np.where(titled, scores + scores.max() + 1, scores)
    # A record has at most one row per language: its best row is among the best stop x that
    # many rows, ties kept (the rows of no other record can rank it out). Only those are sorted.
    keep = stop * len(table.languages)
    if len(key) > keep:
        threshold = np.partition(key, len(key) - keep)[len(key) - keep]
        best = key >= threshold
        rows, scores, key = rows[best], scores[best], key[best]
    records = table.record[rows]
    # Each record's rows, best first: its first row is the one it ranks by.
    order = np.lexsort((-key, records))
    records, scores, key = records[order], scores[order], key[order]
    first = np.ones(len(records), dtype=bool)
    first[1:] = records[1:] != records[:-1]
    records, scores, key = records[first], scores[first], key[first]
    kind_order = np.argsort(np.argsort(np.array(table.kinds, dtype=object)))
    kinds = kind_order[table.record_kind[records]]
    ranking = np.lexsort((-table.record_id[records], kinds, -key))[:stop]
    return list(zip(records[ranking].tolist(), scores[ranking].tolist(), strict=True))


def _facets(counts, inferred_years, filters: _Filters, searchables) -> dict[str, list[FacetValue]]:
    """The facets' values with their counts (`_counts`), labelled, chosen ones kept."""
    counts = {name: dict(values) for name, values in counts.items()}
    selected = {
        "kind": filters.kinds or frozenset(),
        "year": {filters.year},
        "body": {filters.body},
        "theme": {filters.theme},
        "language": {filters.language},
    }
    for name, values in selected.items():  # a chosen value stays listed, with 0 if it must
        for value in values:
            if value is not None and (name != "kind" or value in searchables):
                counts[name].setdefault(value, 0)
    body_names = (
        {
            body.pk: text_in(body, "name")
            for body in Body.objects.filter(pk__in=list(counts["body"]))
        }
        if counts["body"]
        else {}
    )
    language_names = dict(settings.LANGUAGES)
    labels = {
        "kind": lambda value: str(searchables[value].label),
        "year": lambda value: year_label(value, inferred_years.get(value, 0)),
        "body": lambda value: body_names.get(value, str(value)),
        "theme": registry.theme_label,
        "language": lambda value: str(language_names.get(value, value)),
    }
    facets = {}
    for name in FACETS:
        values = [
            FacetValue(value, labels[name](value), count, value in selected[name])
            for value, count in counts[name].items()
            if name != "body" or value in body_names
        ]
        if name == "year":
            values.sort(key=lambda v: -v.value)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        facets[name] = values
    return facets


def _hits(ranked, row_ids, user, parsed: Query, searchables) -> list[Hit]:
    rows = defaultdict(list)
    for entry in matching.with_matched(Entry.objects.filter(pk__in=row_ids), parsed):
        rows[entry.kind, entry.record_id].append(entry)
    records = {}
    by_kind = defaultdict(list)
    for row in ranked:
        by_kind[row["kind"]].append(row["record_id"])
    for kind, ids in by_kind.items():
        searchable = searchables[kind]
        # The access model is asked again: a record hidden since the first query is not shown.
        fetched = searchable.visible(user).select_related(*searchable.select_related)
        marked = issubclass(searchable.model, AudienceFields)  # the marker names bodies or country
        if marked:
            fetched = fetched.select_related("audience_country")
        found = list(fetched.filter(pk__in=ids))
        if marked:
            # Only a marker of bodies names them: a page without one (a visitor's) asks nothing.
            prefetch_related_objects(
                [record for record in found if record.audience == Audience.BODY], "audience_bodies"
            )
        for record in found:
            records[kind, record.pk] = record
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    hits = []
    for row in ranked:
        key = (row["kind"], row["record_id"])
        record = records.get(key)
        if record is None or not rows[key]:
            continue
        # The row that matched, in the reader's language when both did.
        entry = min(rows[key], key=lambda e: (not e.matched, e.language != language))
        stems = parsed.stems(entry.language)
        searchable = searchables[row["kind"]]
        # A row may have text but no title: the other language's title, else the record's name.
        title = entry.title or next((e.title for e in rows[key] if e.title), "") or str(record)
        hits.append(
            Hit(
                kind=row["kind"],
                kind_label=capfirst(record._meta.verbose_name),
                record=record,
                url=searchable.url(record),
                title=snippets.highlight(title, stems, entry.language),
                snippet=snippets.excerpt(entry.text, stems, entry.language),
                language=entry.language,
                restriction=searchable.restriction(record),
                score=row["score"] or 0.0,
            )
        )
    return hits
