"""`puebla import-plan FILE --commit` (the import_plan command), as an operator runs it on a
file from elsewhere: a Plan of Action table in each format the importer reads (text, CSV, XLSX,
DOCX), with hostile cells and title, then perhaps damaged, under a name that may lie about its
type. The command either imports the table whole (the plan then holds every item it reports,
and a dry run of the same file finds nothing left to change) or refuses it with a message and
writes nothing: never an unhandled exception, never part of a tree.

tests/planning/test_import_properties.py checks what the importer makes of any well-formed
table; this checks what it does with a broken one."""

import csv
import io
import re

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import event, example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from puebla.planning.models import Item
from tests.hostile import hostile_settings, inputs
from tests.hostile.kept import assert_nothing_written, rolled_back
from tests.planning.test_import_properties import HEADER, tables

pytestmark = pytest.mark.django_db

PLAN = "hostile-plan"
CREATED = re.compile(r"^(\d+) items new, (\d+) changed, (\d+) no longer in the table")


def as_txt(rows: list[list[str]]) -> bytes:
    return "\n".join("\t".join(row) for row in rows).encode()


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def as_xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_docx(rows: list[list[str]]) -> bytes:
    document = docx.Document()
    title, table_rows = (
        [row for row in rows if len(row) == 1],
        [row for row in rows if len(row) > 1],
    )
    for row in title:
        document.add_paragraph(row[0])
    table = document.add_table(rows=0, cols=max(len(row) for row in table_rows))
    for row in table_rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WRITERS = {"txt": as_txt, "csv": as_csv, "xlsx": as_xlsx, "docx": as_docx}


@st.composite
def hostile_tables(draw) -> list[list[str]]:
    """A generated table (tests/planning) with a hostile title above it and up to two cells
    replaced by hostile text."""
    rows = [line.split("\t") for line in draw(tables()).split("\n")]
    title = draw(st.one_of(st.just(""), inputs.form_text, st.just("Plan of Action " + "x" * 400)))
    for _ in range(draw(st.integers(0, 2))):
        row = draw(st.integers(1, len(rows) - 1))
        column = draw(st.integers(0, 4))
        rows[row][column] = draw(inputs.form_text)
    return ([[title.replace("\t", " ").replace("\n", " ")]] if title.strip() else []) + rows


@st.composite
def plan_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(WRITERS)))
    rows = draw(hostile_tables())
    if kind in ("xlsx", "docx"):
        rows = [[inputs.NOT_IN_XML.sub("", cell) for cell in row] for row in rows]
    content = WRITERS[kind](rows)
    if draw(st.booleans()):
        content = draw(inputs.damaged(content))
    suffix = draw(st.sampled_from([kind, kind, "txt", "csv", "xlsx", "docx", "pdf", ""]))
    return f"plan.{suffix}" if suffix else "plan", content


def run(path, *options) -> list[str]:
    """The command's report, in English (a command speaks the active language)."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_plan", str(path), "--plan", PLAN, *options, stdout=out)
    return out.getvalue().splitlines()


@hostile_settings(25)
@given(plan_file=plan_files())
@example(
    plan_file=(
        "plan.txt",
        as_txt([["Plan " + "x" * 400], HEADER.split("\t"), ["A", "1. B", "", "", ""]]),
    )
)
@example(plan_file=("plan.xlsx", inputs.real_files()[2][:-30]))
@example(plan_file=("plan.docx", inputs.odd_archives()[1]))
def test_a_damaged_table_is_imported_whole_or_refused_whole(tmp_path, plan_file):
    name, content = plan_file
    path = tmp_path / name
    path.write_bytes(content)
    with rolled_back() as before:
        try:
            report = run(path, "--commit")
        except CommandError as refused:
            event("refused")
            assert str(refused).strip()
            assert_nothing_written(before)
            return
        event("imported")
        [counts] = [CREATED.match(line) for line in report if CREATED.match(line)]
        assert Item.objects.filter(plan__slug=PLAN).count() == int(counts[1])
        [again] = [CREATED.match(line) for line in run(path) if CREATED.match(line)]
        assert again.groups() == ("0", "0", "0")
