"""Session limits, mandatory MFA for staff, and an admin that hides itself from non-staff."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from puebla.core import security_log

# Namespaces that hold restricted pages; public pages and the sign-in pages are not gated.
GATED_NAMESPACES = {"intranet", "admin"}
LAST_SEEN = "puebla_last_seen"
SIGNED_IN_AT = "puebla_signed_in_at"


class SessionLifetimeMiddleware:
    """Sign out after SESSION_IDLE_SECONDS without a request, or SESSION_MAX_SECONDS in all."""

    # Writing the session on every request would cost a database write per page view.
    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                return self._sign_out(
                    request,
                    _("You were signed out after a period without activity. Please sign in again."),
                )
            if now - signed_in_at > settings.SESSION_MAX_SECONDS:
                return self._sign_out(
                    request, _("Your session reached its maximum length. Please sign in again.")
                )
            if now - last_seen >= self.TOUCH_EVERY or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)

    def _sign_out(self, request, message):
        logout(request)
        messages.info(request, message)
        return redirect_to_login(request.get_full_path())


class MFAEnrolmentMiddleware(MiddlewareMixin):
    """Secretariat staff and fund officers reach nothing restricted until they enrol in TOTP."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.requires_mfa:
            return None
        match = request.resolver_match
        if match is None or not GATED_NAMESPACES.intersection(match.namespaces):
            return None
        # Checked on every gated request (one query), so removing the authenticator takes
        # effect at once rather than at the next sign-in.
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request,
            _(
                "Your role requires two-factor authentication. Set up an authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")


class AdminGateMiddleware(MiddlewareMixin):
    """Only active secretariat staff (and superusers) reach the admin; other signed-in people get
    a 404, never its login page, whatever their is_staff flag says."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = request.user
        if (
            match
            and "admin" in match.namespaces
            and user.is_authenticated
            and not user.may_administer
        ):
            security_log.access_denied(request, f"admin:{request.path}")
            raise Http404
        return None
