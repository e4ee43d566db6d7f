"""The suite's clock: every test that is not against a real server runs at one chosen instant.

`PUEBLA_TEST_CLOCK` names the instant, as an ISO date-time with its offset
(`2026-12-07T23:59:30-06:00`: just before midnight in San José), or one of two words that CI
uses on the current date: `san-jose-midnight` (23:59:30 in America/Costa_Rica) and
`utc-midnight` (23:59:30 UTC). Unset, the instant is the moment the run starts.

The clock travels there before any test module is imported and then runs on, as a real one
does: a run started at 23:59:30 crosses midnight half a minute in, while the first modules
are being collected and the dataset loaded. So a date read when a module is imported, or when
a session's fixture is made, is yesterday's by the time its tests run: the failure this clock
is for (a run that started before midnight in San José failed ten reminder tests after it).
Tests against a real server, a browser or another process (`tests/browser`, `tests/serving`)
run on the real clock, which the server has too; the chosen clock resumes after them where it
would have been.
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
    """The run's clock: the real one moved by a fixed offset, so that it reads the chosen
    instant when the run starts and runs on from there; paused around real-clock tests."""

    def __init__(self, instant: datetime.datetime):
        self.instant = instant
        self.offset = instant - datetime.datetime.now(datetime.UTC)
        self.traveller = None

    def start(self) -> None:
        if self.traveller is None:
            now = datetime.datetime.now(datetime.UTC) + self.offset
            self.traveller = time_machine.travel(now, tick=True)
            self.traveller.start()

    def stop(self) -> None:
        if self.traveller is not None:
            self.traveller.stop()
            self.traveller = None


def runs_on_real_clock(item) -> bool:
    """Whether `item` is a test against a real server (see REAL_CLOCK_DIRECTORIES)."""
    parts = item.path.parts
    if "tests" not in parts:
        return False
    after = parts[parts.index("tests") + 1 :]
    return bool(after) and after[0] in REAL_CLOCK_DIRECTORIES
