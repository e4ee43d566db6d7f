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
                    *[cell.text if cell else "—" for cell in cells],  # —: not asked
                    counts.expected,
                    counts.received,
                    counts.on_time,
                ]
            )
        cycles = workbook.create_sheet(_("By cycle")[:31])
        cycles.append([_("Cycle"), _("Country"), _("Expected"), _("Received"), _("On time")])
        names = {cycle.pk: cycle for cycle in data.cycles}
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
