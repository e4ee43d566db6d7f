"""A request's body is refused with 413 before it is read when it is larger than its sender
may send (issue 27 finding 4): an anonymous 300 MB POST to the sign-in page was read in full
into a temporary file, and a few in parallel fill the disk.

- A signed-in person's multipart body (an upload) may be as large as the largest file a person
  may upload (DOCUMENT_MAX_BYTES) plus FORM_OVERHEAD_BYTES for the form's other fields.
- Every other body (an anonymous visitor's, a form without a file) may be as large as
  DATA_UPLOAD_MAX_MEMORY_SIZE, Django's own limit on the non-file part of a form.

The size is read from Content-Length. A body sent without one (chunked) is never read by
Django (it reads Content-Length bytes, none then), so it cannot fill anything either; the
front proxy's own limit (README, "Security") refuses it before it reaches Puebla.

It comes after the session (to know who is signed in) and the language (to say it in the
visitor's), and before anything reads the body (the CSRF check reads the form).
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.shortcuts import render

# What a form with one file carries besides the file: its other fields and the multipart
# boundaries. Generous: the non-file fields are limited to DATA_UPLOAD_MAX_MEMORY_SIZE anyway.
FORM_OVERHEAD_BYTES = 1024 * 1024


def largest_body(request) -> int:
    """The largest body `request`'s sender may send, in bytes."""
    uploads = request.content_type == "multipart/form-data"
    if uploads and SESSION_KEY in request.session:
        return settings.DOCUMENT_MAX_BYTES + FORM_OVERHEAD_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads nothing of a body whose length it cannot read
        if length > 0 and length > largest_body(request):
            return too_large(request)
        return self.get_response(request)


def too_large(request):
    response = render(
        request,
        "413.html",
        {
            "upload_mb": settings.DOCUMENT_MAX_BYTES // 2**20,
            "form_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20,
        },
        status=413,
    )
    # The body was not read: the connection cannot carry another request after it.
    response["Connection"] = "close"
    return response
