"""The officers' export of the case list, as CSV: one row per case, the anonymised fields
only (no identity, no free text), and one access-log row per export all the same, since it
describes every case at once."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.core import security_log
from puebla.core.gates import fund_view
from puebla.core.spreadsheets import neutralised
from puebla.fund import services
from puebla.fund.models import AccessLogEntry, Case
from puebla.fund.views.cases import SUMMARY_RELATED


@fund_view
def cases_export(request):
    cases = Case.objects.select_related(*SUMMARY_RELATED).order_by("created_at", "pk")
    services.access_log_record(
        user=request.user, action=AccessLogEntry.Action.EXPORT, detail="cases.csv"
    )
    security_log.personal_data_exported(request, what="reserve-fund-cases.csv", rows=cases.count())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="reserve-fund-cases-{timezone.localdate().isoformat()}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # Excel reads UTF-8 (accents) only with the byte-order mark
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Reference"),
            _("State"),
            _("Category"),
            _("Requested by"),
            _("Requester kind"),
            _("From"),
            _("To"),
            _("Cost (USD)"),
            _("Approved amount (USD)"),
            _("Submitted"),
            _("Returned on"),
            _("Ended"),
        ]
    )
    for case in cases.iterator(chunk_size=2000):
        writer.writerow(
            neutralised("" if cell is None else str(cell))
            for cell in (
                case.reference,
                case.get_state_display(),
                case.category,
                case.requesting_body,
                case.requester_kind,
                case.departure_country,
                case.return_country,
                case.cost,
                case.approved_amount,
                case.submitted_at and timezone.localtime(case.submitted_at).date(),
                case.returned_on,
                case.ended_at and timezone.localtime(case.ended_at).date(),
            )
        )
    return response
