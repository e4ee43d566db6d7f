"""The access log, written by Django rather than by the server (ACCESS_LOG, on by default).

The servers' own access logs are switched off (`puebla serve`): they log the raw path, with the
token of an invitation or password-reset link, and the Referer, which repeats it on the next
page. This one logs the method, the path with its secret arguments redacted
(puebla.core.logs), the status, the duration and the client's address (TRUSTED_PROXY_COUNT);
never the query string, the Referer, cookies or any header. It comes first in MIDDLEWARE, so it
times and logs every response, static files and errors included.
"""

import logging
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

from puebla.core.logs import client_address, redact_path

logger = logging.getLogger("puebla.access")


class AccessLogMiddleware:
    def __init__(self, get_response):
        if not settings.ACCESS_LOG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        # resolver_match is set by the handler on this same request; without it (a static file,
        # an unknown URL, a redirect to the URL with its slash) the path is looked up.
        path = redact_path(request.path, request.resolver_match)
        logger.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "redacted": True,
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "client": client_address(request),
            },
        )
        return response
