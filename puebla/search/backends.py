"""The full-text part of the index, one interface over SQLite FTS5 and PostgreSQL text search.

A backend prepares the rows it is given before they are written (`prepare`), completes them
once written (`written`), and turns a query into a condition on index rows (`matches`) and a
score (`score`, higher is better). A query is given as `Query`: per language, the words and
the stems the text must all contain (puebla.search.text, stop words left out), so both backends
look for the same words.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, Value, When
from django.db.models.expressions import RawSQL

from puebla.search import text
from puebla.search.models import Entry

# How much more a word in the title counts than one in the text.
TITLE_WEIGHT = 4.0


@dataclass(frozen=True)
class Query:
    """What a search looks for, per language: {language: (folded words, their stems)}.
    A language whose words are all stop words is left out: nothing in it can match."""

    text: str
    by_language: dict[str, tuple[tuple[str, ...], frozenset[str]]]

    @classmethod
    def parse(cls, query: str, languages: list[str]) -> "Query":
        by_language = {}
        for language in languages:
            words = text.query_words(query, language)
            if words:
                stems = frozenset(text.stem(word, language) for word in words)
                by_language[language] = (tuple(words), stems)
        return cls(query, by_language)

    def __bool__(self):
        return bool(self.by_language)

    def stems(self, language: str) -> frozenset[str]:
        return self.by_language.get(language, ((), frozenset()))[1]


class SQLiteBackend:
    """FTS5 over the terms Puebla folds and stems itself (SQLite has no Spanish stemmer)."""

    table = Entry._meta.db_table

    def prepare(self, entry: Entry) -> None:
        entry.title_terms = " ".join(text.terms(entry.title, entry.language))
        entry.text_terms = " ".join(text.terms(entry.text, entry.language))

    def written(self, entries) -> None:
        """Nothing to do: the triggers of migration 0002 index the rows as they are written."""

    def rebuild(self) -> None:
        """Rebuild the FTS5 index from the table (the triggers keep it; this mends it)."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild')")

    def matches(self, query: Query) -> Q:
        condition = Q(pk__in=[])
        for language, (_words, stems) in query.by_language.items():
            condition |= Q(language=language) & Q(
                pk__in=RawSQL(
                    "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s",
                    [self._match_expression(stems)],
                )
            )
        return condition

    def score(self, query: Query):
        # bm25() is smaller for a better match; negated, a larger score is better, as on
        # PostgreSQL. It can be asked only with MATCH, so once per row, by its rowid.
        table = connection.ops.quote_name(self.table)
        return Case(
            *(
                When(
                    language=language,
                    # The table name is the model's, quoted; the values are parameters.
                    then=RawSQL(  # noqa: S611
                        "(SELECT -bm25(search_entry_fts, %s, 1.0) FROM search_entry_fts "  # noqa: S608
                        f"WHERE search_entry_fts MATCH %s AND rowid = {table}.id)",
                        [TITLE_WEIGHT, self._match_expression(stems)],
                        output_field=FloatField(),
                    ),
                )
                for language, (_words, stems) in query.by_language.items()
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )

    @staticmethod
    def _match_expression(stems) -> str:
        # Each term a quoted string (so no word is read as an operator), all of them required.
        return " ".join('"{}"'.format(stem.replace('"', '""')) for stem in sorted(stems))


class PostgreSQLBackend:
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
        for language, (words, _stems) in query.by_language.items():
            condition |= Q(language=language, vector=self._tsquery(language, words))
        return condition

    def score(self, query: Query):
        return Case(
            *(
                When(
                    language=language, then=SearchRank(F("vector"), self._tsquery(language, words))
                )
                for language, (words, _stems) in query.by_language.items()
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )

    @staticmethod
    def _tsquery(language: str, words) -> SearchQuery:
        # The words Puebla folded, stop words already out: plainto_tsquery requires them all.
        return SearchQuery(
            _unaccent(Value(" ".join(words))), config=text.PG_CONFIGS[language], search_type="plain"
        )


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
