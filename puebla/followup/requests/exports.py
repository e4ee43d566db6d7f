"""The completeness matrix's file (XLSX), in the language asked for. Text typed by people goes
into spreadsheet cells protected from running as a formula (CSV injection), as the meetings'
exports do.
"""

import io

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from puebla.core.spreadsheets import neutralised
from puebla.core.text import text_in
from puebla.core.text_marks import marked_text
from puebla.followup.requests.completeness import Completeness


def completeness_xlsx(data: Completeness, *, language: str) -> bytes:
    """Sheet 1: countries by requests, each cell the state (and "late"), then the counts.
    Sheet 2: expected, received and on-time answers per cycle and country."""
    from openpyxl import Workbook

    with translation.override(language):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Completeness")[:31]
        sheet.append(
            [
                _("Country"),
                *[
                    neutralised(
                        f"{request.title_in(language)} ({date_format(request.due_date, 'SHORT_DATE_FORMAT')})"
                    )
                    for request in data.requests
                ],
                _("Expected"),
                _("Received"),
                _("On time"),
            ]
        )
        for country, cells, counts in data.rows():
            sheet.append(
                [
                    neutralised(text_in(country, "name", language)),
                    *[_cell_text(cell) for cell in cells],
                    counts.expected,
                    counts.received,
                    counts.on_time,
                ]
            )
        cycles = workbook.create_sheet(_("By cycle")[:31])
        cycles.append([_("Cycle"), _("Country"), _("Expected"), _("Received"), _("On time")])
        names = {request.cycle_id: request.cycle for request in data.requests}
        countries = {country.pk: country for country in data.countries}
        for cycle_id, per_country in sorted(data.per_cycle.items(), key=lambda item: item[0] or 0):
            cycle = names.get(cycle_id)
            cycle_name = marked_text(cycle.meeting, "title", language) if cycle else _("No cycle")
            for country in data.countries:
                counts = per_country.get(country.pk)
                if counts is None:
                    continue
                cycles.append(
                    [
                        neutralised(cycle_name),
                        neutralised(text_in(countries[country.pk], "name", language)),
                        counts.expected,
                        counts.received,
                        counts.on_time,
                    ]
                )
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def _cell_text(cell) -> str:
    if cell is None:
        return "—"  # the request does not address this country
    text = cell.label
    if cell.late:
        text += " · " + _("late")
    elif cell.overdue:
        text += " · " + _("overdue")
    return text
