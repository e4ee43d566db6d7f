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

from puebla.search import matching

# Migration modules' names start with a digit: they are imported by name.
entry_audience = importlib.import_module("puebla.search.migrations.0004_entry_audience")
per_language = importlib.import_module("puebla.search.migrations.0007_sqlite_index_per_language")
vector_table = importlib.import_module("puebla.search.migrations.0009_narrow_vector_table")

# The configurations of the languages of the site when this was written (as 0007 to 0009).
CONFIGS = {"es": "spanish", "en": "english"}
BATCH = 1000

SQLITE_DROPPED = [*per_language.DROPPED, "DROP INDEX IF EXISTS search_entry_filters"]


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
            matching.prepare(row)
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
    vector_table.make_vector_indexes(schema_editor)


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
