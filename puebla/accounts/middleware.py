"""Session limits, and the administration site in the signed-in person's language."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

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


class AdminLanguageMiddleware(MiddlewareMixin):
    """The administration site lives outside the /es/ and /en/ prefixes: it speaks the signed-in
    person's preferred language rather than the browser's."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match and "admin" in match.namespaces and request.user.is_authenticated:
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = request.user.language
        return None
