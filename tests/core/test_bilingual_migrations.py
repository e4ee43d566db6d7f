"""The move from django-modeltranslation's three columns (a base column beside `_es` and `_en`)
to one column per language, and of a meeting's document links into the repository, run back
and forth on the shipped RCM data, on SQLite and, when DATABASE_URL is set, on PostgreSQL: no
text is lost either way."""

import json
import subprocess
import sys

from tests.core.bilingual_columns_program import CONCEPT_NOTE, MIGRATIONS
from tests.migrated import migrated_database
from tests.test_cli import ROOT, environment_for

BEFORE = {
    "planning": "0002",
    "meetings": "0007",
    "intranet": "0003",
    "documents": "0002",
    "directory": "0004",
}


def run(environment: dict, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_shipped_texts_survive_the_move_to_one_column_per_language_and_back(tmp_path):
    with migrated_database(tmp_path, "bilingual") as url:
        environment = environment_for(tmp_path, **({"DATABASE_URL": url} if url else {}))

        def dump() -> dict:
            return json.loads(
                run(environment, "-m", "tests.core.bilingual_columns_program", "dump")
            )

        run(environment, "-m", "puebla", "setup")  # as `make run` does: the shipped data
        now = dump()
        assert now["directory_country"], "the shipped countries were loaded"
        assert set(MIGRATIONS) == set(BEFORE)

        for app_label, migration in BEFORE.items():
            run(environment, "manage.py", "migrate", app_label, migration, "--verbosity=0")
        before = dump()
        for table, rows in before.items():
            for key, texts in rows.items():
                for column, text in texts.items():
                    if column.endswith(("_es", "_en")):  # nullable again, as they were
                        assert (text or "") == now[table][key][column], (table, key, column)
                    else:  # a base column back: the Spanish text, else the English
                        spanish, english = (now[table][key][f"{column}_{c}"] for c in ("es", "en"))
                        assert text == (spanish or english), (table, key, column)

        run(environment, "-m", "tests.core.bilingual_columns_program", "base-only")
        run(environment, "manage.py", "migrate", "--verbosity=0")
        after = dump()

        [link] = json.loads(
            run(environment, "-m", "tests.core.bilingual_columns_program", "kept-elsewhere")
        )
        assert (link["meeting"], link["titles"], link["url"]) == (
            "xxiv-rcm",
            ["Nota conceptual", "Concept note"],
            CONCEPT_NOTE,
        )
        assert link["audience"][0] == link["audience"][1], "seen by the meeting's audience"
        del after["documents_document"][link["id"]]
        moved = [
            key
            for key, texts in after["directory_country"].items()
            if texts
            == {
                "name_es": "Costa Rica (base column only)",
                "name_en": "",
                **{
                    column: now["directory_country"][key][column]
                    for column in ("note_es", "note_en")
                },
            }
        ]
        assert len(moved) == 1, "the text only the base column held is now the Spanish name"
        after["directory_country"][moved[0]] = now["directory_country"][moved[0]]
        assert after == single_note_kept(now)


def single_note_kept(texts: dict) -> dict:
    """What a trip through the Plan's one-column notes keeps: the Spanish note, else the
    English one, back in the Spanish column (the schema before could hold one language)."""
    kept = {}
    for table, rows in texts.items():
        if not table.startswith("planning_"):
            kept[table] = rows
            continue
        kept[table] = {
            key: {"note_es": row["note_es"] or row["note_en"], "note_en": ""}
            for key, row in rows.items()
        }
    return kept
