"""`puebla import-plan`: the dry run reports the seed's real anomalies and writes nothing;
--commit imports in one transaction; importing again changes nothing; a newer table updates
what changed and records it in each item's history; bad files give a clear translated
error and write nothing."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from puebla.planning.models import Item, Plan

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "004_d69214afa6cd72ab.txt"
HEADER = "TOPICS\tOBJECTIVES\tIMPLEMENTATION ACTIONS\tACTIVITIES\tSCHEDULE"

# The anomalies of seed 004, as the dry run reports them (line numbers are the seed's).
SEED_ANOMALIES = [
    "line 14, SCHEDULE: 1.2.1.1 repeats an earlier number",
    "line 15, ACTIVITIES: 2.2.1 points at implementation action 2.2, which does not exist; "
    "kept under objective 2",
    "line 17, ACTIVITIES: text without a number: “<i>Refer to the work plan for the Traffic "
    "Network</i>”; kept under objective 4",
    "line 18, ACTIVITIES: text without a number: “<i>Refer to the work plan for the Traffic "
    "Network</i>”; kept under objective 5",
    "line 36, SCHEDULE: 11.2.1.1 points at activity 11.2.1, which does not exist; kept as the "
    "schedule of objective 11",
    "line 49, SCHEDULE: 1.2.1.1 points at activity 1.2.1, which does not exist; kept as the "
    "schedule of implementation action 1.2",
    "line 50, SCHEDULE: 2.2.1.1 points at activity 2.2.1, which does not exist; kept as the "
    "schedule of implementation action 2.2",
    "line 52, ACTIVITIES: text without a number: “<i>Refer to the work plan for the Consular "
    "Network</i>”; kept under objective 4",
    "line 52, SCHEDULE: 4.1.1.1 points at activity 4.1.1, which does not exist; kept as the "
    "schedule of implementation action 4.1",
    "line 69, OBJECTIVES: a note in the cell: “NOTE: THE TS PROPOSES ELIMINATING THIS "
    "OBJECTIVE FROM THE PLAN OF ACT…”",
    "line 66, ACTIVITIES: refers to objective 12 of the topic “Policy and Migration "
    "Management”, which does not exist",
]


def run(*args, language="en") -> str:
    out = io.StringIO()
    with translation.override(language):
        call_command("import_plan", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_dry_run_reports_the_seeds_anomalies_and_counts_and_writes_nothing():
    report = run(SEED, "--plan", "dry")
    assert not Plan.objects.filter(slug="dry").exists()
    assert not Item.objects.filter(plan__slug="dry").exists()
    lines = report.splitlines()
    assert "Anomalies: 11" in lines
    assert [line.removeprefix("  - ") for line in lines if line.startswith("  - ")] == (
        SEED_ANOMALIES
    )
    assert (
        "MIGRATION POLICY AND MANAGEMENT: 11 objectives, 17 implementation actions, "
        "20 activities, 18 schedule lines" in lines
    )
    assert (
        "DERECHOS HUMANOS: 5 objectives, 11 implementation actions, 12 activities, "
        "14 schedule lines" in lines
    )
    assert (
        "LINK BETWEEN MIGRATION AND DEVELOPMENT: 4 objectives, 5 implementation actions, "
        "5 activities, 5 schedule lines" in lines
    )
    assert "93 items new, 0 changed" in report
    assert "Dry run: nothing was written. Run again with --commit to import." in lines


def test_commit_imports_and_the_same_file_again_changes_nothing():
    run(SEED, "--plan", "p", "--commit")
    assert Item.objects.filter(plan__slug="p").count() == 93
    history = Item.history.filter(plan__slug="p").count()
    versions = list(Item.objects.filter(plan__slug="p").values_list("version", flat=True))
    report = run(SEED, "--plan", "p", "--commit")
    assert "0 items new, 0 changed, 0 no longer in the table" in report
    assert Item.history.filter(plan__slug="p").count() == history
    assert list(Item.objects.filter(plan__slug="p").values_list("version", flat=True)) == versions


def newer_table(tmp_path) -> Path:
    """The seed a year on: an activity completed, an objective reworded, activity 1.3.1 gone."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("8.1.1.1 Ongoing", "8.1.1.1 Completed")
    text = text.replace(
        "2. To identify basic norms relating to information",
        "2. To identify common norms relating to information",
    )
    text = text.replace(" 1.3.1 Ongoing training for consular and migration officers.", "")
    text = text.replace("November 13, 2009", "October 1, 2010")
    path = tmp_path / "plan-2010.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_newer_table_updates_what_changed_and_each_change_is_in_the_history(tmp_path):
    run(SEED, "--plan", "p", "--commit")
    report = run(newer_table(tmp_path), "--plan", "p", "--commit")
    assert "0 items new, 2 changed, 1 no longer in the table" in report
    activity = Item.objects.get(plan__slug="p", key="policy/8.1.1")
    assert activity.status.key == "completed"
    assert str(activity.status_since) == "2010-10-01"
    assert activity.schedule_en == "Completed"
    assert activity.version == 2
    statuses = [h.status.key for h in activity.history.all()]  # newest first
    assert statuses == ["completed", "ongoing"]
    assert activity.history.first().history_change_reason == "imported from plan-2010.txt"
    objective = Item.objects.get(plan__slug="p", key="policy/2")
    assert objective.text_en.startswith("To identify common norms")
    assert objective.history.last().text_en.startswith("To identify basic norms")
    gone = Item.objects.get(plan__slug="p", key="policy/1.3.1")
    assert str(gone.archived_on) == "2010-10-01"  # in the Historical Plan of Action
    assert str(Plan.objects.get(slug="p").updated_on) == "2010-10-01"


def test_a_dry_run_of_a_newer_table_lists_the_changes_and_writes_nothing(tmp_path):
    run(SEED, "--plan", "p", "--commit")
    history = Item.history.count()
    report = run(newer_table(tmp_path), "--plan", "p")
    assert "  ~ policy/8.1.1: schedule (English), status" in report
    assert Item.history.count() == history
    assert Item.objects.get(plan__slug="p", key="policy/8.1.1").status.key == "ongoing"


def test_theme_names_in_either_language_map_to_one_theme(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "\n".join(
            [
                HEADER,
                "DERECHOS HUMANOS\t1. To respect rights.\t1.1 To train.\t\t",
                "HUMAN RIGHTS\t2. To protect refugees.\t2.1 To inform.\t\t",
                "Migration Policy and Management\t1. To exchange.\t\t\t",
            ]
        ),
        encoding="utf-8",
    )
    run(path, "--plan", "p", "--commit")
    themes = Item.objects.filter(plan__slug="p", level=Item.Level.THEME)
    assert [(t.key, t.text_es, t.text_en) for t in themes] == [
        ("rights", "DERECHOS HUMANOS", "HUMAN RIGHTS"),
        ("policy", "", "Migration Policy and Management"),
    ]
    assert list(
        Item.objects.filter(plan__slug="p", parent__key="rights").values_list("number", flat=True)
    ) == ["1", "2"]


def test_a_spanish_table_fills_the_spanish_texts_of_the_same_items(tmp_path):
    run(SEED, "--plan", "p", "--commit")
    path = tmp_path / "plan-es.txt"
    path.write_text(
        "TEMAS\tOBJETIVOS\tACCIONES DE IMPLEMENTACIÓN\tACTIVIDADES\tCRONOGRAMA\n"
        "DERECHOS HUMANOS\t3. Avanzar en la protección internacional de refugiados.\t\t\t\n",
        encoding="utf-8",
    )
    report = run(path, "--plan", "p")
    assert "93 no longer in the table" not in report
    run(path, "--plan", "p-es", "--commit")
    objective = Item.objects.get(plan__slug="p-es", key="rights/3")
    assert objective.text_es == "Avanzar en la protección internacional de refugiados."
    assert objective.text_en == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "notes.txt",
            b"Just some notes\nwithout any table\n",
            "notes.txt has no Plan of Action table: no row has the columns TOPICS, OBJECTIVES, "
            "IMPLEMENTATION ACTIONS, ACTIVITIES, SCHEDULE",
        ),
        (
            "wrong.txt",
            b"TOPICS\tGOALS\tTASKS\n",
            "The table's columns are TOPICS, GOALS, TASKS; a Plan of Action table has TOPICS, "
            "OBJECTIVES, IMPLEMENTATION ACTIONS, ACTIVITIES, SCHEDULE",
        ),
        (
            "broken.xlsx",
            b"not a spreadsheet",
            "broken.xlsx is damaged or is not really an XLSX file.",
        ),
        ("broken.docx", b"PK\x03\x04garbage", "broken.docx is damaged or is not really a DOCX"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is not a text, CSV, XLSX or DOCX file"),
    ],
)
def test_a_bad_file_gives_a_clear_error_and_writes_nothing(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run(path, "--plan", "p", "--commit")
    assert message in str(error.value)
    assert "Nothing was written." in str(error.value)
    assert not Plan.objects.filter(slug="p").exists()


def test_the_error_is_translated(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"no table here\n")
    with pytest.raises(CommandError) as error:
        run(path, "--commit", language="es")
    assert "notes.txt no tiene una tabla de Plan de Acción" in str(error.value)
    assert "No se escribió nada." in str(error.value)


def test_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path / "nowhere.txt", "--commit")
    assert "The file nowhere.txt cannot be read" in str(error.value)


def test_an_error_part_way_writes_nothing(tmp_path):
    """A row with too many columns, after good rows: the whole file is refused."""
    path = tmp_path / "plan.txt"
    path.write_text(
        f"{HEADER}\nHUMAN RIGHTS\t1. To respect.\t\t\t\nHUMAN RIGHTS\t2. X\t\t\t\textra\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        run(path, "--plan", "p", "--commit")
    assert "line 3 has 6 columns; a Plan of Action table has five." in str(error.value)
    assert not Item.objects.exists() or not Item.objects.filter(plan__slug="p").exists()


def test_the_puebla_command_runs_it(capsys):
    from puebla.cli import main

    with translation.override("en"):
        main(["import-plan", str(SEED), "--plan", "cli"])
    # Only the output: Django's command line closes the database connection when it ends.
    assert "Anomalies: 11" in capsys.readouterr().out


def test_a_part_listed_before_its_parent_is_linked_by_number(tmp_path):
    """Found by the round-trip property: activity 1.1.1 on a row above action 1.1."""
    path = tmp_path / "plan.txt"
    path.write_text(
        f"{HEADER}\nFIRST TOPIC\t\t\t1.1.1 A\t1.1.1.1 Ongoing\n\t\t1.1 B\t\t\n", encoding="utf-8"
    )
    report = run(path, "--plan", "p", "--commit")
    activity = Item.objects.get(plan__slug="p", key="first-topic/1.1.1")
    assert activity.parent.key == "first-topic/1.1"
    assert activity.schedule_en == "Ongoing"
    assert "1.1.1 points at" not in report
