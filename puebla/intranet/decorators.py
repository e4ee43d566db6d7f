"""What every intranet view needs: a signed-in user, and pages no cache keeps."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.cache import never_cache

from puebla.core import security_log
from puebla.core.access import is_secretariat


def intranet_view(view):
    """Sign-in required; `Cache-Control: no-store` so shared or back-button caches keep nothing."""
    return never_cache(login_required(view))


def secretariat_view(view):
    """For the secretariat only. Anyone else signed in gets a 404, as for a hidden record."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not is_secretariat(request.user):
            security_log.access_denied(request, f"secretariat-page:{request.path}")
            raise Http404
        return view(request, *args, **kwargs)

    return intranet_view(checked)
