"""Run as `python -m tests.core.bilingual_columns_program MODE` on the database the environment
names (tests/core/test_bilingual_migrations.py):
  dump        print every bilingual text of the apps that moved to one column per language, as
              JSON {table: {id: {column: text}}}, the base column included where it exists
  base-only   leave Costa Rica's name in the base column only, as a record django-modeltranslation
              wrote through `name=` could be; and give the XXIV RCM a document link (the
              meetings' own list of links, before a meeting's documents were documents)
  kept-elsewhere  print the documents kept elsewhere, as JSON
"""

import importlib
import json
import os
import sys

import django


def moved_tables() -> dict[str, list[str]]:
    """Each table the migrations to one column per language touched, and its texts' names."""
    from django.apps import apps

    tables = {}
    for app_label, migration in MIGRATIONS.items():
        fields = importlib.import_module(f"puebla.{app_label}.migrations.{migration}").FIELDS
        for model_name, names in fields.items():
            for name in (model_name, f"historical{model_name}"):
                try:
                    model = apps.get_model(app_label, name)
                except LookupError:
                    continue  # a meeting's links: documents since (kept_elsewhere)
                tables[model._meta.db_table] = names
    return tables


MIGRATIONS = {
    "directory": "0005_bilingual_columns_without_modeltranslation",
    "documents": "0003_bilingual_columns_without_modeltranslation",
    "intranet": "0004_bilingual_columns_without_modeltranslation",
    "meetings": "0008_bilingual_columns_without_modeltranslation",
    "planning": "0003_bilingual_columns_without_modeltranslation",
}


def dump() -> dict:
    from django.db import connection

    found = {}
    with connection.cursor() as cursor:
        for table, names in moved_tables().items():
            present = {
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            }
            key = "history_id" if "history_id" in present else "id"
            columns = [
                column
                for name in names
                for column in (name, f"{name}_es", f"{name}_en")
                if column in present
            ]
            quoted = ", ".join(connection.ops.quote_name(column) for column in [key, *columns])
            # Names from the models, quoted by the database's own rule; no value is spliced.
            table_name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT {quoted} FROM {table_name}")  # noqa: S608
            found[table] = {
                str(row[0]): dict(zip(columns, row[1:], strict=True)) for row in cursor.fetchall()
            }
    return found


def base_only() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE directory_country SET name = %s, name_es = NULL, name_en = NULL "
            "WHERE iso_code = %s",
            ["Costa Rica (base column only)", "CR"],
        )
        cursor.execute(
            "INSERT INTO meetings_meetinglink (meeting_id, position, title, title_es, title_en, url) "
            "SELECT id, 1, %s, %s, %s, %s FROM meetings_meeting WHERE slug = %s",
            ["Nota conceptual", "Nota conceptual", "Concept note", CONCEPT_NOTE, "xxiv-rcm"],
        )


CONCEPT_NOTE = "https://example.org/xxiv-rcm/concept-note.pdf"


def kept_elsewhere() -> list[dict]:
    from puebla.documents.models import Document

    return [
        {
            "id": str(document.pk),
            "meeting": document.meeting.slug,
            "titles": [document.title_es, document.title_en],
            "url": document.external_url,
            "audience": [document.audience, document.meeting.audience],
        }
        for document in Document.objects.exclude(external_url="").select_related("meeting")
    ]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    django.setup()
    mode = sys.argv[1]
    if mode == "dump":
        print(json.dumps(dump()))
    elif mode == "base-only":
        base_only()
    elif mode == "kept-elsewhere":
        print(json.dumps(kept_elsewhere()))
