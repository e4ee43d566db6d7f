"""The comparative matrix of one RCGM cycle, for the secretariat: countries by topics, each
cell the country's submitted changes in policy, legislation and regulations and what changed
since the previous cycle; exported to XLSX and DOCX in either language
(puebla.followup.matrix.comparison and .exports)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from puebla.core.gates import secretariat_view
from puebla.followup.exports import CONTENT_TYPES
from puebla.followup.matrix.comparison import AREA_NAMES, AREAS, CHANGE_NAMES, matrix_of
from puebla.followup.matrix.exports import matrix_docx, matrix_xlsx
from puebla.followup.visibility import cycle_or_404

EXPORTS = {"xlsx": matrix_xlsx, "docx": matrix_docx}


@secretariat_view
def matrix_page(request, pk):
    matrix = matrix_of(cycle_or_404(pk))
    rows = []
    for country in matrix.countries:
        cells = []
        for topic in matrix.topics:
            cell = matrix.cell(country, topic)
            cells.append(
                {
                    "changed": cell.changed,
                    "areas": [
                        {
                            "name": AREA_NAMES[area],
                            "text": cell.text(area),
                            "change": CHANGE_NAMES[cell.changes[area]],
                            "previous": cell.previous_text(area),
                        }
                        for area in AREAS
                        if cell.text(area) or cell.previous_text(area)
                    ],
                }
            )
        rows.append({"country": country, "cells": cells})
    context = {"cycle": matrix.cycle, "topics": matrix.topics, "rows": rows}
    return render(request, "followup/matrix.html", context)


@secretariat_view
def matrix_export(request, pk, language, file_format):
    if language not in ("es", "en") or file_format not in EXPORTS:
        raise Http404
    cycle = cycle_or_404(pk)
    content = EXPORTS[file_format](matrix_of(cycle), language=language)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    name = f"matrix-{cycle.meeting.slug}-{language}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
