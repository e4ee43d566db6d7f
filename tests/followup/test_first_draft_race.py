"""Two focal points of one country save its first draft at the same moment. Before any answer
exists there is no answer row to lock: the service locks the request's row, so the second
waits for the first, then finds the answer the first made: one answer, no server error, and
the second is told, keeping the text they typed on their page.
Real processes on a database of their own: SQLite (its write lock) here, PostgreSQL (the row
lock under test) when DATABASE_URL is set."""

from tests.races import race


def test_two_first_drafts_at_once_make_one_answer_and_the_second_is_told(tmp_path):
    with race("tests.followup.first_draft_race", tmp_path, "firstdraft") as focal_points:
        # The first has made the answer, not yet committed; the second must wait for it
        # (without the lock it would insert a second answer and fail on the unique index).
        focal_points.hold_then_take()
        report = focal_points.report()
    # The second opened the page before any answer existed: writing over the first's draft
    # unseen would lose it, so the second is told to open the answer again.
    assert report["answers"] == [
        {"text": "The first focal point's draft", "version": 1, "state": "draft"}
    ]
    assert report["transitions"] == [["not_started", "draft"]]
    # In the site's default language, Spanish: the processes serve no request to choose another.
    assert report["told"].startswith("Alguien cambió esta respuesta después de que usted la abrió.")
