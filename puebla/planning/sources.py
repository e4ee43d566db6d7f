"""Reading a Plan of Action file into rows of five cells, whatever its format.

Formats: the seed's text format (tab-separated lines, a header repeated on every page, the
notes between pages), XLSX and DOCX in the same five-column layout (one row per objective),
and Puebla's exports (puebla.planning.exports): XLSX, DOCX and CSV one row per item, the same
five columns, then STATUS and PROGRESS when the header has them (the status is read, the
progress left: the plan computes it). Every reader gives a `Table`: its rows with where each
comes from, the title, update date and filters (an export of part of a plan) found above the
table. A file that cannot be read, has no such table or has other columns raises
`SourceError` with a translated message; nothing has been written by then.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from puebla.core.spreadsheets import restored
from puebla.core.text import without_control_characters
from puebla.planning.models import Plan

COLUMNS = {
    "en": ("TOPICS", "OBJECTIVES", "IMPLEMENTATION ACTIONS", "ACTIVITIES", "SCHEDULE"),
    "es": ("TEMAS", "OBJETIVOS", "ACCIONES DE IMPLEMENTACIÓN", "ACTIVIDADES", "CRONOGRAMA"),
}
# The exports' extra columns (one row per item), read back when present.
EXTRA_COLUMNS = {"en": ("STATUS", "PROGRESS"), "es": ("ESTADO", "AVANCE")}
# The line above an export's table that says it holds only what the page's filters showed.
FILTERED = gettext_noop("Only the items these filters show, with the items above them: %(filters)s")
MONTHS = {
    **{
        name: number
        for number, name in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    },
    **{
        name: number
        for number, name in enumerate(
            (
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ),
            start=1,
        )
    },
}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_EN_DATE = re.compile(r"\b([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})\b")
_ES_DATE = re.compile(r"\b(\d{1,2})\s+de\s+([a-zA-Z]+)\s+de\s+(\d{4})\b", re.IGNORECASE)
_UPDATED = re.compile(r"\b(updated|actualizad[oa])\b", re.IGNORECASE)
# A line above the table longer than a plan's title can be is a note, not the title (kept, it
# would fail the import on PostgreSQL, which holds a column to its length).
TITLE_LENGTH = Plan._meta.get_field("title_en").max_length


class SourceError(Exception):
    """The file cannot be read as a Plan of Action table. Its message is for the user."""


@dataclass
class Row:
    location: str  # "line 14", "row 3", "table 1, row 2", for the report
    cells: tuple[str, str, str, str, str]
    status: str = ""  # the CSV's STATUS column, when present


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    language: str = "en"  # the language of the header
    title: str = ""
    updated_on: datetime.date | None = None
    filters: str = ""  # the FILTERED line: the table is part of a plan
    # Rows with too few cells (padded with empty ones), text outside the table: the report
    # lists them with the parser's own anomalies.
    anomalies: list[tuple[str, str]] = field(default_factory=list)


def read(path: Path, content: bytes | None = None) -> Table:
    """The table in the file at `path` (or in `content`, named by `path`)."""
    if content is None:
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            raise SourceError(
                _("The file %(name)s cannot be read: %(reason)s")
                % {"name": Path(path).name, "reason": error.strerror or error}
            ) from None
    kind = _kind(Path(path), content)
    reader = {"xlsx": _read_xlsx, "docx": _read_docx, "csv": _read_csv, "txt": _read_text}[kind]
    return reader(content, Path(path).name)


def _kind(path: Path, content: bytes) -> str:
    suffix = path.suffix.lower()
    if content[:4] == b"PK\x03\x04":  # a zip: look inside rather than trust the name
        try:
            names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        except zipfile.BadZipFile:
            names = []
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        if suffix not in {".xlsx", ".docx"}:
            raise SourceError(
                _("%(name)s is neither a Word (DOCX) nor an Excel (XLSX) file.")
                % {"name": path.name}
            )
    if suffix == ".xlsx":
        raise _damaged_xlsx(path.name)
    if suffix == ".docx":
        raise _damaged_docx(path.name)
    return "csv" if suffix == ".csv" else "txt"


def _damaged_xlsx(name: str) -> SourceError:
    return SourceError(_("%(name)s is damaged or is not really an XLSX file.") % {"name": name})


def _damaged_docx(name: str) -> SourceError:
    return SourceError(_("%(name)s is damaged or is not really a DOCX file.") % {"name": name})


def _decoded(content: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise SourceError(
        _("%(name)s is not a text, CSV, XLSX or DOCX file Puebla can read.") % {"name": name}
    )


def _filters_line(text: str) -> bool:
    """Whether `text` is the FILTERED line, in either language."""
    for language in COLUMNS:
        with translation.override(language):
            start = _(FILTERED).split("%(filters)s")[0].strip()
        if start and text.startswith(start):
            return True
    return False


def _has_extra_columns(cells: list[str], language: str) -> bool:
    found = tuple(" ".join(cell.split()).upper() for cell in cells[5:] if cell.strip())
    return found == EXTRA_COLUMNS[language]


def _header_language(cells: list[str]) -> str | None:
    """The header's language when `cells` is a header row; None when it is an ordinary row.
    Raises SourceError when it starts like the header but its columns are others."""
    found = [" ".join(cell.split()).upper() for cell in cells]
    if not found or found[0] not in {columns[0] for columns in COLUMNS.values()}:
        return None
    for language, columns in COLUMNS.items():
        extra = tuple(cell for cell in found[5:] if cell)
        if tuple(found[:5]) == columns and extra in {(), EXTRA_COLUMNS[language]}:
            return language
    raise SourceError(
        _("The table's columns are %(found)s; a Plan of Action table has %(expected)s.")
        % {
            "found": ", ".join(cell for cell in found if cell) or "—",
            "expected": ", ".join(COLUMNS["en"]) + " (" + ", ".join(COLUMNS["es"]) + ")",
        }
    )


def _no_table(name: str) -> SourceError:
    return SourceError(
        _(
            "%(name)s has no Plan of Action table: no row has the columns %(columns)s "
            "(or %(spanish)s)."
        )
        % {"name": name, "columns": ", ".join(COLUMNS["en"]), "spanish": ", ".join(COLUMNS["es"])}
    )


class _Builder:
    """Collects rows after the first header; skips the header wherever it is repeated; reads
    the title and update date from the lines above the first header."""

    def __init__(self, name: str):
        self.name = name
        self.table = Table()
        self.header_seen = False
        self.extra_columns = False  # the header has STATUS and PROGRESS
        self.above: list[str] = []

    def line_outside(self, text: str, location: str) -> None:
        text = text.strip()
        if not text:
            return
        if not self.header_seen:
            self.above.append(text)
        elif text not in self.above:  # the notes repeated on every page are not news
            message = _("text outside the table: “%(text)s”") % {"text": _short(text)}
            self.table.anomalies.append((location, message))

    def row(self, cells: list[str], location: str, *, csv_extras: bool = False) -> None:
        # A control character pasted into a table is nothing a reader sees, and no export
        # could hold it.
        cells = [without_control_characters(cell) for cell in cells]
        language = _header_language(cells)
        if language is not None:
            if not self.header_seen:
                self.table.language = language
                self.header_seen = True
                self.extra_columns = _has_extra_columns(cells, language)
                self._read_above()
            return
        if not self.header_seen:
            self.line_outside(" ".join(cells), location)
            return
        if not any(cell.strip() for cell in cells):
            return
        csv_extras = csv_extras or self.extra_columns
        status = cells[5].strip() if csv_extras and len(cells) > 5 else ""
        width = 7 if csv_extras else 5
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise SourceError(
                _("%(location)s has %(count)s columns; a Plan of Action table has five.")
                % {"location": location, "count": len(cells)}
            )
        if len(cells) < 5:
            self.table.anomalies.append(
                (location, _("the row has %(count)s cells, not five") % {"count": len(cells)})
            )
        padded = [*cells[:5], *[""] * (5 - len(cells[:5]))]
        self.table.rows.append(Row(location, tuple(padded), status))

    def _read_above(self) -> None:
        for text in self.above:
            if _filters_line(text):
                self.table.filters = text
                continue
            if (
                not self.table.title
                and not _UPDATED.search(text)
                and not text.endswith(":")
                and len(text) <= TITLE_LENGTH
            ):
                self.table.title = text
            if self.table.updated_on is None and _UPDATED.search(text):
                self.table.updated_on = _date_in(text)

    def done(self) -> Table:
        if not self.header_seen:
            raise _no_table(self.name)
        return self.table


def _date_in(text: str) -> datetime.date | None:
    try:
        if match := _ISO_DATE.search(text):
            return datetime.date(*map(int, match.groups()))
        if (match := _EN_DATE.search(text)) and match.group(1).lower() in MONTHS:
            month = MONTHS[match.group(1).lower()]
            return datetime.date(int(match.group(3)), month, int(match.group(2)))
        if (match := _ES_DATE.search(text)) and match.group(2).lower() in MONTHS:
            month = MONTHS[match.group(2).lower()]
            return datetime.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:  # "February 30": no date rather than a wrong one
        return None
    return None


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_text(content: bytes, name: str) -> Table:
    builder = _Builder(name)
    for number, line in enumerate(_decoded(content, name).splitlines(), start=1):
        location = _("line %(number)s") % {"number": number}
        if "\t" in line:
            builder.row(line.split("\t"), location)
        else:
            builder.line_outside(line, location)
    return builder.done()


def _read_csv(content: bytes, name: str) -> Table:
    builder = _Builder(name)
    text = _decoded(content, name)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise SourceError(
            _("%(name)s is not a readable CSV file: %(reason)s") % {"name": name, "reason": error}
        ) from None
    for number, cells in enumerate(rows, start=1):
        location = _("row %(number)s") % {"number": number}
        if len(cells) == 1 and not builder.header_seen:
            builder.line_outside(cells[0], location)
            continue
        builder.row([restored(cell) for cell in cells], location, csv_extras=True)
    return builder.done()


def _read_xlsx(content: bytes, name: str) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same here
        raise _damaged_xlsx(name) from None
    builder = _Builder(name)
    for sheet in workbook.worksheets:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [restored(_cell_text(value)) for value in values]
            while len(cells) > 5 and not cells[-1]:  # empty cells at the end are no columns
                cells.pop()
            cells += [""] * (5 - len(cells))
            location = _("sheet “%(sheet)s”, row %(number)s") % {
                "sheet": sheet.title,
                "number": number,
            }
            if not any(cells[1:]) and not builder.header_seen:
                builder.line_outside(cells[0], location)
            else:
                builder.row(cells, location)
    workbook.close()
    return builder.done()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_docx(content: bytes, name: str) -> Table:
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception:  # python-docx raises many kinds for a damaged file
        raise _damaged_docx(name) from None
    builder = _Builder(name)
    for paragraph in document.paragraphs:  # title and notes above the tables
        builder.line_outside(paragraph.text, "")
    for table_number, table in enumerate(document.tables, start=1):
        for row_number, row in enumerate(table.rows, start=1):
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a cell merged across columns is listed once per column
                    continue
                seen.add(id(cell._tc))
                cells.append(_docx_cell_text(cell))
            location = _("table %(table)s, row %(row)s") % {
                "table": table_number,
                "row": row_number,
            }
            builder.row(cells, location)
    return builder.done()


def _docx_cell_text(cell) -> str:
    """The cell's paragraphs, one a line, with italic runs as the source's <i> markup."""
    lines = []
    for paragraph in cell.paragraphs:
        parts, italic_open = [], False
        for run in paragraph.runs:
            if not run.text:
                continue
            italic = bool(run.italic)
            if italic != italic_open:
                parts.append("<i>" if italic else "</i>")
                italic_open = italic
            parts.append(run.text)
        if italic_open:
            parts.append("</i>")
        lines.append("".join(parts))
    return "\n".join(lines)
