"""The nightly backups' retention rule (puebla.backups.retention): the newest of each of the
last 7 days, 4 ISO weeks and 12 months that have an archive; and the pruning of a folder."""

import datetime

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from puebla.backups.archive import archives, prune
from puebla.backups.retention import kept

UTC = datetime.UTC
moments = st.lists(
    st.datetimes(
        min_value=datetime.datetime(2024, 1, 1),
        max_value=datetime.datetime(2027, 12, 31),
        timezones=st.just(UTC),
    ),
    max_size=200,
)


def at(day: str, hour: int = 8) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@given(moments)
def test_the_newest_is_kept_and_no_more_than_the_rule_allows(made):
    keep = kept(made, days=7, weeks=4, months=12)
    assert keep <= set(made)
    assert len(keep) <= 7 + 4 + 12
    if made:
        assert max(made) in keep


@given(moments)
def test_pruning_twice_removes_nothing_more(made):
    keep = kept(made, days=7, weeks=4, months=12)
    assert kept(keep, days=7, weeks=4, months=12) == keep


@given(moments)
def test_each_kept_day_keeps_its_newest_archive(made):
    keep = kept(made, days=7, weeks=4, months=12)
    for moment in keep:
        same_day = [other for other in made if other.date() == moment.date()]
        if moment != max(same_day):
            # Kept for its week or month only if it is the newest of that period.
            assert moment in {
                max(o for o in made if o.isocalendar()[:2] == moment.isocalendar()[:2]),
                max(o for o in made if (o.year, o.month) == (moment.year, moment.month)),
            }


def test_a_year_of_nightly_backups_keeps_seven_days_four_weeks_and_twelve_months():
    start = at("2026-01-01")
    nightly = [start + datetime.timedelta(days=number) for number in range(365)]
    keep = sorted(kept(nightly, days=7, weeks=4, months=12))
    last = nightly[-1]  # Thursday 31 December 2026
    assert keep[-7:] == nightly[-7:]  # the last seven nights
    # The newest of each of the last four ISO weeks: this one's (the last night) and three
    # Sundays, 27 December being among the last seven nights already.
    sundays = [at("2026-12-27"), at("2026-12-20"), at("2026-12-13")]
    assert set(sundays) <= set(keep)
    # The newest of each month: its last night.
    month_ends = [at(f"2026-{month:02}-01") - datetime.timedelta(days=1) for month in range(2, 13)]
    assert set(month_ends) <= set(keep)
    assert last in keep
    assert len(keep) == 7 + 2 + 11  # this week's and this month's newest is the last night


def test_prune_removes_what_the_rule_does_not_keep_and_leaves_other_files(tmp_path):
    for number in range(40):
        stamp = (at("2026-10-01") + datetime.timedelta(days=number)).strftime("%Y%m%dT%H%M%SZ")
        (tmp_path / f"puebla-{stamp}.tar.gz").write_bytes(b"archive")
    (tmp_path / "notes.txt").write_text("kept")
    (tmp_path / "puebla-not-a-time.tar.gz").write_bytes(b"someone else's")
    with override_settings(BACKUP_KEEP=(7, 4, 12)):
        removed = prune(tmp_path)
    remaining = archives(tmp_path)
    assert len(remaining) == 40 - len(removed)
    assert max(remaining.values()) == at("2026-11-09")
    # The last seven nights (3 to 9 November) hold the newest of the weeks of 9 and 8
    # November; Sundays 1 November and 25 October are the newest of the two weeks before;
    # Saturday 31 October the newest of its month.
    assert len(remaining) == 7 + 2 + 1
    assert (tmp_path / "notes.txt").exists()
    assert (tmp_path / "puebla-not-a-time.tar.gz").exists()
