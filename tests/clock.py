"""The suite's clock: every test that is not against a real server runs at one chosen instant.

`PUEBLA_TEST_CLOCK` names the instant, as an ISO date-time with its offset
(`2026-12-07T23:59:30-06:00`: just before midnight in San José), or one of two words that CI
uses on the current date: `san-jose-midnight` (23:59:30 in America/Costa_Rica) and
`utc-midnight` (23:59:30 UTC). Unset, the instant is the moment the run starts.

The clock travels there before any test module is imported (so a module's own constants read
it too) and comes back to it at the start of each test; it then runs on (a test that waits
sees time pass), so a test that reads "today" twice within half a minute of midnight meets
the date change only if it takes that long. Tests against a real server, a browser or another
process (`tests/browser`, `tests/serving`) run on the real clock, which the server has too.
"""

import datetime
import os
import zoneinfo

import time_machine

SAN_JOSE = zoneinfo.ZoneInfo("America/Costa_Rica")
NAMED = {
    "san-jose-midnight": SAN_JOSE,
    "utc-midnight": datetime.UTC,
}
# Directories whose tests run on the real clock.
REAL_CLOCK_DIRECTORIES = ("browser", "serving")


def chosen_instant(value: str | None = None) -> datetime.datetime:
    value = os.environ.get("PUEBLA_TEST_CLOCK", "") if value is None else value
    value = value.strip()
    if not value:
        return datetime.datetime.now(datetime.UTC)
    if value in NAMED:
        zone = NAMED[value]
        today = datetime.datetime.now(zone).date()
        return datetime.datetime.combine(today, datetime.time(23, 59, 30), tzinfo=zone)
    try:
        instant = datetime.datetime.fromisoformat(value)
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None:
        raise SystemExit(
            f"PUEBLA_TEST_CLOCK must be an ISO date-time with its offset "
            f"(2026-12-07T23:59:30-06:00), 'san-jose-midnight' or 'utc-midnight'; got {value!r}."
        )
    return instant


class Clock:
    """The run's travel to the chosen instant, paused around real-clock tests."""

    def __init__(self, instant: datetime.datetime):
        self.instant = instant
        self.traveller = None

    def start(self) -> None:
        if self.traveller is None:
            self.traveller = time_machine.travel(self.instant, tick=True)
            self.traveller.start()

    def stop(self) -> None:
        if self.traveller is not None:
            self.traveller.stop()
            self.traveller = None

    def reset(self) -> None:
        """Back to the chosen instant, for the next test."""
        self.stop()
        self.start()


def runs_on_real_clock(item) -> bool:
    """Whether `item` is a test against a real server (see REAL_CLOCK_DIRECTORIES)."""
    parts = item.path.parts
    if "tests" not in parts:
        return False
    after = parts[parts.index("tests") + 1 :]
    return bool(after) and after[0] in REAL_CLOCK_DIRECTORIES
