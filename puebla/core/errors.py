"""The answer to an error no view handled (handler500): a database that cannot be reached, or
that stayed busy past its timeout, is "temporarily unavailable" (503 with Retry-After) in the
page's language; any other error is the plain 500 page. Neither reads the database, nor shows
a trace: the error itself is in the log (django.request).

Nothing is half-written either way: every change runs in one transaction, which the error
rolled back.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation

RETRY_AFTER_SECONDS = 30


def server_error(request):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        language = translation.get_language_from_path(request.path) or settings.LANGUAGE_CODE
        with translation.override(language):
            page = loader.render_to_string("503.html", {"language": language})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
