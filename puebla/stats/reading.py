"""An uploaded statistics file as a table of text cells, each with where it was in the file.

CSV: UTF-8 with or without a byte-order mark (Windows-1252, what a spreadsheet in Spanish
often saves, when the bytes are not UTF-8); "," or ";" between cells, told from the header
line; the decimal mark is then "." or "," (";" files are written where the comma is the
decimal mark). XLSX: the first sheet, the values a spreadsheet stored; a formula whose value
was never stored (the file was written by a program, not saved by a spreadsheet) is reported,
not read as empty.

Nothing here knows a structure: puebla.stats.validation checks what the cells say.
"""

import csv
import io
from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from puebla.documents import filetypes


class Unreadable(Exception):
    """The file cannot be read as a table; the message says why, for the person who sent it."""


@dataclass
class Table:
    columns: list[str]  # the header's names, upper-case, spaces taken off
    rows: list[list[str]]  # each row's cells in the columns' order, text
    row_numbers: list[int]  # the row of the file each row came from (the header is row 1)
    decimal_mark: str = "."
    xlsx: bool = False
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row index, column index)

    def where(self, row_index: int | None, column: str | None) -> str:
        """How a person finds a cell: "row 5, column OBS_VALUE" or, in a workbook, "cell F5"."""
        if row_index is None:
            return str(_("column %(column)s") % {"column": column}) if column else ""
        number = self.row_numbers[row_index]
        if column is None or column not in self.columns:
            return str(_("row %(row)s") % {"row": number})
        if self.xlsx:
            letter = get_column_letter(self.columns.index(column) + 1)
            return str(_("cell %(cell)s") % {"cell": f"{letter}{number}"})
        return str(_("row %(row)s, column %(column)s") % {"row": number, "column": column})


def read(upload) -> Table:
    """The table in `upload` (a Django UploadedFile or any file with read/seek/name)."""
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    try:
        kind = filetypes.identify(head, upload)
    except filetypes.Refused as refused:
        if head[:2] == b"PK":  # an archive, but no workbook (or a damaged one)
            raise Unreadable(str(refused)) from refused
        kind = None  # no known signature: text, read as CSV
    upload.seek(0)
    if kind == filetypes.XLSX:
        return _read_xlsx(upload)
    if kind is not None:
        raise Unreadable(_("This is not a CSV or Excel (XLSX) file: send the template."))
    return _read_csv(upload.read())


def _read_csv(content: bytes) -> Table:
    if b"\x00" in content:
        raise Unreadable(_("This is not a CSV or Excel (XLSX) file: send the template."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise Unreadable(_("The file is empty, or its first line is: it must name the columns."))
    header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise Unreadable(
            _("The file's quotes do not close (line %(line)s): save it again as CSV.")
            % {"line": reader.line_num}
        ) from error
    columns = [_column_name(name) for name in records[0]]
    rows, numbers = [], []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line, often the last one
        rows.append([cell.strip() for cell in record])
        numbers.append(number)
    return Table(
        columns=columns,
        rows=rows,
        row_numbers=numbers,
        decimal_mark="," if delimiter == ";" else ".",
    )


def _read_xlsx(upload) -> Table:
    try:
        values = openpyxl.load_workbook(upload, read_only=True, data_only=True)
        upload.seek(0)
        formulas = openpyxl.load_workbook(upload, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise Unreadable(
            _("The workbook cannot be read: open it and save it again as XLSX.")
        ) from error
    try:
        sheet = values.worksheets[0]
        formula_sheet = formulas.worksheets[0]
        columns, rows, numbers, missing = None, [], [], set()
        pairs = zip(
            sheet.iter_rows(values_only=True),
            formula_sheet.iter_rows(values_only=True),
            strict=False,
        )
        for number, (row, written) in enumerate(pairs, start=1):
            cells = ["" if value is None else _cell_text(value) for value in row]
            if columns is None:
                if not any(cells):
                    raise Unreadable(_("The sheet's first row is empty: it must name the columns."))
                columns = [_column_name(cell) for cell in cells]
                continue
            if not any(cells) and not any(
                isinstance(v, str) and v.startswith("=") for v in written
            ):
                continue
            for index, (value, source) in enumerate(zip(row, written, strict=False)):
                if value is None and isinstance(source, str) and source.startswith("="):
                    missing.add((len(rows), index))
            rows.append(cells)
            numbers.append(number)
    finally:
        values.close()
        formulas.close()
    if columns is None:
        raise Unreadable(_("The sheet is empty: fill in the template."))
    return Table(columns=columns, rows=rows, row_numbers=numbers, xlsx=True, formulas=missing)


def _column_name(text) -> str:
    return str(text).strip().strip("\ufeff").upper().replace(" ", "_")


def _cell_text(value) -> str:
    """A workbook's value as the text a CSV would hold: 12.0 is "12", a decimal keeps its point."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
