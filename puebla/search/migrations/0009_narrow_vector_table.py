"""PostgreSQL: the text search vectors in a narrow table of their own (`search_vector`), with a
GIN index per language, rather than in the index rows beside their texts.

A search reads every matching row's vector from the table (a GIN index cannot answer alone):
at 100,000 documents the index rows took 213 MB and their vectors alone 71 MB, and the
Spanish matches of "migrantes retorno" were found in 18 ms instead of 64 (bench/search.py's
data, 6 December 2026).

The vectors are copied, then the column goes. SQLite: the table stays empty, and its column
is dropped in place (ALTER TABLE ... DROP COLUMN, SQLite 3.35 and later): remaking the table,
as Django would, would drop the triggers of its full-text indexes (migration 0007).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# The languages of the site when this was written (as migrations 0007 and 0008).
LANGUAGES = ("es", "en")


def copy_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "INSERT INTO search_vector (entry_id, language, vector) "
        "SELECT id, language, vector FROM search_entry WHERE vector IS NOT NULL"
    )
    make_vector_indexes(schema_editor)


def make_vector_indexes(schema_editor):
    """One GIN index per language (migration 0010 makes them again, going back)."""
    for language in LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX search_vector_{language} ON search_vector "
            f"USING gin (vector) WHERE language = '{language}'"
        )


def copy_vectors_back(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE search_entry SET vector = search_vector.vector FROM search_vector "
        "WHERE search_vector.entry_id = search_entry.id"
    )
    for language in LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_entry_vector_{language} ON search_entry "
            f"USING gin (vector) WHERE language = '{language}'"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_postgresql_vector_index_per_language"),
    ]

    operations = [
        migrations.CreateModel(
            name="Vector",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="full_text",
                        serialize=False,
                        to="search.entry",
                    ),
                ),
                (
                    "language",
                    models.CharField(max_length=8, verbose_name="language of the text"),
                ),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
            ],
            options={
                "verbose_name": "text search vector",
                "verbose_name_plural": "text search vectors",
                "db_table": "search_vector",
            },
        ),
        migrations.RunPython(copy_vectors, copy_vectors_back),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="entry", name="vector")],
            database_operations=[
                # Both databases drop a column in place (PostgreSQL drops its indexes with it).
                migrations.RunSQL(
                    "ALTER TABLE search_entry DROP COLUMN vector",
                    "ALTER TABLE search_entry ADD COLUMN vector tsvector NULL",
                ),
            ],
        ),
    ]
