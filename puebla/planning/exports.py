"""A plan as files people open: XLSX and DOCX in the source's five-column layout (one row per
objective), CSV with one row per item. Every export can be imported again (`puebla
import-plan`) and gives the same tree: the columns, the numbering and the <i> markup are the
importer's (puebla.planning.sources, puebla.planning.cells).

Each function takes a plan and a language ("es" or "en") and returns bytes; `response()`
wraps them for a view. A text the plan lacks in that language is left empty, except a
topic's name, written in the language it has: the importer maps theme names in either
language to the same theme.
"""

import csv
import datetime
import io
import re

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from puebla.core.spreadsheets import neutralised
from puebla.core.text import text_in, without_control_characters
from puebla.planning import cells, rollup
from puebla.planning.models import Item, Plan
from puebla.planning.sources import COLUMNS, EXTRA_COLUMNS

Level = Item.Level
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
}
_BALANCED = re.compile(r"<i>(.*?)</i>", re.IGNORECASE | re.DOTALL)


def _text(item: Item, language: str) -> str:
    # A theme's name is shown in the other language when this one has none (a heading must
    # not be empty); an item's text only in its own (the importer reads it back there).
    if item.level == Level.THEME:
        return text_in(item, "text", language)
    return getattr(item, f"text_{language}")


def item_line(item: Item, language: str) -> str:
    """The item as its cell writes it: "7." for an objective, "7.1.2" below, no number when
    the source gave none."""
    text = _text(item, language)
    if not item.number:
        return text
    number = f"{item.number}." if item.level == Level.OBJECTIVE else item.number
    return f"{number} {text}".rstrip()


def schedule_lines(item: Item, language: str) -> list[str]:
    """The item's schedule lines as the SCHEDULE column writes them: numbered with the
    activity's number + ".1" unless the line keeps a number of its own."""
    lines = []
    for line in getattr(item, f"schedule_{language}").splitlines():
        if not line.strip():
            continue
        split = cells.split_cell(line, 4)
        numbered = split and split[0].number is not None
        if not numbered and item.level == Level.ACTIVITY and item.number:
            line = f"{item.number}.1 {line}"
        lines.append(line)
    return lines


def _items(plan: Plan, archived: bool) -> list[Item]:
    return rollup.tree(plan, archived=archived)


def objective_rows(plan: Plan, language: str, *, archived: bool = False) -> list[list[str]]:
    """One row per objective: TOPICS, OBJECTIVES, ACTIONS, ACTIVITIES, SCHEDULE, each cell's
    items one a line. Items a theme holds outside any objective get a row of their own first."""
    rows = []
    for theme in (item for item in _items(plan, archived) if item.level == Level.THEME):
        # The topic's own schedule and its items outside any objective: a row with no
        # objective, first, which the importer reads back as the topic's.
        loose = [part for part in theme.parts if part.level != Level.OBJECTIVE]
        groups = [(True, loose)] if loose or schedule_lines(theme, language) else []
        groups += [(False, [part]) for part in theme.parts if part.level == Level.OBJECTIVE]
        if not groups:
            rows.append([_text(theme, language), "", "", "", ""])
        for own, tops in groups:
            subtree = [theme] if own else []
            stack = list(reversed(tops))
            while stack:
                item = stack.pop()
                subtree.append(item)
                stack.extend(reversed(item.parts))
            subtree.sort(key=lambda item: item.position)
            by_level = {
                level: [item_line(i, language) for i in subtree if i.level == level]
                for level in (Level.OBJECTIVE, Level.ACTION, Level.ACTIVITY)
            }
            schedule = [line for item in subtree for line in schedule_lines(item, language)]
            columns = [
                _chunks(by_level[Level.OBJECTIVE], 1),
                _chunks(by_level[Level.ACTION], 2),
                _chunks(by_level[Level.ACTIVITY], 3),
                _chunks(schedule, 4),
            ]
            for index in range(max(1, *(len(chunks) for chunks in columns))):
                rows.append(
                    [
                        _text(theme, language),
                        *("\n".join(c[index]) if index < len(c) else "" for c in columns),
                    ]
                )
    return rows


def _chunks(lines: list[str], depth: int) -> list[list[str]]:
    """The lines of one cell, cut before each unnumbered line but the first: in one cell the
    importer would read it as the end of the item before it. The rest goes on rows below
    (no objective: the importer keeps them under the row above's objective)."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        segments = [s for s in cells.split_cell(line, depth) if not s.is_blank]
        unnumbered = bool(segments) and segments[0].number is None
        if unnumbered and chunks[-1]:
            chunks.append([])
        chunks[-1].append(line)
    return chunks if chunks[0] else []


def _heading(plan: Plan, language: str) -> tuple[str, str]:
    title = text_in(plan, "title", language) or plan.slug
    updated = plan.updated_on or timezone.localdate()
    with translation.override(language):
        return title, _("Updated: %(date)s") % {"date": updated.isoformat()}


def xlsx(plan: Plan, language: str, *, archived: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    title, updated = _heading(plan, language)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title[:31] or "Plan").translate(str.maketrans("[]:*?/\\", "       "))
    sheet.append([neutralised(title)])
    sheet.append([neutralised(updated)])
    sheet.append([])
    sheet.append(list(COLUMNS[language]))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in objective_rows(plan, language, archived=archived):
        sheet.append([neutralised(cell) for cell in row])
    sheet["A1"].font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = wrap
    for column, width in zip("ABCDE", (22, 45, 55, 60, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_marked_text(paragraph, text: str) -> None:
    """`text` into `paragraph`, a balanced <i>...</i> as italic runs (the importer reads
    italics back as the markup); a stray tag stays as text."""
    position = 0
    for match in _BALANCED.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        if match.group(1):
            paragraph.add_run(match.group(1)).italic = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def docx(plan: Plan, language: str, *, archived: bool = False) -> bytes:
    import docx as python_docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    title, updated = (without_control_characters(text) for text in _heading(plan, language))
    document = python_docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(title, level=1)
    document.add_paragraph(updated)
    rows = objective_rows(plan, language, archived=archived)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    header = table.rows[0]
    # Repeated at the top of every page, as the source's header is.
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for cell, name in zip(header.cells, COLUMNS[language], strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for values in rows:
        row_cells = table.add_row().cells
        for cell, value in zip(row_cells, values, strict=True):
            # DOCX cannot hold a control character stored before input was cleaned.
            value = without_control_characters(value)
            lines = value.split("\n") if value else []
            for index, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                _add_marked_text(paragraph, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def csv_bytes(plan: Plan, language: str, *, archived: bool = False) -> bytes:
    """One row per item: its topic, the item in its level's column, its schedule lines, its
    status and its progress (rolled up; "*" when set by hand)."""
    title, updated = _heading(plan, language)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([neutralised(title)])
    writer.writerow([neutralised(updated)])
    writer.writerow([*COLUMNS[language], *EXTRA_COLUMNS[language]])
    column_of = {Level.OBJECTIVE: 1, Level.ACTION: 2, Level.ACTIVITY: 3}
    theme_name = ""
    for item in _items(plan, archived):
        if item.level == Level.THEME:
            theme_name = _text(item, language)
        row = [theme_name, "", "", "", ""]
        if item.level in column_of:
            row[column_of[item.level]] = item_line(item, language)
        row[4] = "\n".join(schedule_lines(item, language))
        status = ""
        if item.status is not None:
            status = getattr(item.status, f"name_{language}") or item.status.key
        progress = item.progress
        shown = "" if progress.percent is None else str(progress.percent)
        if progress.overridden:
            shown += "*"
        writer.writerow([neutralised(cell) for cell in [*row, status, shown]])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM: Excel reads it as UTF-8


EXPORTERS = {"xlsx": xlsx, "docx": docx, "csv": csv_bytes}


def file_name(plan: Plan, kind: str, language: str, archived: bool = False) -> str:
    date = (plan.updated_on or datetime.date.today()).isoformat()
    suffix = "-historical" if archived else ""
    return f"{plan.slug}{suffix}-{date}-{language}.{kind}"


def response(plan: Plan, kind: str, language: str, *, archived: bool = False) -> HttpResponse:
    """The export as a download. `kind`: xlsx, docx or csv; `language`: es or en."""
    content = EXPORTERS[kind](plan, language, archived=archived)
    result = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    result["Content-Disposition"] = (
        f'attachment; filename="{file_name(plan, kind, language, archived)}"'
    )
    return result
