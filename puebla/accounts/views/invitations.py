"""Invitations: the secretariat invites people; the invited open their account once."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from puebla.accounts import services
from puebla.accounts.forms import AcceptInvitationForm, InvitationForm
from puebla.accounts.models import Invitation
from puebla.intranet.decorators import secretariat_view


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
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("intranet:invitations")
    return render(request, "accounts/invitation_form.html", {"form": form})


@never_cache
def invitation_accept(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable as unusable:
        return render(
            request, "accounts/invitation_unusable.html", {"reason": unusable.reason}, status=410
        )
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except services.InvitationUnusable as unusable:
            return render(
                request,
                "accounts/invitation_unusable.html",
                {"reason": unusable.reason},
                status=410,
            )
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. Your account is ready.") % {"name": user.get_short_name()},
        )
        return redirect("intranet:home")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
