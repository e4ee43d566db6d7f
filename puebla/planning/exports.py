"""A plan as files people open, in Spanish or English, and import again (`puebla
import-plan`), which gives the same tree: the columns, the numbering and the <i> markup are the
importer's (puebla.planning.sources, puebla.planning.cells).

Two layouts, chosen with `with_status` (on by default, as on the plan's page):
- with status and progress (`with_status=True`): one row per item, the source's five columns
  then STATUS and PROGRESS (ESTADO and AVANCE): the item's status in the file's language
  (marked when read from the bold italics) and its progress in the pages' words (an estimate
  from a status says so; puebla.planning.progress_words). XLSX, DOCX and CSV
  alike; the importer reads the status back and leaves the progress, which it computes.
- the source's five columns only (`with_status=False`): XLSX and DOCX one row per objective
  with its items one a line, as the Technical Secretariat keeps the table; CSV one row per
  item.

A text the plan lacks in the file's language is written in the other language, followed by
the note the pages give ("To exchange information. (aún sin traducción al español)"), so a
Spanish file of a plan kept in English is not a column of bare numbers. The importer takes
such a text back as the other language's (puebla.planning.markup.without_missing_notice).

`items` (default: the whole plan, or the Historical Plan of Action with `archived`) lets the
page's filters choose what a file holds: the matching items and the items above them. The
heading then names the filters (`filters`: (label, value) pairs in the file's language), and
the importer, reading that line, moves nothing to the Historical Plan of Action for what such
a file leaves out.

Each function takes a plan and a language ("es" or "en") and returns bytes; `response()`
wraps them for a view.
"""

import csv
import datetime
import io
import re
from collections import defaultdict

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from puebla.core.spreadsheets import neutralised
from puebla.core.text import other_language, without_control_characters
from puebla.core.text_marks import marked_text
from puebla.planning import cells, rollup
from puebla.planning.markup import with_missing_notice, with_status_inferred_notice
from puebla.planning.models import Item, Plan
from puebla.planning.progress_words import progress_words
from puebla.planning.sources import COLUMNS, EXTRA_COLUMNS, FILTERED

Level = Item.Level
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
}
_BALANCED = re.compile(r"<i>(.*?)</i>", re.IGNORECASE | re.DOTALL)
# Above the table: what the <i> markup a text file or a spreadsheet cell keeps means (DOCX
# shows it as italics instead).
MARKUP_LEGEND = gettext_noop(
    "Text between <i> and </i> is in bold italics in the source, which says they mean "
    "“active, ongoing, or pending input”."
)


def _in_language(record, field: str, language: str) -> str:
    """The record's text in `language`; else the other language's; with the pages' notes."""
    return marked_text(record, field, language)


def item_line(item: Item, language: str) -> str:
    """The item as its cell writes it: "7." for an objective, "7.1.2" below, no number when
    the source gave none."""
    text = _in_language(item, "text", language)
    if not item.number or item.level == Level.THEME:
        return text
    number = f"{item.number}." if item.level == Level.OBJECTIVE else item.number
    return f"{number} {text}".rstrip()


def schedule_lines(item: Item, language: str) -> list[str]:
    """The item's schedule lines as the SCHEDULE column writes them: numbered with the
    activity's number + ".1" unless the line keeps a number of its own; in the other language,
    each with the pages' note, when the item has none in this one."""
    own = getattr(item, f"schedule_{language}")
    text = own or getattr(item, f"schedule_{other_language(language)}")
    lines = []
    for line in text.splitlines():
        if not line.strip():
            continue
        split = cells.split_cell(line, 4)
        numbered = split and split[0].number is not None
        if not numbered and item.level == Level.ACTIVITY and item.number:
            line = f"{item.number}.1 {line}"
        lines.append(line if own else with_missing_notice(line, language))
    return lines


def status_name(item: Item, language: str) -> str:
    """The status in the file's language; one read from the bold italics says so (the
    importer reads the note back)."""
    if item.status_id is None:
        return ""
    name = _in_language(item.status, "name", language) or item.status.key
    if "status" in item.inferred.split():
        return with_status_inferred_notice(name, language)
    return name


def progress_shown(item: Item, language: str) -> str:
    """The item's progress in words, as the pages give it: an estimate from a status says
    so, a roll-up says how many items below it have reported progress; empty when nothing
    gives one (never 0)."""
    if not item.progress.known:
        return ""
    with translation.override(language):
        return progress_words(item.progress)


def _parts(items: list[Item]) -> dict[int | None, list[Item]]:
    """Each item's parts among `items` (a filtered selection leaves some out), in order."""
    ids = {item.pk for item in items}
    parts: dict[int | None, list[Item]] = defaultdict(list)
    for item in items:
        parts[item.parent_id if item.parent_id in ids else None].append(item)
    return parts


def _subtree(item: Item, parts) -> list[Item]:
    found, stack = [], [item]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(parts[node.pk]))
    return found


def _themes(items: list[Item], parts) -> list[Item]:
    return [item for item in parts[None] if item.level == Level.THEME]


def item_rows(items: list[Item], language: str, *, with_status: bool) -> list[list[str]]:
    """One row per item: its topic, the item in its level's column, its schedule lines, and
    with_status its status and progress. A topic's items outside any objective come right
    after it, before its objectives: the importer reads a row without an objective as the
    topic's only there (after an objective it would take it for that objective's)."""
    column_of = {Level.OBJECTIVE: 1, Level.ACTION: 2, Level.ACTIVITY: 3}
    parts = _parts(items)
    rows = []
    for theme in _themes(items, parts):
        name = _in_language(theme, "text", language)
        loose = [part for part in parts[theme.pk] if part.level != Level.OBJECTIVE]
        objectives = [part for part in parts[theme.pk] if part.level == Level.OBJECTIVE]
        ordered = [theme]
        for top in [*loose, *objectives]:
            ordered += _subtree(top, parts)
        for item in ordered:
            row = [name, "", "", "", "\n".join(schedule_lines(item, language))]
            if item.level in column_of:
                row[column_of[item.level]] = item_line(item, language)
            if with_status:
                row += [status_name(item, language), progress_shown(item, language)]
            rows.append(row)
    return rows


def objective_rows(items: list[Item], language: str) -> list[list[str]]:
    """The source's layout: one row per objective, TOPICS, OBJECTIVES, ACTIONS, ACTIVITIES,
    SCHEDULE, each cell's items one a line. Items a theme holds outside any objective get a
    row of their own first."""
    parts = _parts(items)
    rows = []
    for theme in _themes(items, parts):
        name = _in_language(theme, "text", language)
        # The topic's own schedule and its items outside any objective: a row with no
        # objective, first, which the importer reads back as the topic's.
        loose = [part for part in parts[theme.pk] if part.level != Level.OBJECTIVE]
        groups = [(True, loose)] if loose or schedule_lines(theme, language) else []
        groups += [(False, [part]) for part in parts[theme.pk] if part.level == Level.OBJECTIVE]
        if not groups:
            rows.append([name, "", "", "", ""])
        for own, tops in groups:
            subtree = [theme] if own else []
            for top in tops:
                subtree += _subtree(top, parts)
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
                    [name, *("\n".join(c[index]) if index < len(c) else "" for c in columns)]
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


def _rows(items, language, with_status) -> list[list[str]]:
    if with_status:
        return item_rows(items, language, with_status=True)
    return objective_rows(items, language)


def _columns(language: str, with_status: bool) -> list[str]:
    return [*COLUMNS[language], *(EXTRA_COLUMNS[language] if with_status else ())]


def heading(
    plan: Plan, language: str, *, filters=(), with_status: bool = True, markup_legend: bool = True
) -> tuple[str, list[str]]:
    """The file's title and the lines under it: the update date, the filters that chose its
    items (when any), what the status and progress columns hold (when there), and what the
    <i> markup means (a file that keeps it as text: CSV and XLSX)."""
    title = _in_language(plan, "title", language) or plan.slug
    updated = plan.updated_on or timezone.localdate()
    with translation.override(language):
        lines = [_("Updated: %(date)s") % {"date": updated.isoformat()}]
        if filters:
            chosen = "; ".join(f"{label}: {value}" for label, value in filters)
            lines.append(_(FILTERED) % {"filters": chosen})
        # What the columns hold and what the <i> markup means, on one line: the lines above
        # the table stay as many as they were.
        about = []
        if with_status:
            status, progress = EXTRA_COLUMNS[language]
            about.append(
                _(
                    "%(status)s: each item's status. %(progress)s: the progress reported for "
                    "it; where none is reported, an estimate from its status (the source gives "
                    "statuses only), which each cell says it is."
                )
                % {"status": status, "progress": progress}
            )
        if markup_legend:
            about.append(_(MARKUP_LEGEND))
        if about:
            lines.append(" ".join(about))
    return title, lines


def _items(plan: Plan, archived: bool, items) -> list[Item]:
    return rollup.tree(plan, archived=archived) if items is None else items


def xlsx(
    plan: Plan,
    language: str,
    *,
    archived: bool = False,
    with_status: bool = True,
    items=None,
    filters=(),
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    title, lines = heading(plan, language, filters=filters, with_status=with_status)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title[:31] or "Plan").translate(str.maketrans("[]:*?/\\", "       "))
    sheet.append([neutralised(title)])
    for line in lines:
        sheet.append([neutralised(line)])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(_columns(language, with_status))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in _rows(_items(plan, archived, items), language, with_status):
        sheet.append([neutralised(cell) for cell in row])
    sheet["A1"].font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            cell.alignment = wrap
    widths = (22, 45, 55, 60, 40, 18, 12) if with_status else (22, 45, 55, 60, 40)
    for column, width in zip("ABCDEFG", widths, strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
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


def docx(
    plan: Plan,
    language: str,
    *,
    archived: bool = False,
    with_status: bool = True,
    items=None,
    filters=(),
) -> bytes:
    import docx as python_docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    title, lines = heading(
        plan, language, filters=filters, with_status=with_status, markup_legend=False
    )
    document = python_docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(without_control_characters(title), level=1)
    for line in lines:
        document.add_paragraph(without_control_characters(line))
    rows = _rows(_items(plan, archived, items), language, with_status)
    columns = _columns(language, with_status)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    # Repeated at the top of every page, as the source's header is.
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for cell, name in zip(header.cells, columns, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    previous_topic = None
    for values in rows:
        row_cells = table.add_row().cells
        if with_status:
            # One row per item: the topic once, on its first row (the importer reads a row
            # without one as the topic above's), so the page reads as an outline.
            topic = values[0]
            if topic == previous_topic:
                values = ["", *values[1:]]
            previous_topic = topic
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


def csv_bytes(
    plan: Plan,
    language: str,
    *,
    archived: bool = False,
    with_status: bool = True,
    items=None,
    filters=(),
) -> bytes:
    """One row per item: its topic, the item in its level's column, its schedule lines, and
    with_status its status and its progress (rolled up; "*" when set by hand)."""
    title, lines = heading(plan, language, filters=filters, with_status=with_status)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for line in [title, *lines]:
        writer.writerow([neutralised(line)])
    writer.writerow(_columns(language, with_status))
    for row in item_rows(_items(plan, archived, items), language, with_status=with_status):
        writer.writerow([neutralised(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM: Excel reads it as UTF-8


EXPORTERS = {"xlsx": xlsx, "docx": docx, "csv": csv_bytes}


def file_name(plan: Plan, kind: str, language: str, archived: bool = False) -> str:
    date = (plan.updated_on or datetime.date.today()).isoformat()
    suffix = "-historical" if archived else ""
    return f"{plan.slug}{suffix}-{date}-{language}.{kind}"


def response(plan: Plan, kind: str, language: str, **options) -> HttpResponse:
    """The export as a download. `kind`: xlsx, docx or csv; `language`: es or en; `options`
    as the exporters take them (archived, with_status, items, filters)."""
    content = EXPORTERS[kind](plan, language, **options)
    result = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    name = file_name(plan, kind, language, options.get("archived", False))
    result["Content-Disposition"] = f'attachment; filename="{name}"'
    return result
