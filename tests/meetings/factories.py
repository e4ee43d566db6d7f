"""Meetings made for tests: valid by default, any field overridable."""

import itertools

from puebla.meetings.services import meeting_create

numbers = itertools.count(1)


def make_meeting(**fields):
    number = next(numbers)
    values = {
        "slug": f"test-meeting-{number}",
        "kind": "workshop",
        "title_es": f"Taller de prueba {number}",
        "title_en": f"Test workshop {number}",
        "audience": "public",
    }
    values.update(fields)
    return meeting_create(fields=values, by=None)
