"""The comparative matrix of one RCGM cycle: countries by topics, each cell the country's
submitted changes in policy, legislation and regulations and what changed since the previous
cycle; exported to XLSX and DOCX in either language (puebla.followup.matrix.comparison and
.exports).

Two readings of it: the secretariat's, of every submitted entry (`matrix_page`,
`matrix_export`), and the published matrix (`published_list`, `published_page`,
`published_export`), of the published entries its reader may see (matrix.selectors
.published_entries): a reader who may see none of a cycle's is answered "not found".
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from puebla.core import security_log
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.followup.exports import CONTENT_TYPES
from puebla.followup.matrix.columns import AREA_NAMES, AREAS
from puebla.followup.matrix.comparison import CHANGE_NAMES, Matrix, matrix_of
from puebla.followup.matrix.exports import matrix_docx, matrix_xlsx
from puebla.followup.matrix.naming import meeting_label
from puebla.followup.matrix.selectors import published_cycles, published_entries
from puebla.followup.models import MatrixCycle, MatrixEntry
from puebla.followup.visibility import cycle_or_404

EXPORTS = {"xlsx": matrix_xlsx, "docx": matrix_docx}


def _rows(matrix: Matrix) -> list[dict]:
    """Per country, its cells as the page shows them: each area written (or written before)
    with its text, what changed, and the previous cycle's text."""
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
    return rows


def _render(request, matrix: Matrix, *, published: bool):
    context = {
        "cycle": matrix.cycle,
        "meeting_label": meeting_label(matrix.cycle.meeting),
        "previous_label": meeting_label(matrix.cycle.previous.meeting)
        if matrix.cycle.previous_id
        else "",
        "topics": matrix.topics,
        "rows": _rows(matrix),
        "areas": [AREA_NAMES[area] for area in AREAS],
        "published": published,
        "export_url": "followup:published_matrix_export" if published else "followup:matrix_export",
        # The secretariat's page links to what the readers see, once there is something.
        "has_published": published
        or MatrixEntry.objects.filter(
            topic__cycle=matrix.cycle, published_at__isnull=False
        ).exists(),
    }
    return render(request, "followup/matrix.html", context)


def _download(cycle, matrix: Matrix, language: str, file_format: str, *, published: bool):
    content = EXPORTS[file_format](matrix, language=language)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    kind = "published-matrix" if published else "matrix"
    name = f"{kind}-{cycle.meeting.slug}-{language}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@secretariat_view
def matrix_page(request, pk):
    return _render(request, matrix_of(cycle_or_404(pk)), published=False)


@secretariat_view
def matrix_export(request, pk, language, file_format):
    if language not in ("es", "en") or file_format not in EXPORTS:
        raise Http404
    cycle = cycle_or_404(pk)
    return _download(cycle, matrix_of(cycle), language, file_format, published=False)


def _published_cycle_or_404(request, pk):
    """The cycle if its reader may read some of its published entries, else a 404 (logged
    when the cycle exists)."""
    found = (
        published_cycles(request.user)
        .select_related("previous__meeting__city")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        if MatrixCycle.objects.filter(pk=pk).exists():
            security_log.access_denied(request, f"followup.MatrixCycle:{pk} (published)")
        raise Http404
    return found


def _published_matrix(request, cycle) -> Matrix:
    return matrix_of(cycle, entries=published_entries(request.user))


@signed_in_view
def published_list(request):
    """The published matrices the reader may read, newest first."""
    cycles = [
        {"cycle": cycle, "label": meeting_label(cycle.meeting)}
        for cycle in published_cycles(request.user)
    ]
    return render(request, "followup/published_matrices.html", {"cycles": cycles})


@signed_in_view
def published_page(request, pk):
    cycle = _published_cycle_or_404(request, pk)
    return _render(request, _published_matrix(request, cycle), published=True)


@signed_in_view
def published_export(request, pk, language, file_format):
    if language not in ("es", "en") or file_format not in EXPORTS:
        raise Http404
    cycle = _published_cycle_or_404(request, pk)
    matrix = _published_matrix(request, cycle)
    return _download(cycle, matrix, language, file_format, published=True)
