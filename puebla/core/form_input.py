"""Form input without control characters, for every form in one place (issue 27 finding 5).

A body editor's \\x01 in a Plan item's schedule made the public Plan exports answer 500 (XLSX
and DOCX cannot hold it), a focal point's \\x0b broke the secretariat's matrix exports, a
nominee's name the participants list. Nobody types these characters; they arrive by pasting.
Every posted form value loses them before any form or view reads it (tab, line feed and
carriage return stay); the exports leave out whatever was stored before.
"""

from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError

from puebla.core.text import CONTROL_CHARACTERS, without_control_characters

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                posted = request.POST
            except (MultiPartParserError, OSError, SuspiciousOperation):
                # An unreadable form: the CSRF check meets it next and refuses the request.
                return self.get_response(request)
            if any(CONTROL_CHARACTERS.search(value) for value in _values(posted)):
                cleaned = posted.copy()
                for key in cleaned:
                    cleaned.setlist(
                        key, [without_control_characters(value) for value in posted.getlist(key)]
                    )
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)


def _values(posted):
    for key in posted:
        yield from posted.getlist(key)
