"""Optimistic locking: when two people edit the same item, the second save is refused, shows
the other person's change beside what the second person typed (still in the form), and
overwrites nothing; saving again after seeing it keeps what the form then says."""

import pytest
from django.test import Client

from puebla.planning import services
from puebla.planning.models import Item
from tests.planning.sample_plan import make_plan
from tests.planning.test_editing import editor_of, form_for, url
from tests.planning.test_views import text_of
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def test_the_second_save_shows_the_first_and_keeps_both_texts():
    _plan, items = make_plan()
    activity = items["t1.1.1"]  # the consular network's
    secretariat, editor = Client(), Client()
    secretariat.force_login(make_user("secretariat"))
    editor_of(editor, "network-consular-protection")

    # Both open the form at version 1.
    seen_by_secretariat = form_for(activity)
    seen_by_editor = form_for(activity)
    saved = secretariat.post(
        url("edit", pk=activity.pk),
        seen_by_secretariat
        | {"schedule_en": "Every RCGM meeting", "comment": "Agreed at the RCGM"},
    )
    assert saved.status_code == 302

    refused = editor.post(
        url("edit", pk=activity.pk),
        seen_by_editor | {"schedule_en": "Twice a year, online", "comment": "Network's plan"},
    )
    assert refused.status_code == 200
    page = text_of(refused)
    assert "Someone else saved this item while you were editing it" in page
    assert "Nothing of yours has been saved yet, and nothing of theirs has been overwritten." in (
        page
    )
    # Both texts, side by side: theirs as saved, this person's as typed.
    assert "Schedule (English) Every RCGM meeting Twice a year, online" in page
    # Their change, with its author and comment.
    assert "Comment: Agreed at the RCGM" in page
    body = refused.content.decode()
    # What the editor typed is still in the form, now carrying the version they have seen.
    assert "Twice a year, online</textarea>" in body
    assert 'value="Network&#x27;s plan"' in body
    assert 'name="version" value="2"' in body
    activity.refresh_from_db()
    assert (activity.schedule_en, activity.version) == ("Every RCGM meeting", 2)

    # Saving the returned form again is a choice made knowing the other change.
    again = editor.post(
        url("edit", pk=activity.pk),
        seen_by_editor
        | {
            "version": 2,
            "schedule_en": "Every RCGM meeting; online twice a year",
            "comment": "Both",
        },
    )
    assert again.status_code == 302
    activity.refresh_from_db()
    assert activity.schedule_en == "Every RCGM meeting; online twice a year"
    assert activity.version == 3
    reasons = [row.history_change_reason for row in activity.history.order_by("history_id")]
    assert reasons[-2:] == ["Agreed at the RCGM", "Both"]


def test_the_service_refuses_a_stale_version_and_writes_nothing():
    _plan, items = make_plan()
    activity = items["t2.1.1"]
    secretariat = make_user("secretariat")
    common = {
        "item": activity,
        "expected_version": 1,
        "meeting_keys": [],
        "document_keys": [],
        "by": secretariat,
    }
    services.item_update(changes={"schedule_en": "First"}, comment="first", **common)
    history_rows = activity.history.count()
    with pytest.raises(services.EditConflict) as refused:
        services.item_update(changes={"schedule_en": "Second"}, comment="second", **common)
    assert refused.value.current.schedule_en == "First"
    assert Item.objects.get(pk=activity.pk).schedule_en == "First"
    assert activity.history.count() == history_rows
