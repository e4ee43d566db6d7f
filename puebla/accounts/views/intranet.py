"""The secretariat's invitation pages in the intranet: the list, and inviting a person."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from puebla.accounts import services
from puebla.accounts.forms import InvitationForm
from puebla.accounts.models import Invitation
from puebla.core.gates import secretariat_view


@secretariat_view
def invitation_list(request):
    invitations = Invitation.objects.select_related("country", "organisation", "invited_by")
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/invitation_list.html", {"page": page})


@secretariat_view
def invitation_new(request):
    form = InvitationForm(request.POST or None)
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
