"""Statistics files made for tests: consistent figures (every total the sum of its parts), then
written as the template's CSV (either dialect), as SDMX-CSV or as XLSX."""

import csv
import io
import itertools
import random

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from puebla.stats.validation import OBS_STATUS, OBS_VALUE, REF_AREA, TIME_PERIOD

# The codes a test file uses of each dimension (a few parts; "_T" is added as their total).
PARTS = {
    "FLOW": ["ENTRY", "EXIT"],
    "RETURN_FLOW": ["RETURN", "DEPORTATION"],
    "NATIONALITY": ["GTM", "NIC", "_U"],
    "RETURN_COUNTRY": ["GTM", "HND"],
    "SEX": ["F", "M"],
    "AGE": ["Y_LT18", "Y18T29", "Y30T44"],
}
TOTALLED = {"NATIONALITY", "RETURN_COUNTRY", "SEX", "AGE"}


def figures(dimensions, periods, *, country="CRI", seed=0, values=None) -> list[dict]:
    """Rows for `dimensions` (keys as the structure's, in order) and `periods`: counts for every
    combination of parts, and every total computed from them. `values`, when given, is called
    with a random.Random to make each part's count."""
    chooser = random.Random(seed)  # noqa: S311 - made-up figures, not a secret
    make = values or (lambda choose: choose.randint(0, 500))
    options = []
    for key in dimensions:
        parts = PARTS["RETURN_FLOW" if key == "FLOW" and "RETURN_COUNTRY" in dimensions else key]
        options.append([*parts, "_T"] if key in TOTALLED else parts)
    rows = []
    for period in periods:
        base = {
            combination: make(chooser)
            for combination in itertools.product(
                *[[code for code in option if code != "_T"] for option in options]
            )
        }
        for combination in itertools.product(*options):
            value = sum(
                count
                for parts, count in base.items()
                if all(code in ("_T", part) for code, part in zip(combination, parts, strict=True))
            )
            row = {REF_AREA: country, **dict(zip(dimensions, combination, strict=True))}
            row.update({TIME_PERIOD: period, OBS_VALUE: str(value), OBS_STATUS: ""})
            rows.append(row)
    return rows


def columns_of(rows) -> list[str]:
    return list(rows[0])


def csv_file(rows, *, delimiter=",", bom=False, encoding="utf-8", name="cifras.csv", columns=None):
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns or columns_of(rows), delimiter=delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    content = buffer.getvalue().encode(encoding)
    if bom:
        content = b"\xef\xbb\xbf" + content
    return SimpleUploadedFile(name, content, content_type="text/csv")


def sdmx_csv_file(rows, dataflow, **options):
    return csv_file([{"DATAFLOW": dataflow, **row} for row in rows], **options)


def xlsx_file(rows, *, name="cifras.xlsx", formulas=None, columns=None):
    """`formulas`: {(row index, column): "=..."} written instead of those cells' values, with no
    stored result (as a program, not a spreadsheet, writes them)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    header = columns or columns_of(rows)
    sheet.append(header)
    for index, row in enumerate(rows):
        cells = []
        for column in header:
            value = row.get(column, "")
            if formulas and (index, column) in formulas:
                value = formulas[(index, column)]
            elif column == OBS_VALUE and value.isdigit():
                value = int(value)
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def read_back(sdmx_csv: bytes, structure, dimensions) -> dict[tuple, int]:
    """The figures of a release's SDMX-CSV as sdmx1 reads them with the structure's SDMX-ML
    definition: (REF_AREA, each of `dimensions`' codes, TIME_PERIOD) → value."""
    import sdmx

    from puebla.stats.downloads import structure_message

    definition = structure_message(structure).structure[structure.key]
    message = sdmx.read_sdmx(io.BytesIO(sdmx_csv), format="csv", structure=definition)
    return {
        (
            obs.dimension.values[REF_AREA].value,
            *(obs.dimension.values[key].value for key in dimensions),
            obs.dimension.values[TIME_PERIOD].value,
        ): int(obs.value)
        for obs in message.data[0].obs
    }


def as_sent(rows, dimensions) -> dict[tuple, int]:
    """`rows` keyed as read_back keys them."""
    return {
        (row[REF_AREA], *(row[key] for key in dimensions), row[TIME_PERIOD]): int(row[OBS_VALUE])
        for row in rows
    }
