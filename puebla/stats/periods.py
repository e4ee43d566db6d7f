"""Reporting periods as SDMX writes them: "2026-01" for a month, "2026-Q1" for a quarter.

Files may also say "2026-M01" (SDMX's other monthly form) or "2026M01"/"2026Q1"; `parsed`
gives the one form Puebla stores and compares.
"""

import re

MONTHLY = re.compile(r"^(\d{4})-?M?(0[1-9]|1[0-2])$")
QUARTERLY = re.compile(r"^(\d{4})-?Q([1-4])$")


def parsed(text: str, frequency: str) -> str | None:
    """`text` as the stored period of `frequency` ("M" or "Q"), or None when it is not one."""
    text = text.strip().upper()
    if frequency == "M":
        match = MONTHLY.match(text)
        return f"{match.group(1)}-{match.group(2)}" if match else None
    match = QUARTERLY.match(text)
    return f"{match.group(1)}-Q{match.group(2)}" if match else None


def ordinal(period: str) -> int:
    """A number that orders periods of one frequency and counts them: months or quarters since
    year 0."""
    year, _, part = period.partition("-")
    if part.startswith("Q"):
        return int(year) * 4 + int(part[1:]) - 1
    return int(year) * 12 + int(part) - 1


def periods_between(first: str, last: str) -> list[str]:
    """Every period from `first` to `last`, both included (of one frequency)."""
    quarterly = first[5:6] == "Q"
    start, end = ordinal(first), ordinal(last)
    return [_period_of(number, quarterly) for number in range(start, end + 1)]


def _period_of(number: int, quarterly: bool) -> str:
    year, index = divmod(number, 4 if quarterly else 12)
    return f"{year}-Q{index + 1}" if quarterly else f"{year}-{index + 1:02d}"


def year_before(period: str) -> str:
    """The same month or quarter a year earlier."""
    year, _, part = period.partition("-")
    return f"{int(year) - 1}-{part}"


def span(first: str, last: str) -> str:
    """The two periods joined by a dash ("2026-01" to "2026-06"), or one when both are the same."""
    return first if first == last else f"{first}–{last}"  # noqa: RUF001 - a range's dash
