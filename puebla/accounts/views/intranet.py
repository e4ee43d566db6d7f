"""The secretariat's invitation pages in the intranet: the list, inviting a person, and
withdrawing, resending or renewing an invitation (each confirmed on a page of its own)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puebla.accounts import services
from puebla.accounts.forms import InvitationForm
from puebla.accounts.models import Invitation
from puebla.core.gates import secretariat_view


@secretariat_view
def invitation_list(request):
    invitations = Invitation.objects.select_related("country", "organisation", "invited_by")
    state = request.GET.get("state")
    if state in Invitation.State.values:
        invitations = invitations.in_state(state)
    else:
        state = None
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/invitation_list.html",
        {"page": page, "state": state, "states": Invitation.State.choices},
    )


# What each action does, for its confirmation page and its message once done.
ACTIONS = {
    "withdraw": (
        services.invitation_withdraw,
        gettext_lazy("Withdraw the invitation"),
        gettext_lazy("The link will stop working. The person can be invited again later."),
        gettext_lazy("The invitation to %(email)s was withdrawn."),
    ),
    "resend": (
        services.invitation_resend,
        gettext_lazy("Send a new link"),
        gettext_lazy(
            "A new link, valid for 7 days, is mailed to the person; the link sent before stops "
            "working."
        ),
        gettext_lazy("A new link was sent to %(email)s."),
    ),
    "renew": (
        services.invitation_renew,
        gettext_lazy("Renew the invitation"),
        gettext_lazy(
            "The link already sent works for 7 more days from now; no mail is sent. Use it when "
            "the person still has the mail."
        ),
        gettext_lazy("The invitation to %(email)s works for 7 more days."),
    ),
}


@secretariat_view
def invitation_withdraw(request, pk):
    return _invitation_action(request, pk, "withdraw")


@secretariat_view
def invitation_resend(request, pk):
    return _invitation_action(request, pk, "resend")


@secretariat_view
def invitation_renew(request, pk):
    return _invitation_action(request, pk, "renew")


def _invitation_action(request, pk, action: str):
    invitation = get_object_or_404(Invitation, pk=pk)
    service, title, explanation, done = ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            service(invitation=invitation, by=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, done % {"email": invitation.email})
            return redirect("invitations:list")
    return render(
        request,
        "accounts/invitation_action.html",
        {"invitation": invitation, "title": title, "explanation": explanation, "error": error},
    )


@secretariat_view
def invitation_new(request):
    form = InvitationForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                invited_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("invitations:list")
    return render(request, "accounts/invitation_form.html", {"form": form})
