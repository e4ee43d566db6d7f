"""The plan tree's records: statuses shipped by migration, keys unique per plan, optimistic
locking, history."""

import pytest
from django.db import IntegrityError

from puebla.planning.models import Item, Plan, Status

pytestmark = pytest.mark.django_db


def test_the_statuses_exist_in_order_with_default_progress():
    statuses = list(Status.objects.all())
    assert [s.key for s in statuses] == [
        "ongoing",
        "in_progress",
        "pending",
        "pending_input",
        "marked",
        "completed",
        "proposed_removal",
    ]
    assert Status.by_key()["completed"].is_done
    assert Status.by_key()["completed"].default_progress == 100
    assert Status.by_key()["proposed_removal"].default_progress is None
    # The source's legend for its bold italics: one status for the three it names, from
    # which no progress can be estimated.
    marked = Status.by_key()[Status.MARKED]
    assert marked.name_en == "Active, ongoing or pending input"
    assert marked.default_progress is None


def test_keys_are_unique_within_a_plan():
    plan = Plan.objects.create(slug="p")
    Item.objects.create(plan=plan, level=Item.Level.THEME, key="policy", text_en="Policy")
    with pytest.raises(IntegrityError):
        Item.objects.create(plan=plan, level=Item.Level.THEME, key="policy")


def test_a_second_save_from_a_stale_version_writes_nothing():
    plan = Plan.objects.create(slug="p")
    item = Item.objects.create(plan=plan, level=Item.Level.THEME, key="t", text_en="First")
    first = Item.objects.get(pk=item.pk)
    second = Item.objects.get(pk=item.pk)
    first.text_en = "Edited by the first"
    assert first.save_edited(expected_version=1)
    second.text_en = "Edited by the second"
    assert not second.save_edited(expected_version=1)
    item.refresh_from_db()
    assert item.text_en == "Edited by the first"
    assert item.version == 2
    assert [h.text_en for h in item.history.all()] == ["Edited by the first", "First"]
