"""A meeting's participant list, its per-country summary and exports, for the audience the
secretariat chose for the meeting (Meeting.participants_audience)."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from puebla.core import access, security_log
from puebla.core.gates import signed_in_view
from puebla.core.spreadsheets import neutralised
from puebla.meetings import delegation_reads
from puebla.meetings.models import Meeting, Nomination, ParticipationRequest

SUMMARY_STATUSES = delegation_reads.STATUSES


def _meeting_for_list(request, slug) -> Meeting:
    meeting = access.get_visible_or_404(Meeting.objects, request, slug=slug)
    if not access.admits(request.user, meeting.participants_audience):
        raise Http404
    return meeting


def _confirmed(meeting) -> list[dict]:
    """Confirmed delegates by country, then accepted observers and civil society by
    organisation (or observer state), each group by name in the reader's language."""
    delegates = [
        {"group": str(one.owner_country), "person": one}
        for one in Nomination.objects.filter(
            meeting=meeting, status=Nomination.Status.CONFIRMED
        ).select_related("owner_country")
    ]
    observers = [
        {
            "group": str(one.requested_by.organisation or one.requested_by.country or ""),
            "person": one,
        }
        for one in ParticipationRequest.objects.filter(
            meeting=meeting, status=ParticipationRequest.Status.ACCEPTED
        ).select_related("requested_by__organisation", "requested_by__country")
    ]
    order = lambda row: (row["group"], row["person"].family_name, row["person"].given_name)  # noqa: E731
    return sorted(delegates, key=order) + sorted(observers, key=order)


@signed_in_view
def participants(request, slug):
    meeting = _meeting_for_list(request, slug)
    context = {
        "meeting": meeting,
        "participants": _confirmed(meeting),
        "shows_email": access.is_secretariat(request.user),
    }
    return render(request, "meetings/participants.html", context)


@signed_in_view
def participants_summary(request, slug):
    meeting = _meeting_for_list(request, slug)
    rows = delegation_reads.countries_with_counts(meeting)
    totals = {status: sum(row[status] for row in rows) for status in SUMMARY_STATUSES}
    return render(
        request,
        "meetings/participants_summary.html",
        {"meeting": meeting, "rows": rows, "totals": totals},
    )


@signed_in_view
def participants_export(request, slug, file_format):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    meeting = _meeting_for_list(request, slug)
    header = [
        _("Country or organisation"),
        _("Given name"),
        _("Family name"),
        _("Position"),
        _("Institution"),
    ]
    shows_email = access.is_secretariat(request.user)
    if shows_email:
        header.append(_("E-mail"))
    rows = [
        [
            row["group"],
            row["person"].given_name,
            row["person"].family_name,
            row["person"].position,
            row["person"].institution,
            *([row["person"].email] if shows_email else []),
        ]
        for row in _confirmed(meeting)
    ]
    name = f"{meeting.slug}-participants.{file_format}"
    security_log.personal_data_exported(request, what=name, rows=len(rows))
    if file_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel reads UTF-8 (accents) only with the byte-order mark
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows([neutralised(cell) for cell in row] for row in rows)
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Participants")[:31]
        sheet.append(header)
        for row in rows:
            sheet.append([neutralised(cell) for cell in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
