"""The site search: records matching words, only among those the user may see.

`search(user, query, ...)` returns a page of hits, the total and the facets. Every count, every
hit and every snippet comes from index rows restricted, inside the query, by one condition on
the copy of its record's audience each row carries (`visible_rows`, equal to each kind's
`visible_to(user)`: tests/search/test_visibility.py): a record someone may not see adds nothing
to what they get, not even a count. The records on the page are fetched through `visible_to`.

It costs the same number of queries however many records match: one for the facets and the
total, one for the page of hits, one for their rows' texts, one per kind on the page for the
records themselves (at most one per registered kind), and one for the names of the bodies in
the facets. A query without a word to look for (empty, or stop words only) costs none.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language

from puebla.core import access
from puebla.core.access import AudienceFields
from puebla.core.provenance import year_label
from puebla.core.text import text_in
from puebla.directory.models import Body
from puebla.search import backends, registry, snippets, thesaurus
from puebla.search.backends import Query
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

    def condition(self) -> Q:
        condition = Q()
        if self.kinds is not None:
            condition &= Q(kind__in=self.kinds)
        if self.year is not None:
            condition &= Q(year=self.year)
        if self.body is not None:
            condition &= Q(body_id=self.body)
        if self.theme:
            condition &= Q(theme=self.theme)
        if self.language:
            code = self.language
            condition &= (
                Q(record_languages=code)
                | Q(record_languages__startswith=f"{code}_")
                | Q(record_languages__endswith=f"_{code}")
                | Q(record_languages__contains=f"_{code}_")
            )
        return condition

    def admits(self, combination: dict, *, ignoring: str | None = None) -> bool:
        """Whether index rows with these filter values pass every filter but `ignoring`."""
        checks = {
            "kind": self.kinds is None or combination["kind"] in self.kinds,
            "year": self.year is None or combination["year"] == self.year,
            "body": self.body is None or combination["body"] == self.body,
            "theme": not self.theme or combination["theme"] == self.theme,
            "language": not self.language
            or self.language in combination["record_languages"].split("_"),
        }
        return all(passed for name, passed in checks.items() if name != ignoring)


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
    backend = backends.current()
    entries = Entry.objects.filter(visible_rows(user, searchables.values()))

    combinations = backend.combinations(entries, parsed)
    results.total = sum(c["records"] for c in combinations if filters.admits(c))
    results.facets = _facets(combinations, filters, searchables)
    if not results.total:
        return results
    results.pages = math.ceil(results.total / PER_PAGE)
    results.page = min(max(page, 1), results.pages)
    start = (results.page - 1) * PER_PAGE
    ranked = backend.ranked(entries.filter(filters.condition()), parsed, start, start + PER_PAGE)
    results.hits = _hits(ranked, user, parsed, backend, searchables)
    return results


def visible_rows(user, searchables) -> Q:
    """The index rows of the kinds `searchables` that `user` may find: one condition on the
    copy of each record's audience that its rows carry (puebla.core.access), equal to asking
    each kind's `visible_to` (tests/search/test_visibility.py)."""
    searchables = list(searchables)
    condition = access.carried_audience_condition(user)
    by_officials = defaultdict(list)
    for searchable in searchables:
        if not searchable.public:
            by_officials[searchable.country_officials].append(searchable.kind)
    for officials, kinds in by_officials.items():
        country = access.carried_country_condition(user, officials)
        if country != access.NOTHING:
            condition |= country & Q(kind__in=kinds)
    return Q(kind__in=[searchable.kind for searchable in searchables]) & condition


def _facets(combinations, filters: _Filters, searchables) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[Any, int]] = {name: defaultdict(int) for name in FACETS}
    inferred_years: dict[int, int] = defaultdict(int)  # of the year's records, how many
    for combination in combinations:
        for name in FACETS:
            if not filters.admits(combination, ignoring=name):
                continue
            if name == "language":
                values = [code for code in combination["record_languages"].split("_") if code]
            else:
                value = combination[name]
                values = [value] if value not in (None, "") else []
            for value in values:
                counts[name][value] += combination["records"]
                if name == "year" and combination["year_inferred"]:
                    inferred_years[value] += combination["records"]
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
        "year": lambda value: year_label(value, inferred_years[value]),
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


def _hits(ranked, user, parsed: Query, backend, searchables) -> list[Hit]:
    wanted = Q(pk__in=[])
    for row in ranked:
        wanted |= Q(kind=row["kind"], record_id=row["record_id"])
    rows = defaultdict(list)
    for entry in backend.with_matched(Entry.objects.filter(wanted), parsed):
        rows[entry.kind, entry.record_id].append(entry)
    records = {}
    by_kind = defaultdict(list)
    for row in ranked:
        by_kind[row["kind"]].append(row["record_id"])
    for kind, ids in by_kind.items():
        searchable = searchables[kind]
        # The access model is asked again: a record hidden since the first query is not shown.
        fetched = searchable.visible(user).select_related(*searchable.select_related)
        if issubclass(searchable.model, AudienceFields):  # the marker names bodies or country
            fetched = fetched.select_related("audience_country").prefetch_related("audience_bodies")
        for record in fetched.filter(pk__in=ids):
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
