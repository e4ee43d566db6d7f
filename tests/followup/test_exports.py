"""The completeness and comparative-matrix files, opened back with openpyxl and python-docx,
in either language; typed text cannot run as a spreadsheet formula."""

import datetime
import io

import docx
import openpyxl
import pytest

from puebla.followup.matrix import exports as matrix_exports
from puebla.followup.matrix import services as matrix_services
from puebla.followup.matrix.comparison import matrix_of
from puebla.followup.requests import exports, services
from puebla.followup.requests.completeness import completeness
from tests.followup.factories import country, make_request, person
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def rows(content: bytes, sheet: int = 0) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[sheet].iter_rows(values_only=True)]


def test_completeness_xlsx_in_both_languages():
    ts, cr = person(None), person("CR", focal=True)
    request = make_request(by=ts, codes=("CR", "GT"), due_in=1, title_es="=Leyes", title_en="=Laws")
    late = request.closes_at + datetime.timedelta(minutes=5)
    services.answer_submit(request=request, country=country("CR"), by=cr, text="x", now=late)
    data = completeness(now=late)

    english = rows(exports.completeness_xlsx(data, language="en"))
    assert english[0][0] == "Country" and english[0][-3:] == ["Expected", "Received", "On time"]
    assert english[0][1].startswith("'=Laws (")  # a title that looks like a formula stays text
    table = {row[0]: row[1:] for row in english[1:]}
    assert table["Costa Rica"] == ["Submitted · late", 1, 1, 0]
    assert table["Guatemala"] == ["Not started · overdue", 1, 0, 0]

    spanish = rows(exports.completeness_xlsx(data, language="es"))
    assert spanish[0][0] == "País" and spanish[0][-3:] == ["Esperadas", "Recibidas", "A tiempo"]
    assert {row[0]: row[1] for row in spanish[1:]}["Costa Rica"] == "Enviada · tardía"
    by_cycle = rows(exports.completeness_xlsx(data, language="en"), sheet=1)
    assert by_cycle[0] == ["Cycle", "Country", "Expected", "Received", "On time"]
    assert ["No cycle", "Costa Rica", 1, 1, 0] in by_cycle


@pytest.fixture
def table():
    ts, cr = person(None), person("CR", focal=True)
    first = matrix_services.cycle_create(
        meeting=make_meeting(kind="rcgm", title_es="GRCM marzo", title_en="RCGM March"), by=ts
    )
    matrix_services.topic_add(cycle=first, by=ts, key="asylum", title_es="Asilo", title_en="Asylum")
    second = matrix_services.cycle_create(
        meeting=make_meeting(kind="rcgm", title_es="GRCM octubre", title_en="RCGM October"), by=ts
    )
    old, new = first.topics.get(), second.topics.get()
    matrix_services.entry_save(topic=old, country=country("CR"), by=cr, policy="Ley 1", submit=True)
    matrix_services.entry_save(
        topic=new, country=country("CR"), by=cr, policy="=Ley 2", submit=True
    )
    return matrix_of(second)


def test_matrix_xlsx_in_both_languages(table):
    english = rows(matrix_exports.matrix_xlsx(table, language="en"))
    assert english[0] == [
        "Country",
        "Topic",
        "Area",
        "Changes proposed or made",
        "Since the previous cycle",
        "Previous cycle",
    ]
    assert [
        "Costa Rica",
        "Asylum",
        "Policy",
        "'=Ley 2",
        "changed since the previous cycle",
        "Ley 1",
    ] in english
    spanish = rows(matrix_exports.matrix_xlsx(table, language="es"))
    assert spanish[0][0] == "País"
    assert any(row[:3] == ["Costa Rica", "Asilo", "Política"] for row in spanish)
    assert len(english) == 1 + 11 * 3  # every member state, every area


def test_matrix_docx_in_both_languages(table):
    english = docx.Document(io.BytesIO(matrix_exports.matrix_docx(table, language="en")))
    assert "RCGM October" in english.paragraphs[0].text
    assert "RCGM March" in english.paragraphs[1].text
    grid = english.tables[0]
    assert [cell.text for cell in grid.rows[0].cells] == ["Country", "Asylum"]
    cells = {row.cells[0].text: row.cells[1].text for row in grid.rows[1:]}
    assert cells["Costa Rica"] == "Policy: =Ley 2 (changed since the previous cycle)"
    assert cells["Guatemala"] == "No input"
    spanish = docx.Document(io.BytesIO(matrix_exports.matrix_docx(table, language="es")))
    assert "GRCM octubre" in spanish.paragraphs[0].text
    assert spanish.tables[0].rows[0].cells[1].text == "Asilo"
