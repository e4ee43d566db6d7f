"""Dates known to a day, a month, a year, or not at all (puebla.meetings.precision)."""

import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from puebla.meetings.precision import (
    Precision,
    describe,
    is_consistent,
    last_day,
    truncate,
)

dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2200, 12, 31))
known = st.sampled_from([Precision.DAY, Precision.MONTH, Precision.YEAR])


@given(dates, known)
def test_a_truncated_date_is_consistent_with_its_precision_and_stays_put(date, precision):
    stored = truncate(date, precision)
    assert is_consistent(stored, precision)
    assert truncate(stored, precision) == stored


@given(dates, known)
def test_the_period_of_a_stored_date_holds_the_original_date(date, precision):
    stored = truncate(date, precision)
    assert stored <= date <= last_day(stored, precision)


@given(dates, known)
def test_the_day_after_a_period_starts_the_next_one(date, precision):
    end = last_day(truncate(date, precision), precision)
    following = end + datetime.timedelta(days=1)
    assert truncate(following, precision) == following
    assert truncate(end, precision) == truncate(date, precision)


@given(dates)
def test_a_date_finer_than_its_precision_is_inconsistent(date):
    assert is_consistent(date, Precision.DAY)
    assert is_consistent(date, Precision.MONTH) == (date.day == 1)
    assert is_consistent(date, Precision.YEAR) == (date.month == 1 and date.day == 1)
    assert not is_consistent(date, Precision.NOT_GIVEN)


def test_no_date_is_consistent_only_with_not_given():
    assert is_consistent(None, Precision.NOT_GIVEN)
    for precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        assert not is_consistent(None, precision)
        assert last_day(None, precision) is None


@pytest.mark.parametrize(
    ("language", "date", "precision", "shown"),
    [
        ("en", datetime.date(1996, 3, 1), Precision.MONTH, "March 1996"),
        ("es", datetime.date(1996, 3, 1), Precision.MONTH, "marzo de 1996"),
        ("en", datetime.date(2004, 1, 1), Precision.YEAR, "2004"),
        ("es", datetime.date(2019, 11, 12), Precision.DAY, "12 de noviembre de 2019"),
        ("en", datetime.date(2019, 11, 12), Precision.DAY, "Nov. 12, 2019"),
        ("en", None, Precision.NOT_GIVEN, "not given"),
        # A date more precise than its precision is not shown as if it were known.
        ("en", datetime.date(1996, 3, 15), Precision.MONTH, "not given"),
    ],
)
def test_a_date_is_described_only_as_precisely_as_it_is_known(language, date, precision, shown):
    with translation.override(language):
        assert describe(date, precision) == shown
