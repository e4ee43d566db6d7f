"""Pages for people who are not signed in yet: opening an account from an invitation link."""

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from puebla.accounts import services
from puebla.accounts.forms import AcceptInvitationForm
from puebla.core.gates import public_view


def _unusable(request, reason: str):
    return render(request, "accounts/invitation_unusable.html", {"reason": reason}, status=410)


@public_view
@never_cache  # the page carries the link's token: no cache may keep it
def invitation_accept(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable as unusable:
        return _unusable(request, unusable.reason)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except services.InvitationUnusable as unusable:
            return _unusable(request, unusable.reason)
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        # Django's login() does not send allauth's signal that records the session, so record
        # it here: otherwise "Active sessions" would not list it and nothing could end it.
        UserSession.objects.create_from_request(request)
        messages.success(
            request,
            # The name the invitation page greeted them with, not a guess at a first name.
            _("Welcome, %(name)s. Your account is ready.") % {"name": invitation.given_name},
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
