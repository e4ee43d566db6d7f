from django.shortcuts import render

from puebla.core import security_log


def too_many_requests(request, exception=None):
    """allauth's rate limits answer through this view: log the lock-out and explain it."""
    security_log.lockout(request)
    return render(request, "429.html", status=429)
