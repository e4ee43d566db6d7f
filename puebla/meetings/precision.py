"""Dates known only to some precision: a day, a month, a year, or not at all.

A source often says "March 1996" or "2004", or nothing. Puebla keeps the date it gives and
says how precise it is, and never makes it more precise: the stored date is the first day of
the period the source names (1996-03-01 for "March 1996"), so meetings still sort by date, and
`last_day` gives the end of that period, so "has it happened yet?" has an honest answer.
"""

import calendar
import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    NOT_GIVEN = "none", _("Not given")


def is_consistent(date: datetime.date | None, precision: str) -> bool:
    """Whether `date` says no more than `precision` allows (and is there exactly when it must)."""
    if precision == Precision.NOT_GIVEN:
        return date is None
    if date is None:
        return False
    if precision == Precision.MONTH:
        return date.day == 1
    if precision == Precision.YEAR:
        return (date.month, date.day) == (1, 1)
    return precision == Precision.DAY


def last_day(date: datetime.date | None, precision: str) -> datetime.date | None:
    """The last day of the period a stored date stands for (31 March for "March 1996")."""
    if date is None or precision == Precision.NOT_GIVEN:
        return None
    if precision == Precision.YEAR:
        return date.replace(month=12, day=31)
    if precision == Precision.MONTH:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date


def truncate(date: datetime.date | None, precision: str) -> datetime.date | None:
    """The date stored at `precision`: the first day of the period that holds `date`
    (1996-03-01 for any day of March 1996 known to the month)."""
    if date is None or precision == Precision.NOT_GIVEN:
        return None
    if precision == Precision.YEAR:
        return date.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return date.replace(day=1)
    return date


# Django's localised format names (django/conf/locale/<lang>/formats.py) for each precision.
FORMATS = {
    Precision.DAY: "DATE_FORMAT",
    Precision.MONTH: "YEAR_MONTH_FORMAT",
    Precision.YEAR: "Y",
}


def describe(date: datetime.date | None, precision: str) -> str:
    """The date as a reader should see it, in the active language, no more precise than known:
    "12 de noviembre de 2019", "March 1996", "2004", or "not given"."""
    from django.utils.formats import date_format

    if not is_consistent(date, precision) or date is None:
        return str(_("not given"))
    return date_format(date, FORMATS[precision])
