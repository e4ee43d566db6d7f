"""Two focal points of one country take its last seat at the same moment: one gets it, the
other goes on the waiting list, never two seats. Real processes on a database of their own:
SQLite (its write lock) here, PostgreSQL (the meeting's row lock) when DATABASE_URL is set."""

from tests.races import race


def test_the_last_seat_taken_twice_at_once_is_given_once(tmp_path):
    with race("tests.meetings.nomination_race", tmp_path, "race") as nominations:
        nominations.hold_then_take()
        assert nominations.report() == {"first": "nominated", "second": "waiting"}
