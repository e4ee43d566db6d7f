"""The search reads the index rows' terms into each process's memory and matches them there
(puebla/search/postings.py); the databases' own full-text indexes are read no more, and go.

SQLite: the FTS5 indexes per language with their views and triggers (migration 0007), and the
covering index of the rows' filters (0004). PostgreSQL: the text search vectors and their GIN
indexes (`search_vector`, 0009); and the rows' terms, which only SQLite stored until now, are
computed for every row.

Back: SQLite's indexes are made again and rebuilt from the terms; PostgreSQL's vectors are
computed again from the rows' texts.
"""

import importlib

from django.db import migrations

from puebla.search import text

# Migration modules' names start with a digit: they are imported by name.
per_language = importlib.import_module("puebla.search.migrations.0007_sqlite_index_per_language")
entry_audience = importlib.import_module("puebla.search.migrations.0004_entry_audience")

# The languages of the site when this was written (as migrations 0007 to 0009).
LANGUAGES = ("es", "en")
CONFIGS = {"es": "spanish", "en": "english"}
BATCH = 1000

SQLITE_DROPPED = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in per_language.OLD_TRIGGERS),
    *(
        statement
        for language in LANGUAGES
        for statement in (
            f"DROP TABLE IF EXISTS search_title_fts_{language}",
            f"DROP TABLE IF EXISTS search_fts_{language}",
            f"DROP VIEW IF EXISTS search_entry_{language}",
        )
    ),
    "DROP INDEX IF EXISTS search_entry_filters",
]


def drop_sqlite_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROPPED:
            schema_editor.execute(statement)


def make_sqlite_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in [*per_language.FORWARDS, entry_audience.FILTERS_INDEX]:
            schema_editor.execute(statement)


def store_terms(apps, schema_editor):
    """PostgreSQL: every row's terms, as puebla.search.matching.prepare stores them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Entry = apps.get_model("search", "Entry")
    last = 0
    while True:
        rows = list(Entry.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not rows:
            return
        for row in rows:
            row.title_terms = " ".join(text.terms(row.title, row.language))
            row.text_terms = " ".join(text.terms(row.text, row.language))
        Entry.objects.bulk_update(rows, ["title_terms", "text_terms"])
        last = rows[-1].pk


def compute_vectors(apps, schema_editor):
    """PostgreSQL, back: the vectors and their indexes as migration 0009 left them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in CONFIGS.items():
        schema_editor.execute(
            "INSERT INTO search_vector (entry_id, language, vector) SELECT id, language, "
            "setweight(to_tsvector(%s::regconfig, COALESCE(unaccent(title), '')), 'A') || "
            "setweight(to_tsvector(%s::regconfig, COALESCE(unaccent(text), '')), 'B') "
            "FROM search_entry WHERE language = %s",
            [config, config, language],
        )
        schema_editor.execute(
            f"CREATE INDEX search_vector_{language} ON search_vector "
            f"USING gin (vector) WHERE language = '{language}'"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0009_narrow_vector_table"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_indexes, make_sqlite_indexes),
        migrations.RunPython(store_terms, migrations.RunPython.noop),
        migrations.RunPython(migrations.RunPython.noop, compute_vectors),
        migrations.DeleteModel(name="Vector"),
    ]
