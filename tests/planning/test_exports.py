"""Exports in the source's layout: XLSX and DOCX one row per objective, CSV one row per item,
in either language, with the update date in the heading. Export then import gives an equal
tree, in every format; formula-looking cells are neutralised; LibreOffice opens them."""

import csv
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from puebla.planning import exports, importer, shipped, sources
from puebla.planning.models import Item, Plan
from tests.planning import trees

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    shipped.load()
    return Plan.objects.get(slug="plan-of-action")


def reimport(content: bytes, kind: str, slug: str, language=None) -> Plan:
    table = sources.read(Path(f"export.{kind}"), content)
    parsed = importer.parse(table, language=language)
    importer.apply(parsed, plan_slug=slug, source=f"export.{kind}", commit=True)
    return Plan.objects.get(slug=slug)


@pytest.mark.parametrize("with_status", [True, False])
@pytest.mark.parametrize("kind", ["xlsx", "docx", "csv"])
def test_export_then_import_gives_an_equal_tree(plan, kind, with_status):
    content = exports.EXPORTERS[kind](plan, "en", with_status=with_status)
    copy = reimport(content, kind, f"copy-{kind}")
    assert trees.differences(plan, copy, "en") == []
    assert len(trees.snapshot(copy, "en")) == 93
    assert copy.updated_on == plan.updated_on
    assert copy.title_en == plan.title_en


@pytest.mark.parametrize("with_status", [True, False])
@pytest.mark.parametrize("kind", ["xlsx", "docx", "csv"])
def test_the_same_plan_imported_back_changes_nothing(plan, kind, with_status):
    content = exports.EXPORTERS[kind](plan, "en", with_status=with_status)
    table = sources.read(Path(f"export.{kind}"), content)
    changes = importer.apply(
        importer.parse(table, plan=plan), plan_slug=plan.slug, source="x", commit=True
    )
    assert not changes.any


@pytest.mark.parametrize("with_status", [True, False])
@pytest.mark.parametrize("kind", ["xlsx", "docx", "csv"])
def test_a_spanish_export_round_trips_in_spanish(kind, with_status):
    """A plan kept in Spanish (the seed's table read as its Spanish texts, for want of a
    Spanish seed) exported in Spanish, with Spanish headings, and imported back."""
    seed = shipped.FOLDER / "plan_of_action_2009.txt"
    table = sources.read(seed)
    importer.apply(importer.parse(table, language="es"), plan_slug="es", source="seed", commit=True)
    plan = Plan.objects.get(slug="es")
    assert Item.objects.get(plan=plan, key="rights/3").text_es.startswith("To advance")
    content = exports.EXPORTERS[kind](plan, "es", with_status=with_status)
    copy = reimport(content, kind, f"copia-{kind}")
    assert sources.read(Path(f"x.{kind}"), content).language == "es"
    assert trees.differences(plan, copy, "es") == []
    assert len(trees.snapshot(copy, "es")) == 93


def test_the_xlsx_has_the_sources_columns_one_row_per_objective(plan):
    sheet = load_workbook(io.BytesIO(exports.xlsx(plan, "en", with_status=False))).active
    rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "PLAN OF ACTION REGIONAL CONFERENCE ON MIGRATION (RCM)"
    assert rows[1][0] == "Updated: 2009-11-13"
    assert rows[3] == ["TOPICS", "OBJECTIVES", "IMPLEMENTATION ACTIONS", "ACTIVITIES", "SCHEDULE"]
    body = rows[4:]
    assert len(body) == 20  # the seed's twenty objectives
    first = body[0]
    assert first[0] == "MIGRATION POLICY AND MANAGEMENT"
    assert first[1].startswith("1. To develop, review, and implement a national migration policy")
    assert first[2].split("\n")[2] == (
        "1.3 To share experiences about alternative inspection programs."
    )
    assert first[4].split("\n") == [
        "1.1.1.1 Ongoing",
        "1.2.1.1 Ongoing",
        "1.2.1.1 The following workshop will be held in Guatemala, dates to be defined",
    ]
    # The topic in the only language it has, marked as the pages mark it.
    assert body[11][0] == "DERECHOS HUMANOS (not yet translated into English)"


def test_spanish_headings_and_columns(plan):
    sheet = load_workbook(io.BytesIO(exports.xlsx(plan, "es", with_status=False))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Actualizado: 2009-11-13"
    assert rows[3][:5] == (
        "TEMAS",
        "OBJETIVOS",
        "ACCIONES DE IMPLEMENTACIÓN",
        "ACTIVIDADES",
        "CRONOGRAMA",
    )


def test_the_docx_keeps_the_markup_as_italics(plan):
    document = docx.Document(io.BytesIO(exports.docx(plan, "en", with_status=False)))
    assert document.paragraphs[1].text == "Updated: 2009-11-13"
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "TOPICS",
        "OBJECTIVES",
        "IMPLEMENTATION ACTIONS",
        "ACTIVITIES",
        "SCHEDULE",
    ]
    assert len(table.rows) == 21
    activities = table.rows[4].cells[3]  # objective 4 of the first topic
    (run,) = activities.paragraphs[0].runs
    assert run.text == "Refer to the work plan for the Traffic Network"
    assert run.italic
    assert "<i>" not in activities.text


def test_the_csv_has_one_row_per_item_with_status_and_progress(plan):
    text = exports.csv_bytes(plan, "en").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[2] == [
        "STATUS: each item's status. PROGRESS: how much of it is done, in percent, from its "
        "parts or its status; * when set by hand."
    ]
    assert rows[3] == [
        "TOPICS",
        "OBJECTIVES",
        "IMPLEMENTATION ACTIONS",
        "ACTIVITIES",
        "SCHEDULE",
        "STATUS",
        "PROGRESS",
    ]
    assert len(rows) == 4 + 93
    row = next(row for row in rows[4:] if row[3].startswith("8.1.1 "))
    assert row == [
        "MIGRATION POLICY AND MANAGEMENT",
        "",
        "",
        "8.1.1 Equipment, software, and infrastructure provisions.",
        "8.1.1.1 Ongoing",
        "Ongoing",
        "50",
    ]


def test_formula_looking_cells_are_neutralised_and_still_round_trip(plan):
    Item.objects.filter(plan=plan, key="policy/8.1.1").update(
        text_en='=HYPERLINK("http://example.org","x")'
    )
    Item.objects.filter(plan=plan, key="policy").update(text_en="@SUM(1)")
    sheet = load_workbook(io.BytesIO(exports.xlsx(plan, "en"))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "'@SUM(1)" in values
    assert not any(str(value).startswith(("=", "@")) for value in values)
    text = exports.csv_bytes(plan, "en").decode("utf-8-sig")
    assert "'@SUM(1)" in text
    for kind in ("xlsx", "csv"):
        copy = reimport(exports.EXPORTERS[kind](plan, "en"), kind, f"f-{kind}")
        assert Item.objects.get(plan=copy, number="8.1.1").text_en.startswith("=HYPERLINK")
        assert Item.objects.get(plan=copy, level=1, position=0).text_en == "@SUM(1)"


def test_a_response_for_the_views(plan):
    response = exports.response(plan, "xlsx", "en")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="plan-of-action-2009-11-13-en.xlsx"' in response["Content-Disposition"]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_libreoffice_opens_the_export(plan, kind, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: `make test` installs it (scripts/system-packages)"
    path = tmp_path / f"plan.{kind}"
    path.write_bytes(exports.EXPORTERS[kind](plan, "es"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "plan.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 5000
