"""The secretariat's account pages: who has an account, and switching one off or on again with
a reason (kept in its history). Accounts are never deleted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from puebla.accounts import services
from puebla.accounts.forms import ReasonForm
from puebla.accounts.models import User
from puebla.core.gates import secretariat_view


@secretariat_view
def account_list(request):
    users = User.objects.select_related("country", "organisation").order_by("full_name", "email")
    state = request.GET.get("state")
    if state in ("active", "inactive"):
        users = users.filter(is_active=state == "active")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    for user in page.object_list:
        user.manageable = services.user_can_be_deactivated_by(user, request.user)
    return render(request, "accounts/account_list.html", {"page": page, "state": state})


@secretariat_view
def account_deactivate(request, pk):
    return _change_state(request, pk, deactivate=True)


@secretariat_view
def account_reactivate(request, pk):
    return _change_state(request, pk, deactivate=False)


def _change_state(request, pk, *, deactivate: bool):
    """A confirmation page with the reason; the POST switches the account off or on."""
    user = get_object_or_404(User, pk=pk)
    if not services.user_can_be_deactivated_by(user, request.user):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.user_deactivate if deactivate else services.user_reactivate
        try:
            service(user=user, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = (
                _("%(name)s's account is deactivated; every session it had has ended.")
                if deactivate
                else _("%(name)s's account is active again.")
            )
            messages.success(request, done % {"name": user})
            return redirect("user_accounts:list")
    return render(
        request,
        "accounts/account_state_confirm.html",
        {"account": user, "form": form, "deactivate": deactivate},
    )
