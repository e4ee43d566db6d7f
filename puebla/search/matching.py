"""What a search looks for and how an index row is matched, the same on every database.

A row's terms are stored with it (`prepare`: its title's and its text's words folded and
stemmed, puebla.search.text) and read into each process's memory, where the search finds the
rows holding a query's stems (puebla.search.postings). A query is given as `Query`: per
language, the words and the stems a row must all contain (stop words left out).

Until 7 December 2026 the database's own full-text search did the matching (FTS5 on SQLite,
text search vectors on PostgreSQL); migration 0010 dropped both: at 100,000 documents they
took 5 to 90 ms to list a query's matches where the postings take 2 to 3 ms (README, "Search").
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from puebla.search import text
from puebla.search.models import Entry


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


def prepare(entry: Entry) -> None:
    """Store the row's terms, as the search reads them."""
    entry.title_terms = " ".join(text.terms(entry.title, entry.language))
    entry.text_terms = " ".join(text.terms(entry.text, entry.language))


# What the page of hits reads of each row.
SHOWN = ("kind", "record_id", "language", "title", "text")


def with_matched(entries: QuerySet, query: Query) -> list[Entry]:
    """The rows `entries` (a page's few), each with `matched`: whether it matches `query`, read
    from its own terms."""
    rows = list(entries.only(*SHOWN, "title_terms", "text_terms"))
    for row in rows:
        terms = set(row.title_terms.split()) | set(row.text_terms.split())
        row.matched = any(
            stems <= terms for _words, stems in query.by_language.get(row.language, ())
        )
    return rows
