"""A case's files: its requesting body and the fund officers attach them and download them.

The content is encrypted in storage (puebla.fund.files); a download decrypts it here, writes
one access-log row and is sent under a neutral name (the case's reference and the file's
number): the person's own file name may name them, and a download's name ends up in browser
histories and proxies' logs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.forms import add_service_error
from puebla.core.gates import signed_in_view
from puebla.documents.filetypes import ACCEPTED
from puebla.fund import files, services
from puebla.fund.forms import CaseFileForm
from puebla.fund.models import AccessLogEntry, CaseFile
from puebla.fund.permissions import acts_for_requester
from puebla.fund.views.cases import case_or_404

EXTENSIONS = {kind.mime: kind.extension for kind in ACCEPTED}


def _may_act(user, case) -> bool:
    return access.is_fund_officer(user) or acts_for_requester(user, case)


@signed_in_view
def file_add(request, uid):
    case = case_or_404(request, uid)
    if not _may_act(request.user, case):
        raise Http404
    form = CaseFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            files.case_file_add(case=case, by=request.user, upload=form.cleaned_data["upload"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The file was attached to the case."))
            return redirect("fund:case", uid=uid)
    return render(
        request,
        "fund/file_form.html",
        {"case": case, "form": form, "possible": case.state in files.OPEN_STATES},
    )


@signed_in_view
def file_download(request, uid, pk):
    case = case_or_404(request, uid)
    case_file = get_object_or_404(CaseFile.objects.filter(case=case), pk=pk)
    content = files.case_file_content(case_file=case_file)
    services.access_log_record(
        user=request.user,
        action=AccessLogEntry.Action.DOWNLOAD,
        case=case,
        detail=f"file {case_file.pk}",
    )
    extension = EXTENSIONS.get(case_file.content_type, "bin")
    response = HttpResponse(content, content_type=case_file.content_type)
    name = f"{case.reference}-{case_file.pk}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
