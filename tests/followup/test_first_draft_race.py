"""Two focal points of one country save its first draft at the same moment. Before any answer
exists there is no answer row to lock: the service locks the request's row, so the second
waits for the first, then saves on the answer the first made: one answer, no server error.
Real processes on a database of their own: SQLite (its write lock) here, PostgreSQL (the row
lock under test) when DATABASE_URL is set."""

from tests.races import race


def test_two_first_drafts_at_once_make_one_answer_with_the_later_text(tmp_path):
    with race("tests.followup.first_draft_race", tmp_path, "firstdraft") as focal_points:
        # The first has made the answer, not yet committed; the second must wait for it
        # (without the lock it would insert a second answer and fail on the unique index).
        focal_points.hold_then_take()
        report = focal_points.report()
    # The second opened the page before any answer existed: its form had no version to
    # compare, so its save is a later save of the same draft, as if it had come a second after.
    assert report["answers"] == [
        {"text": "The second focal point's draft", "version": 2, "state": "draft"}
    ]
    assert report["transitions"] == [["not_started", "draft"]]
