"""Reads of the directory: current memberships and the derived Troika."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Memberships in force on a day (today by default)."""
        on = on or datetime.date.today()
        return self.filter(
            Q(since__isnull=True) | Q(since__lte=on), Q(until__isnull=True) | Q(until__gte=on)
        )

    def of_states(self):
        return self.filter(country__isnull=False).select_related("country")

    def of_organisations(self):
        return self.filter(organisation__isnull=False).select_related("organisation")


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
