"""Progress rolls up from activities to actions, objectives and themes; a hand-set progress
wins and is marked; weights count where set; no status is no progress, not 0 %."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from puebla.planning import rollup
from puebla.planning.models import Item, Plan, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return Plan.objects.create(slug="p", title_en="P")


def add(plan, parent, number, status=None, **fields):
    level = Item.Level.THEME if parent is None else parent.level + 1
    return Item.objects.create(
        plan=plan,
        parent=parent,
        level=level,
        key=f"k{number}",
        number=number,
        position=Item.objects.filter(plan=plan).count(),
        status=Status.by_key()[status] if status else None,
        **fields,
    )


def test_average_of_activities_rises_to_every_level(plan):
    theme = add(plan, None, "T")
    objective = add(plan, theme, "1")
    action = add(plan, objective, "1.1")
    add(plan, action, "1.1.1", "completed")  # 100
    add(plan, action, "1.1.2", "pending")  # 0
    other = add(plan, objective, "1.2")
    add(plan, other, "1.2.1", "ongoing")  # 50
    progress = rollup.progress_by_item(Item.objects.select_related("status"))
    assert progress[action.pk].percent == 50
    assert progress[other.pk].percent == 50
    assert progress[objective.pk].percent == 50
    # Every figure comes from a status: the theme's is an estimate over three items, none
    # of which has reported progress.
    assert progress[theme.pk] == rollup.Progress(50, counted=3, reported=0, from_parts=True)
    assert progress[theme.pk].estimated
    assert progress[other.pk].estimated and not progress[other.pk].from_status


def test_weights_count_where_set(plan):
    theme = add(plan, None, "T")
    add(plan, theme, "1", "completed", weight=Decimal(3))
    add(plan, theme, "2", "pending")  # weight empty: 1
    progress = rollup.progress_by_item(Item.objects.select_related("status"))
    assert progress[theme.pk].percent == 75


def test_an_override_wins_is_marked_and_rolls_up(plan):
    theme = add(plan, None, "T")
    objective = add(plan, theme, "1", progress_override=90)
    add(plan, objective, "1.1", "pending")
    add(plan, theme, "2", "completed")
    progress = rollup.progress_by_item(Item.objects.select_related("status"))
    assert progress[objective.pk] == rollup.Progress(90, overridden=True, counted=1, reported=1)
    assert not progress[objective.pk].estimated
    # One reported figure and one from a status: the theme's is an estimate that says so.
    assert progress[theme.pk] == rollup.Progress(95, counted=2, reported=1, from_parts=True)
    assert progress[theme.pk].estimated


def test_a_status_gives_an_estimate_and_reported_parts_give_reported_progress(plan):
    theme = add(plan, None, "T")
    estimated = add(plan, theme, "1", "ongoing")
    objective = add(plan, theme, "2")
    add(plan, objective, "2.1", progress_override=40)
    add(plan, objective, "2.2", progress_override=60)
    progress = rollup.progress_by_item(Item.objects.select_related("status"))
    assert progress[estimated.pk].from_status and progress[estimated.pk].estimated
    assert progress[objective.pk] == rollup.Progress(50, counted=2, reported=2, from_parts=True)
    assert not progress[objective.pk].estimated
    assert progress[theme.pk].estimated and progress[theme.pk].reported == 2


def test_no_status_is_no_progress_and_does_not_pull_the_average_down(plan):
    theme = add(plan, None, "T")
    add(plan, theme, "1", "completed")
    add(plan, theme, "2")
    add(plan, theme, "3", "proposed_removal")
    progress = rollup.progress_by_item(Item.objects.select_related("status"))
    assert progress[theme.pk].percent == 100
    lonely = add(plan, None, "U")
    assert not rollup.progress_by_item(Item.objects.select_related("status"))[lonely.pk].known


def test_the_tree_is_one_query_however_large(plan):
    def count():
        with CaptureQueriesContext(connection) as queries:
            items = rollup.tree(plan)
            [item.progress for item in items]
        return len(queries), items

    theme = add(plan, None, "T")
    small, _items = count()
    for n in range(1, 30):
        add(plan, theme, str(n), "ongoing")
    large, items = count()
    assert small == large == 1
    assert items[0].parts[0].number == "1"
    assert items[0].progress.percent == 50


def test_archived_items_leave_the_current_tree_for_the_historical_one(plan):
    theme = add(plan, None, "T")
    add(plan, theme, "1", "pending")
    add(plan, theme, "2", "completed", archived_on="2020-01-01")
    current = rollup.tree(plan)
    assert [i.number for i in current] == ["T", "1"]
    assert current[0].progress.percent == 0
    historical = rollup.tree(plan, archived=True)
    assert [i.number for i in historical] == ["T", "2"]
    assert historical[0].progress.percent == 100
