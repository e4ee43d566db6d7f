"""The full-text part of the index, one interface over SQLite FTS5 and PostgreSQL text search.

A backend prepares the rows it is given before they are written (`prepare`) and completes them
once written (`written`). A search asks it for three things about the rows of a queryset that
match a query: their filter values with the number of records (`combinations`, for the total
and the facets), a page of records, best first (`ranked`), and, for the rows of that page,
whether each matched (`with_matched`, to highlight the row that did). A query is given as
`Query`: per language, the words and the stems the text must all contain (puebla.search.text,
stop words left out), so both backends look for the same words. PostgreSQL answers through
the ORM (`matches`, `score`); SQLite through FTS5 SQL of its own.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)

from puebla.search import text
from puebla.search.models import Entry

# A term no index holds (longer than any word it keeps): what FTS5 looks for to find nothing.
NO_TERM = '"{}"'.format("q" * (text.LONGEST_WORD + 1))
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


# What the facets count rows by: every filter a search offers.
FILTER_COLUMNS = ("kind", "year", "body", "theme", "record_languages", "year_inferred")


class _Backend:
    def combinations(self, entries: QuerySet, query: Query) -> list[dict]:
        """The rows of `entries` matching `query`, grouped by FILTER_COLUMNS: one dict per
        combination of values, with "records", the number of records (not rows) in it."""
        return list(
            entries.filter(self.matches(query))
            .values(*FILTER_COLUMNS)
            .annotate(records=Count("record_id", distinct=True))
            .order_by()
        )

    # What the page of hits reads of each row.
    SHOWN = ("kind", "record_id", "language", "title", "text")

    def with_matched(self, entries: QuerySet, query: Query):
        """The rows `entries` (a page's few), each with `matched`: whether it matches `query`."""
        return entries.annotate(
            matched=ExpressionWrapper(self.matches(query), output_field=BooleanField())
        ).only(*self.SHOWN)

    def ranked(self, entries: QuerySet, query: Query, start: int, stop: int) -> list[dict]:
        """Records of `entries` matching `query`, best first, from `start` to `stop`: dicts of
        kind, record_id and score (a record's best row's)."""
        return list(
            entries.filter(self.matches(query))
            .values("kind", "record_id")
            .annotate(score=Max(self.score(query)))
            .order_by("-score", "kind", "-record_id")[start:stop]
        )


class SQLiteBackend(_Backend):
    """FTS5 over the terms Puebla folds and stems itself (SQLite has no Spanish stemmer)."""

    table = Entry._meta.db_table

    def prepare(self, entry: Entry) -> None:
        entry.title_terms = " ".join(text.terms(entry.title, entry.language))
        entry.text_terms = " ".join(text.terms(entry.text, entry.language))

    def written(self, entries) -> None:
        """Nothing to do: the triggers of migration 0002 index the rows as they are written."""

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
        """Rebuild the FTS5 index from the table (the triggers keep it; this mends it)."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild')")

    # `combinations` and `ranked` start from the FTS5 index and join the rows it finds, so their
    # cost follows the number of matches, and bm25() is computed once per match (asked per
    # row through the ORM, it would be a search of its own for every row).

    def combinations(self, entries: QuerySet, query: Query) -> list[dict]:
        matches, params = self._matching_rows(entries, query)
        columns = ", ".join(_column(name) for name in FILTER_COLUMNS)
        sql = (
            f"SELECT {columns}, COUNT(DISTINCT record_id) FROM ({matches}) "  # noqa: S608
            f"GROUP BY {columns}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [
                dict(zip((*FILTER_COLUMNS, "records"), row, strict=True))
                for row in cursor.fetchall()
            ]

    def ranked(self, entries: QuerySet, query: Query, start: int, stop: int) -> list[dict]:
        """Records whose title holds every word of a phrasing first, then the others, each
        group best first. The ranking stops at the page it needs: bm25() is computed for the
        title matches only, unless they are fewer than `stop` records (then for every match:
        SQLite tests the condition once, before it reads a row). One statement, whatever the
        data, so that a page's number of queries does not depend on it."""
        score = "-bm25(search_entry_fts, %s, 1.0) AS score"
        titles, title_params = self._matching_rows(
            entries, query, titles_only=True, extra=score, extra_params=[TITLE_WEIGHT]
        )
        matches, params = self._matching_rows(
            entries,
            query,
            extra=score,
            extra_params=[TITLE_WEIGHT],
            only_if="(SELECT yes FROM rank_all)",
        )
        sql = (
            f"WITH title_records AS MATERIALIZED (SELECT kind, record_id, MAX(score) AS best "  # noqa: S608
            f"FROM ({titles}) GROUP BY kind, record_id), "
            "rank_all AS (SELECT COUNT(*) < %s AS yes FROM title_records) "
            "SELECT kind, record_id, 1 AS first, best FROM title_records "
            "UNION ALL "
            f"SELECT kind, record_id, 0 AS first, MAX(score) AS best FROM ({matches}) "
            "GROUP BY kind, record_id "
            "HAVING (kind, record_id) NOT IN (SELECT kind, record_id FROM title_records) "
            "ORDER BY first DESC, best DESC, kind, record_id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*title_params, stop, *params, stop - start, start])
            return [
                {"kind": kind, "record_id": record_id, "score": best}
                for kind, record_id, _first, best in cursor.fetchall()
            ]

    def _matching_rows(
        self,
        entries: QuerySet,
        query: Query,
        *,
        titles_only: bool = False,
        extra: str = "",
        extra_params=(),
        only_if: str = "",
    ) -> tuple[str, list]:
        """SQL for the rows of `entries` that match `query`, in each language with its own
        stems (in their titles only, if `titles_only`): the row's id, kind, record_id, the
        filter columns, and the expressions `extra` (with their `extra_params`). With `only_if`,
        an SQL condition evaluated once, the full-text search looks for nothing when it is
        false: FTS5 then reads no row at all."""
        condition, condition_params = _where(entries)
        table = connection.ops.quote_name(self.table)
        columns = ", ".join(
            f"{table}.{_column(name)}" for name in ("id", "kind", "record_id", *FILTER_COLUMNS[1:])
        )
        match = f"(CASE WHEN {only_if} THEN %s ELSE %s END)" if only_if else "%s"
        selects, params = [], []
        for language, phrasings in query.by_language.items():
            selects.append(
                # The table names are the model's, quoted; the values are parameters.
                f"SELECT {columns}{', ' + extra if extra else ''} "  # noqa: S608
                # CROSS JOIN makes SQLite walk the matches and look each row up, never the
                # other way round (which runs the full-text search once per row); in the index
                # of its filters (migration 0004), not in the table, whose rows hold the texts.
                f"FROM search_entry_fts CROSS JOIN {table} INDEXED BY search_entry_filters "
                f"ON {table}.id = search_entry_fts.rowid "
                f"WHERE search_entry_fts MATCH {match} AND {table}.language = %s AND ({condition})"
            )
            params += [
                *extra_params,
                self._match_expression(phrasings, titles_only=titles_only),
                *([NO_TERM] if only_if else []),
                language,
                *condition_params,
            ]
        return " UNION ALL ".join(selects), params

    @staticmethod
    def _match_expression(phrasings, *, titles_only: bool = False) -> str:
        # Each term a quoted string (so no word is read as an operator), all of a phrasing's
        # required, any phrasing enough; in the title column only, if asked.
        expression = " OR ".join(
            "({})".format(
                " ".join('"{}"'.format(stem.replace('"', '""')) for stem in sorted(stems))
            )
            for _words, stems in phrasings
        )
        return f"{{title_terms}} : ({expression})" if titles_only else expression


def _column(name: str) -> str:
    return connection.ops.quote_name(Entry._meta.get_field(name).column)


def _where(entries: QuerySet) -> tuple[str, list]:
    """The WHERE clause of a queryset of index rows, to be used in SQL that names the table
    itself. Only conditions on the table's own columns (and subqueries) can be moved so."""
    query = entries.query
    if sum(1 for count in query.alias_refcount.values() if count) > 1:
        raise ValueError("The conditions on index rows must not join other tables.")
    try:
        sql, params = query.get_compiler(using=entries.db).compile(query.where)
    except FullResultSet:  # no condition at all
        return "1 = 1", []
    except EmptyResultSet:  # a condition nothing meets, such as pk__in=[]
        return "1 = 0", []
    return sql, list(params)


class PostgreSQLBackend(_Backend):
    """PostgreSQL's text search: the `spanish` and `english` configurations over unaccented
    text, the title weighted above the text (A and B)."""

    def prepare(self, entry: Entry) -> None:
        entry.title_terms = entry.text_terms = ""

    def written(self, entries) -> None:
        """Compute the vectors of the rows `entries` (a queryset), one statement per language."""
        for language, config in text.PG_CONFIGS.items():
            entries.filter(language=language).update(
                vector=SearchVector(_unaccent(F("title")), config=config, weight="A")
                + SearchVector(_unaccent(F("text")), config=config, weight="B")
            )

    def rebuild(self) -> None:
        self.written(Entry.objects.all())

    def matches(self, query: Query) -> Q:
        condition = Q(pk__in=[])
        for language, phrasings in query.by_language.items():
            condition |= Q(language=language, vector=self._tsquery(language, phrasings))
        return condition

    def score(self, query: Query):
        return Case(
            *(
                When(
                    language=language,
                    then=SearchRank(F("vector"), self._tsquery(language, phrasings)),
                )
                for language, phrasings in query.by_language.items()
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )

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
