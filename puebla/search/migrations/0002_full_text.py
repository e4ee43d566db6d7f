"""The full-text structures of the search index, which depend on the database.

SQLite: an FTS5 table over the folded, stemmed terms of `search_entry` (an external-content
table: it keeps only its index and reads the terms from `search_entry`), and the triggers that
keep it in step with every insert, update and delete of `search_entry`.

PostgreSQL: the `unaccent` extension (trusted since PostgreSQL 13: the database's owner may
create it) and a GIN index on the text search vector.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        title_terms, text_terms,
        content='search_entry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_entry_fts (rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END
    """,
    """
    CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_entry_fts (search_entry_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
    END
    """,
    """
    CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_entry_fts (search_entry_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
        INSERT INTO search_entry_fts (rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END
    """,
    # Rows written before this migration (none, normally) enter the index too.
    "INSERT INTO search_entry_fts (search_entry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRESQL_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_entry USING gin (vector)",
]
POSTGRESQL_BACKWARDS = [
    # The extension stays: other schemas may use it, and it is harmless.
    "DROP INDEX IF EXISTS search_entry_vector",
]


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_index"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
            run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}),
        ),
    ]
