"""The time zones of a country, from the IANA database's own table (zone.tab).

A city's time zone is chosen among its country's zones, so that "Ottawa, Canada" cannot be
given Mexico City's clock by a slip of the hand. The table ships with the `tzdata` package
(which icalendar installs and zoneinfo reads), so it is the same database the calendars use.
"""

import functools
import zoneinfo
from importlib import resources


@functools.cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    zones: dict[str, list[str]] = {}
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        code, _coordinates, zone, *_comment = line.split("\t")
        zones.setdefault(code, []).append(zone)
    return {code: tuple(sorted(names)) for code, names in zones.items()}


def zones_of(iso_code: str) -> tuple[str, ...]:
    """The zones of the country with ISO 3166 code `iso_code` ("CA"), sorted; () if unknown."""
    return _zones_by_country().get(iso_code.upper(), ())


def is_zone(name: str) -> bool:
    """Whether `name` is a time zone the database knows ("America/Toronto")."""
    return name in zoneinfo.available_timezones()


def all_listed() -> tuple[str, ...]:
    """Every zone of every country in the table, sorted."""
    return tuple(sorted({zone for zones in _zones_by_country().values() for zone in zones}))
