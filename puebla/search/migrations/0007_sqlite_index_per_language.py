"""SQLite: a full-text index per language, and one of the titles alone per language, in place of
one index of every row.

A query's words are stemmed per language; one index of every language made each language's
query read the other language's rows too (Spanish and English share stems: "migrant") and
threw them away after. The titles' own index answers the first tier of the ranking (records
whose title holds every word) from short lists; asked of the whole index with a column filter,
it read every match's positions. Measured at 100,000 documents (bench/search.py's vocabulary):
finding the rows of "migrantes retorno" in Spanish fell from 24 to 9 ms, its title matches from
19 to 2 ms.

Each index reads its terms from a view of `search_entry` restricted to its language (an
external-content table); the triggers of `search_entry` keep them all in step, under the names
migration 0002 gave them. PostgreSQL: nothing changes here.
"""

from django.db import migrations

# The languages whose rows have an index: those of the site (settings.LANGUAGES) when this was
# written. A language added later needs a migration that makes its tables and triggers.
LANGUAGES = ("es", "en")
TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"


def _tables(language):
    return [
        f"CREATE VIEW search_entry_{language} AS "
        f"SELECT id, title_terms, text_terms FROM search_entry WHERE language = '{language}'",
        f"CREATE VIRTUAL TABLE search_fts_{language} USING fts5(title_terms, text_terms, "
        f"content='search_entry_{language}', content_rowid='id', {TOKENIZE})",
        f"CREATE VIRTUAL TABLE search_title_fts_{language} USING fts5(title_terms, "
        f"content='search_entry_{language}', content_rowid='id', {TOKENIZE})",
        f"INSERT INTO search_fts_{language} (search_fts_{language}) VALUES ('rebuild')",
        f"INSERT INTO search_title_fts_{language} (search_title_fts_{language}) VALUES ('rebuild')",
    ]


def _added(row):
    return "".join(
        f"INSERT INTO search_fts_{language} (rowid, title_terms, text_terms) "
        f"SELECT {row}.id, {row}.title_terms, {row}.text_terms WHERE {row}.language = '{language}';"
        f"INSERT INTO search_title_fts_{language} (rowid, title_terms) "
        f"SELECT {row}.id, {row}.title_terms WHERE {row}.language = '{language}';"
        for language in LANGUAGES
    )


def _removed(row):
    return "".join(
        f"INSERT INTO search_fts_{language} (search_fts_{language}, rowid, title_terms, "
        f"text_terms) SELECT 'delete', {row}.id, {row}.title_terms, {row}.text_terms "
        f"WHERE {row}.language = '{language}';"
        f"INSERT INTO search_title_fts_{language} (search_title_fts_{language}, rowid, "
        f"title_terms) SELECT 'delete', {row}.id, {row}.title_terms "
        f"WHERE {row}.language = '{language}';"
        for language in LANGUAGES
    )


OLD_TRIGGERS = ("search_entry_fts_insert", "search_entry_fts_delete", "search_entry_fts_update")

FORWARDS = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in OLD_TRIGGERS),
    "DROP TABLE IF EXISTS search_entry_fts",
    *(statement for language in LANGUAGES for statement in _tables(language)),
    f"CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN {_added('new')} END",
    f"CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    f"{_removed('old')} END",
    # Only when the terms (or the language) change: a write of the audience's copy alone
    # leaves the indexes as they are.
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE OF title_terms, text_terms, language "
    f"ON search_entry BEGIN {_removed('old')}{_added('new')} END",
]

# What FORWARDS made, gone (migration 0010 drops it too).
DROPPED = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in OLD_TRIGGERS),
    *(
        statement
        for language in LANGUAGES
        for statement in (
            f"DROP TABLE IF EXISTS search_title_fts_{language}",
            f"DROP TABLE IF EXISTS search_fts_{language}",
            f"DROP VIEW IF EXISTS search_entry_{language}",
        )
    ),
]

# Back to one index of every row, as migrations 0002 and 0004 made it.
BACKWARDS = [
    *DROPPED,
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5(title_terms, text_terms, "
    f"content='search_entry', content_rowid='id', {TOKENIZE})",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts (rowid, title_terms, text_terms) "
    "VALUES (new.id, new.title_terms, new.text_terms); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts (search_entry_fts, rowid, title_terms, text_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.text_terms); END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE OF title_terms, text_terms "
    "ON search_entry BEGIN "
    "INSERT INTO search_entry_fts (search_entry_fts, rowid, title_terms, text_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.text_terms); "
    "INSERT INTO search_entry_fts (rowid, title_terms, text_terms) "
    "VALUES (new.id, new.title_terms, new.text_terms); END",
    "INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild')",
]


def sqlite_only(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_vocabulary"),
    ]

    operations = [
        migrations.RunPython(sqlite_only(FORWARDS), sqlite_only(BACKWARDS)),
    ]
