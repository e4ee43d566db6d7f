"""Reads of the directory: what is current (memberships, appointments) and the derived Troika.

"Current" is written here once: an empty start or end date means the span is open on that side,
and both end days count. Every caller that means "in force today" uses these methods.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone


def _in_force(start_field: str, end_field: str, on: datetime.date | None) -> Q:
    # Today in the site's time zone (the secretariat's), not the server's.
    on = on or timezone.localdate()
    return (Q(**{f"{start_field}__isnull": True}) | Q(**{f"{start_field}__lte": on})) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": on})
    )


def in_force(start: datetime.date | None, end: datetime.date | None, on=None) -> bool:
    """The same rule for one span already read (its start and end), in Python."""
    on = on or timezone.localdate()
    return (start is None or start <= on) and (end is None or end >= on)


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Memberships in force on a day (today by default)."""
        return self.filter(_in_force("since", "until", on))

    def of_states(self):
        return self.filter(country__isnull=False).select_related("country")

    def of_organisations(self):
        return self.filter(organisation__isnull=False).select_related("organisation")


class AppointmentQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Appointments in force on a day (today by default)."""
        return self.filter(_in_force("start", "end", on))


@dataclass(frozen=True)
class Troika:
    """The previous, current and next presidencies around a year; None where none is on record."""

    year: int
    previous: Any
    current: Any
    next: Any


class PresidencyQuerySet(models.QuerySet):
    def troika(self, year: int) -> Troika:
        by_year = {
            presidency.year: presidency
            for presidency in self.filter(year__in=(year - 1, year, year + 1)).select_related(
                "country"
            )
        }
        return Troika(year, by_year.get(year - 1), by_year.get(year), by_year.get(year + 1))

    def latest_up_to(self, year: int):
        """The presidency of `year`, or else the most recent one before it; None if none."""
        return self.filter(year__lte=year).select_related("country").order_by("-year").first()
