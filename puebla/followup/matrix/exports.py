"""The comparative matrix's files, XLSX and DOCX, each in the language asked for. Text typed by
people goes into spreadsheet cells protected from running as a formula (CSV injection), and
into DOCX without control characters.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _

from puebla.core.spreadsheets import neutralised
from puebla.core.text import text_in, without_control_characters
from puebla.core.text_marks import marked_text
from puebla.followup.matrix.columns import AREA_NAMES, AREAS
from puebla.followup.matrix.comparison import CHANGE_NAMES, Matrix
from puebla.followup.matrix.naming import meeting_label


def _cell_lines(cell, language: str) -> list[str]:
    lines = []
    for area in AREAS:
        text = cell.text(area)
        change = cell.changes[area]
        if not text and not change:
            continue
        line = f"{AREA_NAMES[area]}: {text or '—'}"
        if change:
            line += f" ({CHANGE_NAMES[change]})"
        lines.append(line)
    return lines


def matrix_xlsx(matrix: Matrix, *, language: str) -> bytes:
    """One row per country, topic and area: the text, and what changed since the previous
    cycle, with the previous text beside it."""
    from openpyxl import Workbook

    with translation.override(language):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Comparative matrix")[:31]
        sheet.append(
            [
                _("Country"),
                _("Topic"),
                _("Area"),
                _("Changes proposed or made"),
                _("Since the previous cycle"),
                _("Previous cycle"),
            ]
        )
        for country in matrix.countries:
            for topic in matrix.topics:
                cell = matrix.cell(country, topic)
                for area in AREAS:
                    sheet.append(
                        [
                            neutralised(text_in(country, "name", language)),
                            neutralised(marked_text(topic, "title", language)),
                            str(AREA_NAMES[area]),
                            neutralised(cell.text(area)),
                            str(CHANGE_NAMES[cell.changes[area]]),
                            neutralised(cell.previous_text(area)),
                        ]
                    )
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def matrix_docx(matrix: Matrix, *, language: str) -> bytes:
    """A table of countries by topics; each cell the areas' texts and what changed."""
    from docx import Document

    with translation.override(language):
        document = Document()
        # DOCX cannot hold a control character stored before input was cleaned (a focal
        # point's \x0b made this export fail): each text leaves them out.
        meeting = without_control_characters(meeting_label(matrix.cycle.meeting))
        document.add_heading(
            _("Comparative matrix of policy and legislation changes: %(meeting)s")
            % {"meeting": meeting},
            level=1,
        )
        if matrix.cycle.previous_id:
            document.add_paragraph(
                _("Changes are compared with the previous cycle: %(meeting)s.")
                % {
                    "meeting": without_control_characters(
                        meeting_label(matrix.cycle.previous.meeting)
                    )
                }
            )
        else:
            document.add_paragraph(
                _(
                    "This is the first cycle: there is nothing to compare with, so no change is marked."
                )
            )
        table = document.add_table(rows=1, cols=1 + len(matrix.topics))
        table.style = "Table Grid"
        header = table.rows[0].cells
        header[0].text = _("Country")
        for index, topic in enumerate(matrix.topics, start=1):
            header[index].text = without_control_characters(marked_text(topic, "title", language))
        for country in matrix.countries:
            row = table.add_row().cells
            row[0].text = without_control_characters(text_in(country, "name", language))
            for index, topic in enumerate(matrix.topics, start=1):
                lines = _cell_lines(matrix.cell(country, topic), language)
                row[index].text = (
                    without_control_characters("\n".join(lines)) if lines else _("No input")
                )
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()
