"""Cells of the spreadsheets Puebla writes (CSV, XLSX). Text that starts like a formula gets a
quote, so that a spreadsheet shows it rather than runs it (CSV injection: names, answers and
plan texts are typed by people outside the secretariat); Puebla's own importers take it off.
A control character that XLSX cannot hold is left out, whatever was stored before input was
cleaned (puebla.core.form_input): one such character made an export fail for everyone."""

from puebla.core.text import without_control_characters

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell):
    """`cell` as a spreadsheet will show it and not run it; a value that is not text as it is."""
    if not isinstance(cell, str):
        return cell
    cell = without_control_characters(cell)
    if cell[:1] in FORMULA_START:
        return "'" + cell
    return cell


def restored(cell: str) -> str:
    """The text that `neutralised` was given."""
    if cell[:1] == "'" and cell[1:2] in FORMULA_START:
        return cell[1:]
    return cell
