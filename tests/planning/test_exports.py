"""Exports: with status and progress, one row per item (the default), or in the source's
layout (XLSX and DOCX one row per objective), in either language, with the update date and
the page's filters in the heading, and the other language's text, marked, where a translation
is missing. Export then import gives an equal tree, in every format and layout;
formula-looking cells are neutralised; LibreOffice opens them. The files are read back as a
person's program reads them (openpyxl, python-docx, csv)."""

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from puebla.planning import exports, importer, services, shipped, sources
from puebla.planning.models import Item, Plan, Status
from tests.planning import trees
from tests.roles import make_user

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
    # The <i> markup the cells keep, said what it means (the source's legend).
    assert rows[2][0] == (
        "Text between <i> and </i> is in bold italics in the source, which says they mean "
        "“active, ongoing, or pending input”."
    )
    assert rows[4] == ["TOPICS", "OBJECTIVES", "IMPLEMENTATION ACTIONS", "ACTIVITIES", "SCHEDULE"]
    body = rows[5:]
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
    # The topic the table names in Spanish, in English as seed 000 names it.
    assert body[11][0] == "Human Rights"


def test_spanish_headings_and_columns(plan):
    sheet = load_workbook(io.BytesIO(exports.xlsx(plan, "es", with_status=False))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Actualizado: 2009-11-13"
    assert rows[4][:5] == (
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
        "STATUS: each item's status. PROGRESS: the progress reported for it; where none is "
        "reported, an estimate from its status (the source gives statuses only), which each "
        "cell says it is. Text between <i> and </i> is in bold italics in the source, which "
        "says they mean “active, ongoing, or pending input”."
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
        "estimated at 50 % from its status (no progress reported)",
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


# --- What a visitor downloads (issue 29, item 1) ---------------------------------------------

SPANISH_HEADER = [
    "TEMAS",
    "OBJETIVOS",
    "ACCIONES DE IMPLEMENTACIÓN",
    "ACTIVIDADES",
    "CRONOGRAMA",
    "ESTADO",
    "AVANCE",
]
NOT_IN_SPANISH = "(aún sin traducción al español)"


def export_url(kind: str, language: str, **query) -> str:
    with translation.override(language):
        address = reverse("planning:export", kwargs={"file_format": kind})
    return f"{address}?{urlencode(query)}" if query else address


def rows_of(content: bytes, kind: str) -> list[list[str]]:
    """Every row of the file as its cells' text, read back as a person's program reads it: the
    lines above the table (one cell each), then the table's rows."""
    if kind == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        return [row[:1] if not any(row[1:]) else row for row in rows if any(row)]
    if kind == "docx":
        document = docx.Document(io.BytesIO(content))
        lines = [[paragraph.text] for paragraph in document.paragraphs if paragraph.text]
        return lines + [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    return [row for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) if row]


def table_of(rows: list[list[str]], first_column: str) -> tuple[list[str], list[list[str]]]:
    start = next(index for index, row in enumerate(rows) if row[0] == first_column)
    return rows[start], rows[start + 1 :]


def row_starting(rows, column: int, start: str) -> list[str]:
    return next(row for row in rows if row[column].startswith(start))


@pytest.mark.parametrize("kind", ["xlsx", "docx", "csv"])
def test_the_spanish_export_gives_the_english_text_marked_with_status_and_progress(
    client, plan, kind
):
    response = client.get(export_url(kind, "es"))
    assert response.status_code == 200
    rows = rows_of(response.content, kind)
    assert rows[0] == [f"PLAN OF ACTION REGIONAL CONFERENCE ON MIGRATION (RCM) {NOT_IN_SPANISH}"]
    assert ["Actualizado: 2009-11-13"] in rows
    header, body = table_of(rows, "TEMAS")
    assert header == SPANISH_HEADER
    assert len(body) == 93  # one row per item
    action = row_starting(body, 2, "1.1 ")
    assert action[2] == (
        f"1.1 To exchange information about migration policy and legislation. {NOT_IN_SPANISH}"
    )
    activity = row_starting(body, 3, "1.1.1 ")
    assert activity[3:] == [
        "1.1.1 Information exchange within the framework of the Liaison Officer Networks "
        + NOT_IN_SPANISH,
        f"1.1.1.1 Ongoing {NOT_IN_SPANISH}",
        "Permanente",
        "estimado en 50 % según su estado (sin avance informado)",
    ]
    # No cell of an item is a bare number any more.
    for row in body:
        for cell in row[1:4]:
            assert not cell or re.search(r"[A-Za-z]", cell), row
    # The theme the table names in Spanish is in Spanish, unmarked.
    assert any(row[0] == "DERECHOS HUMANOS" for row in body)


@pytest.mark.parametrize("kind", ["xlsx", "docx", "csv"])
def test_an_activity_just_marked_completed_shows_in_both_languages(client, plan, kind):
    activity = Item.objects.get(plan=plan, key="policy/1.1.1")
    services.item_update(
        item=activity,
        expected_version=activity.version,
        changes={"status": Status.objects.get(key="completed")},
        meeting_keys=[],
        document_keys=[],
        comment="Done",
        by=make_user("secretariat"),
    )
    for language, first, completed, estimate, rolled_up in (
        (
            "es",
            "TEMAS",
            "Completada",
            "estimado en 100 % según su estado (sin avance informado)",
            "estimado en 100 % según el estado de 1 elemento que contiene (sin avance informado)",
        ),
        (
            "en",
            "TOPICS",
            "Completed",
            "estimated at 100 % from its status (no progress reported)",
            "estimated at 100 % from the status of 1 item below it (no progress reported)",
        ),
    ):
        _header, body = table_of(
            rows_of(client.get(export_url(kind, language)).content, kind), first
        )
        row = row_starting(body, 3, "1.1.1 ")
        assert row[5:] == [completed, estimate]
        # The action above it rolls up: its only activity is done.
        assert row_starting(body, 2, "1.1 ")[5:] == ["", rolled_up]


@pytest.mark.parametrize("kind", ["xlsx", "docx", "csv"])
def test_the_export_holds_what_the_filters_show_and_names_them(client, plan, kind):
    Item.objects.filter(plan=plan, key="policy/1.1.1").update(
        status=Status.objects.get(key="completed")
    )
    rows = rows_of(client.get(export_url(kind, "es", status="completed")).content, kind)
    assert [
        "Solo los elementos que muestran estos filtros, con los elementos de los que forman "
        "parte: Estado: Completada"
    ] in rows
    _header, body = table_of(rows, "TEMAS")
    assert [row[1] or row[2] or row[3] for row in body[1:]] == [
        "1. To develop, review, and implement a national migration policy based on national "
        "interests, the dynamics of the phenomenon of migration, and commitments agreed during "
        f"the Regional Conference on Migration, held in Puebla, Mexico. {NOT_IN_SPANISH}",
        f"1.1 To exchange information about migration policy and legislation. {NOT_IN_SPANISH}",
        "1.1.1 Information exchange within the framework of the Liaison Officer Networks "
        + NOT_IN_SPANISH,
    ]
    rows = rows_of(
        client.get(export_url(kind, "en", theme=plan.items.get(key="rights").pk)).content, kind
    )
    assert [
        "Only the items these filters show, with the items above them: Theme: Human Rights"
    ] in rows
    _header, body = table_of(rows, "TOPICS")
    assert {row[0] for row in body} <= {"Human Rights", ""}


def test_the_source_columns_on_request(client, plan):
    rows = rows_of(client.get(export_url("xlsx", "es", columns="source")).content, "xlsx")
    header, body = table_of(rows, "TEMAS")
    assert header == SPANISH_HEADER[:5]
    assert len(body) == 20  # one row per objective, as the secretariat keeps the table
    assert body[0][2].split("\n")[0] == (
        f"1.1 To exchange information about migration policy and legislation. {NOT_IN_SPANISH}"
    )


def test_the_plan_pages_form_sends_its_filters_and_the_choice_of_columns(client, plan):
    body = client.get(reverse("planning:plan"), {"status": "ongoing", "detail": "all"}).content
    body = body.decode()
    form = body[body.index('<form method="get" class="plan-export">') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="status" value="ongoing">' in form
    assert 'name="detail"' not in form
    assert '<input type="radio" name="columns" value="status" checked>' in form
    assert f'formaction="{export_url("docx", "es")}"' in form


@pytest.mark.parametrize("with_status", [True, False])
@pytest.mark.parametrize("kind", ["xlsx", "docx", "csv"])
def test_a_spanish_export_of_the_english_plan_imports_back_in_both_languages(
    plan, kind, with_status
):
    content = exports.EXPORTERS[kind](plan, "es", with_status=with_status)
    copy = reimport(content, kind, f"es-{kind}")
    # The one text the plan has in both languages, the theme's name ("DERECHOS HUMANOS", and
    # "Human Rights" from seed 000), travels in a Spanish file in Spanish only.
    assert [line.split(":")[0] for line in trees.differences(plan, copy, "en")] == ["rights"]
    assert Item.objects.get(plan=copy, key="rights").text_en == ""
    assert trees.differences(plan, copy, "es") == []
    assert copy.title_en == plan.title_en and copy.title_es == ""


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_filtered_export_imported_back_moves_nothing_to_the_historical_plan(client, plan, kind):
    content = client.get(export_url(kind, "en", status="ongoing")).content
    table = sources.read(Path(f"export.{kind}"), content)
    parsed = importer.parse(table, plan=plan)
    changes = importer.apply(parsed, plan_slug=plan.slug, source="export", commit=True)
    assert not changes.any
    assert not Item.objects.filter(plan=plan).historical().exists()
    report = importer.report_lines(parsed, changes, commit=True)
    assert any(
        "no item it leaves out moves to the Historical Plan of Action" in line for line in report
    )
