"""The full-text part of the index, one interface over SQLite FTS5 and PostgreSQL text search.

A backend prepares the rows it is given before they are written (`prepare`) and completes them
once written (`written`). A search asks it for the rows that match a query, per language, and
those whose title holds every word, with their scores (`matches`, one statement reading the
full-text index only: what else a match needs is in puebla.search.columns); for the scores of
other matches a page shows (`scores`); and, for the rows of the page, whether each matched
(`with_matched`, to highlight the row that did). A query is given as `Query`: per language, the
words and the stems the text must all contain (puebla.search.text, stop words left out), so
both backends look for the same words.
"""

import json
from dataclasses import dataclass

import numpy as np
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    Func,
    Q,
    QuerySet,
    Value,
)

from puebla.search import text
from puebla.search.models import Entry

# How much more a word in the title counts than one in the text.
TITLE_WEIGHT = 4.0


@dataclass(frozen=True)
class Query:
    """What a search looks for, per language: {language: ((folded words, their stems), ...)},
    one pair per phrasing of the query (as typed, then each thesaurus alternative,
    puebla.search.thesaurus): a row matches when it contains every word of one of them.
    A language whose words are all stop words is left out: nothing in it can match."""

    text: str
    by_language: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]

    @classmethod
    def parse(cls, query: str, languages: list[str], alternatives=()) -> "Query":
        by_language = {}
        for language in languages:
            phrasings = {}
            for phrasing in (query, *alternatives):
                words = text.query_words(phrasing, language)
                if words:
                    stems = frozenset(text.query_terms(phrasing, language))
                    phrasings.setdefault(stems, tuple(words))
            if phrasings:
                by_language[language] = tuple((words, stems) for stems, words in phrasings.items())
        return cls(query, by_language)

    def __bool__(self):
        return bool(self.by_language)

    def stems(self, language: str) -> frozenset[str]:
        """Every stem the phrasings look for in `language` (to highlight them)."""
        return frozenset().union(*(stems for _words, stems in self.by_language.get(language, ())))


@dataclass(frozen=True)
class Matches:
    """The rows a query matched, per language's number: `ids` every one, `titled` the ids of
    those whose title holds every word of a phrasing, with their `title_scores`."""

    ids: dict[int, np.ndarray]
    titled: dict[int, np.ndarray]
    title_scores: dict[int, np.ndarray]

    @classmethod
    def from_lists(cls, rows) -> "Matches":
        """From rows of (language's number, ids, titled ids, their scores), each list a text
        of numbers joined by commas (None when empty)."""
        ids, titled, scores = {}, {}, {}
        for number, every, titles, title_scores in rows:
            ids[number] = _numbers(every, np.int64)
            titled[number] = _numbers(titles, np.int64)
            scores[number] = _numbers(title_scores, np.float64)
        return cls(ids, titled, scores)


def _numbers(joined: str | None, dtype) -> np.ndarray:
    if not joined:
        return np.zeros(0, dtype=dtype)
    # Parsed in C: eight times faster than splitting the text in Python at 50,000 numbers.
    return np.fromstring(joined, dtype=dtype, sep=",")


class _Backend:
    # What the page of hits reads of each row.
    SHOWN = ("kind", "record_id", "language", "title", "text")

    def with_matched(self, entries: QuerySet, query: Query):
        """The rows `entries` (a page's few), each with `matched`: whether it matches `query`."""
        return entries.annotate(
            matched=ExpressionWrapper(self.match_condition(query), output_field=BooleanField())
        ).only(*self.SHOWN)


class SQLiteBackend(_Backend):
    """FTS5 over the terms Puebla folds and stems itself (SQLite has no Spanish stemmer)."""

    def prepare(self, entry: Entry) -> None:
        entry.title_terms = " ".join(text.terms(entry.title, entry.language))
        entry.text_terms = " ".join(text.terms(entry.text, entry.language))

    def written(self, entries) -> None:
        """Nothing to do: the triggers of migration 0007 index the rows as they are written."""

    def with_matched(self, entries: QuerySet, query: Query):
        # From the rows' own terms: asking FTS5 would run the whole search again for a page.
        rows = list(entries.only(*self.SHOWN, "title_terms", "text_terms"))
        for row in rows:
            terms = set(row.title_terms.split()) | set(row.text_terms.split())
            row.matched = any(
                stems <= terms for _words, stems in query.by_language.get(row.language, ())
            )
        return rows

    def rebuild(self) -> None:
        """Rebuild the FTS5 indexes from the table (the triggers keep them; this mends them)."""
        with connection.cursor() as cursor:
            for language in text.STEMMERS:
                for table in (f"search_fts_{language}", f"search_title_fts_{language}"):
                    cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")  # noqa: S608

    # Each language has its index, and one of its titles alone (migration 0007): a language's
    # query reads its own rows only, and the title matches come from short lists.

    def matches(self, query: Query, numbers: dict[str, int]) -> Matches:
        """One statement: per language, the ids of the rows matching in it, and those of the
        rows whose title holds every word of a phrasing, with their scores (bm25() of the
        title), as lists in one text each (a row per match would cost more to fetch than to
        find)."""
        selects, params = [], []
        for language, phrasings in query.by_language.items():
            every, titles = f"search_fts_{language}", f"search_title_fts_{language}"
            selects.append(
                # The table names are ours, of a known language; the words are parameters.
                f"SELECT %s, (SELECT group_concat(rowid) FROM {every} "  # noqa: S608
                f"WHERE {every} MATCH %s), titles.ids, titles.scores FROM "
                "(SELECT group_concat(rowid) AS ids, group_concat(score) AS scores FROM "
                f"(SELECT rowid, -bm25({titles}) AS score FROM {titles} WHERE {titles} MATCH %s "
                # LIMIT -1 (none) keeps SQLite from merging this into the aggregate, where
                # bm25() cannot run.
                "LIMIT -1)) AS titles"
            )
            expression = self._match_expression(phrasings)
            params += [numbers[language], expression, expression]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            return Matches.from_lists(cursor.fetchall())

    def scores(self, query: Query, ids_by_language: dict[str, list[int]]) -> dict[int, float]:
        """The scores (bm25(), the title TITLE_WEIGHT times the text) of the matching rows
        `ids_by_language`, those a page may show after the title matches. FTS5 walks every
        match and scores only these: `+rowid` keeps SQLite from looking each one up, which
        would start the search again (and bm25()'s counts) for every row."""
        selects, params = [], []
        for language, ids in ids_by_language.items():
            every = f"search_fts_{language}"
            selects.append(
                f"SELECT rowid, -bm25({every}, %s, 1.0) FROM {every} "  # noqa: S608
                f"WHERE {every} MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))"
            )
            params += [
                TITLE_WEIGHT,
                self._match_expression(query.by_language[language]),
                json.dumps(ids),
            ]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            return dict(cursor.fetchall())

    @staticmethod
    def _match_expression(phrasings) -> str:
        # Each term a quoted string (so no word is read as an operator), all of a phrasing's
        # required, any phrasing enough.
        return " OR ".join(
            "({})".format(
                " ".join('"{}"'.format(stem.replace('"', '""')) for stem in sorted(stems))
            )
            for _words, stems in phrasings
        )


class PostgreSQLBackend(_Backend):
    """PostgreSQL's text search: the `spanish` and `english` configurations over unaccented
    text, the title weighted above the text (A and B)."""

    def prepare(self, entry: Entry) -> None:
        entry.title_terms = entry.text_terms = ""

    def written(self, entries) -> None:
        """Compute the vectors of the rows `entries` (a queryset) into their table (`Vector`),
        one statement per language."""
        rows, rows_params = entries.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            for language, config in text.PG_CONFIGS.items():
                cursor.execute(
                    # The statement's text is ours (and Django's for the rows' ids).
                    "INSERT INTO search_vector (entry_id, language, vector) "  # noqa: S608
                    "SELECT id, language, "
                    "setweight(to_tsvector(%s::regconfig, COALESCE(unaccent(title), '')), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, COALESCE(unaccent(text), '')), 'B') "
                    f"FROM search_entry WHERE language = %s AND id IN ({rows}) "
                    "ON CONFLICT (entry_id) DO UPDATE "
                    "SET language = EXCLUDED.language, vector = EXCLUDED.vector",
                    [config, config, language, *rows_params],
                )

    def rebuild(self) -> None:
        self.written(Entry.objects.all())

    def match_condition(self, query: Query) -> Q:
        """The rows matching `query` in their language, as a condition."""
        condition = Q(pk__in=[])
        for language, phrasings in query.by_language.items():
            condition |= Q(language=language, full_text__vector=self._tsquery(language, phrasings))
        return condition

    # The query with each of its words in the title only (weight A: 'migr':A): a row matches
    # it when its title holds every word of a phrasing (cheaper than taking the vector's title
    # part, ts_filter, for every match).
    TITLE_ONLY = r"""regexp_replace(q::text, '(''(?:[^'']|'''')*'')', '\1:A', 'g')::tsquery"""

    def matches(self, query: Query, numbers: dict[str, int]) -> Matches:
        """One statement: per language, the ids of the rows matching in it, and those of the
        rows whose title (the vector's A weight) holds every word of a phrasing, with their
        ts_rank, as lists in one text each (a row per match would cost more to fetch than to
        find). The query is made once (MATERIALIZED), not once per row."""
        selects, params = [], []
        for language, phrasings in query.by_language.items():
            selects.append(
                # The statement's text is ours; the words are parameters.
                f"(WITH query AS MATERIALIZED ({self._tsquery_sql(phrasings)}), "  # noqa: S608
                f"weighted AS MATERIALIZED (SELECT q, {self.TITLE_ONLY} AS qa FROM query) "
                "SELECT %s, string_agg(entry_id::text, ','), "
                "string_agg(entry_id::text, ',') FILTER (WHERE titled), "
                "string_agg(ts_rank(vector, q)::text, ',') FILTER (WHERE titled) "
                "FROM (SELECT entry_id, vector, q, vector @@ qa AS titled "
                "FROM weighted, search_vector WHERE language = %s AND vector @@ q) AS found)"
            )
            params += [*self._tsquery_params(language, phrasings), numbers[language], language]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            return Matches.from_lists(cursor.fetchall())

    def scores(self, query: Query, ids_by_language: dict[str, list[int]]) -> dict[int, float]:
        """The ts_rank of the matching rows `ids_by_language`, those a page may show after the
        title matches."""
        selects, params = [], []
        for language, ids in ids_by_language.items():
            phrasings = query.by_language[language]
            selects.append(
                f"(WITH query AS MATERIALIZED ({self._tsquery_sql(phrasings)}) "  # noqa: S608
                "SELECT entry_id, ts_rank(vector, q) FROM query, search_vector "
                "WHERE entry_id = ANY(%s))"
            )
            params += [*self._tsquery_params(language, phrasings), ids]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            return dict(cursor.fetchall())

    @staticmethod
    def _tsquery_sql(phrasings) -> str:
        # plainto_tsquery requires every word of a phrasing; one phrasing matching is enough.
        parts = ["plainto_tsquery(%s::regconfig, unaccent(%s))"] * len(phrasings)
        return "SELECT " + " || ".join(parts) + " AS q"

    @staticmethod
    def _tsquery_params(language: str, phrasings) -> list:
        params = []
        for words, _stems in phrasings:
            params += [text.PG_CONFIGS[language], " ".join(words)]
        return params

    @staticmethod
    def _tsquery(language: str, phrasings) -> SearchQuery:
        # The words Puebla folded, stop words already out: plainto_tsquery requires them all;
        # one phrasing matching is enough.
        queries = [
            SearchQuery(
                _unaccent(Value(" ".join(words))),
                config=text.PG_CONFIGS[language],
                search_type="plain",
            )
            for words, _stems in phrasings
        ]
        combined = queries[0]
        for other in queries[1:]:
            combined = combined | other
        return combined


def _unaccent(expression):
    return Func(expression, function="unaccent")


def current():
    """The backend of the database in use."""
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(
        f"The site search supports SQLite and PostgreSQL, not {connection.vendor}."
    )
