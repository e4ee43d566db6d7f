"""The secretariat's page of requesting organisations: which international and civil-society
organisations may file requests with the Reserve Fund, accepting one, ending an acceptance
(asked first; the organisation's cases go on). Services in puebla.fund.requesters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.core.gates import secretariat_view
from puebla.directory.models import Organisation
from puebla.fund import fund_settings
from puebla.fund import requesters as services


def _organisations():
    """Organisations of the kinds that file (the fund's settings), and any accepted before."""
    return Organisation.objects.filter(
        Q(kind__in=fund_settings.filing_organisation_kinds()) | Q(fund_acceptance__isnull=False)
    ).select_related("fund_acceptance")


@secretariat_view
def requester_list(request):
    if request.method == "POST":
        organisation = _organisations().filter(pk=request.POST.get("organisation") or 0).first()
        if organisation is None:
            messages.error(request, _("Choose an organisation to accept."))
        else:
            try:
                services.requester_accept(organisation=organisation, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(organisation)s may now file requests with the Reserve Fund.")
                    % {"organisation": organisation},
                )
        return redirect("fund:requesters")
    organisations = sorted(_organisations(), key=lambda organisation: str(organisation))
    return render(request, "fund/requesters.html", {"organisations": organisations})


@secretariat_view
def requester_end(request, slug):
    organisation = get_object_or_404(_organisations(), slug=slug)
    if request.method == "POST":
        try:
            services.requester_acceptance_end(organisation=organisation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(organisation)s may no longer file requests; its cases go on.")
                % {"organisation": organisation},
            )
        return redirect("fund:requesters")
    return render(request, "fund/requester_end.html", {"organisation": organisation})
