"""Two workers send the reminders at the same moment: every country is reminded once, never
twice. Real processes on a database of their own: SQLite (its write lock) here, PostgreSQL
(the unique index on SentReminder: the second insert waits for the first, then fails) when
DATABASE_URL is set."""

from tests.races import race


def test_two_workers_at_once_send_each_reminder_once(tmp_path):
    with race("tests.followup.reminder_race", tmp_path, "reminders") as workers:
        # The first has stamped and queued every reminder, not yet committed; the second must
        # wait for it (without the claim it would finish at once, sending them all again).
        workers.hold_then_take()
        workers.run("-m", "tests.followup.reminder_race", "take", str(tmp_path))  # a third, later
        report = workers.report()
    assert report["stamped"] == 11
    assert len(report["mails"]) == 11
    assert set(report["mails"].values()) == {1}
