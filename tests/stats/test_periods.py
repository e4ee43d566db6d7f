from hypothesis import given
from hypothesis import strategies as st

from puebla.stats import periods


def test_forms_of_a_period():
    assert periods.parsed("2026-01", "M") == "2026-01"
    assert periods.parsed("2026-M01", "M") == "2026-01"
    assert periods.parsed("2026m12", "M") == "2026-12"
    assert periods.parsed("2026-13", "M") is None
    assert periods.parsed("2026-Q1", "M") is None
    assert periods.parsed("2026-q4", "Q") == "2026-Q4"
    assert periods.parsed("2026Q2", "Q") == "2026-Q2"
    assert periods.parsed("2026-Q5", "Q") is None
    assert periods.parsed("enero 2026", "M") is None


def test_periods_between():
    assert periods.periods_between("2025-11", "2026-02") == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert periods.periods_between("2025-Q4", "2026-Q1") == ["2025-Q4", "2026-Q1"]
    assert periods.year_before("2026-Q3") == "2025-Q3"
    assert periods.span("2026-01", "2026-01") == "2026-01"


@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(0, 30))
def test_months_count_and_order(year, month, length):
    first = f"{year}-{month:02d}"
    listed = periods.periods_between(
        first, periods.periods_between(first, f"{year + 3}-12")[length]
    )
    assert len(listed) == length + 1 and listed[0] == first
    assert [periods.ordinal(period) for period in listed] == sorted(
        periods.ordinal(period) for period in listed
    )
    assert all(periods.parsed(period, "M") == period for period in listed)
