"""Which archives the nightly backup keeps: the newest of each of the last so many days, ISO
weeks and months that have one (BACKUP_KEEP, 7 days, 4 weeks and 12 months by default).

An archive kept for one reason may serve another too (the newest of today is also this week's
and this month's), so at most days + weeks + months archives remain, and the newest always.
"""

import datetime
from collections.abc import Callable, Iterable


def kept(
    made: Iterable[datetime.datetime], *, days: int, weeks: int, months: int
) -> set[datetime.datetime]:
    newest_first = sorted(set(made), reverse=True)
    keep: set[datetime.datetime] = set(newest_first[:1])
    periods: list[tuple[int, Callable[[datetime.datetime], tuple]]] = [
        (days, lambda moment: (moment.date(),)),
        (weeks, lambda moment: moment.isocalendar()[:2]),
        (months, lambda moment: (moment.year, moment.month)),
    ]
    for count, period_of in periods:
        seen: set[tuple] = set()
        for moment in newest_first:
            period = period_of(moment)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(moment)  # the newest of its period: the first met, newest first
    return keep
