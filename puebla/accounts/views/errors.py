from django.shortcuts import render

from puebla.core import security_log

# The pages whose limit is not the sign-in's (settings.ACCOUNT_RATE_LIMITS).
LIMITS = {"account_email": "email", "account_reset_password": "reset"}


def too_many_requests(request, exception=None):
    """allauth's rate limits answer through this view: log the lock-out and explain the limit
    that was reached (changes of e-mail address, or sign-ins)."""
    match = getattr(request, "resolver_match", None)
    limit = LIMITS.get(match.url_name if match is not None else "", "sign-in")
    security_log.lockout(request, limit=limit)
    return render(request, "429.html", {"limit": limit}, status=429)
