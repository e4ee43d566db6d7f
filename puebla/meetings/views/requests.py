"""Requests to take part from observers and civil society: the requester withdraws one, the
secretariat accepts or declines it (account-owned records, puebla.core.access)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.gates import secretariat_view, signed_in_view
from puebla.meetings import delegations
from puebla.meetings.delegation_forms import DeclineForm
from puebla.meetings.models import ParticipationRequest


def _request_or_404(request, slug, pk) -> ParticipationRequest:
    return access.get_visible_or_404(
        ParticipationRequest.objects.select_related("meeting", "requested_by").filter(
            meeting__slug=slug
        ),
        request,
        pk=pk,
    )


@signed_in_view
def request_withdraw(request, slug, pk):
    asked = _request_or_404(request, slug, pk)
    if request.method == "POST":
        try:
            delegations.request_withdraw(request=asked, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The request for %(name)s was withdrawn.") % {"name": asked}
            )
        return redirect("meetings:delegation", slug=slug)
    return render(request, "meetings/request_withdraw.html", {"asked": asked})


@secretariat_view
def request_decide(request, slug, pk):
    asked = _request_or_404(request, slug, pk)
    decision = request.POST.get("decision")
    decline_form = DeclineForm(request.POST if decision == "decline" else None)
    if request.method == "POST" and (decision == "accept" or decline_form.is_valid()):
        try:
            delegations.request_decide(
                request=asked,
                by=request.user,
                accept=decision == "accept",
                reason=decline_form.cleaned_data["reason"] if decision == "decline" else "",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = (
                _("The participation of %(name)s is accepted.")
                if decision == "accept"
                else _("The request for %(name)s was declined.")
            )
            messages.success(request, done % {"name": asked})
            return redirect("meetings:delegation", slug=slug)
    return render(
        request, "meetings/request_decide.html", {"asked": asked, "decline_form": decline_form}
    )
