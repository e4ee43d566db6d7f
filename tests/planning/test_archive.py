"""The archive rule: an activity completed more than two years ago moves to the Historical
Plan of Action (a periodic Huey job); the secretariat can bring it back, after confirming,
and the rule then leaves it alone until its status changes again. The Historical Plan's page
quotes the rule, says how Puebla applies it and lists what moves next, with the day.

The clock is frozen by handing the rule its day (`items_archive(today=...)`): neither
time-machine nor freezegun is in the project's locked test requirements."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from hypothesis import given
from hypothesis import strategies as st

from puebla.planning import services, tasks
from puebla.planning.models import Item, Status
from tests.planning.sample_plan import make_plan
from tests.planning.test_editing import form_for, url
from tests.planning.test_views import text_of

pytestmark = pytest.mark.django_db

FROZEN = datetime.date(2020, 1, 1)


def completed_on(item, day):
    Item.objects.filter(pk=item.pk).update(
        status=Status.objects.get(key="completed"), status_since=day
    )


@pytest.fixture
def plan():
    return make_plan()


def test_only_activities_completed_more_than_two_years_ago_move(plan):
    _plan, items = plan
    completed_on(items["t1.1.2"], datetime.date(2017, 12, 31))  # two years and a day
    completed_on(items["t2.1.1"], datetime.date(2018, 1, 1))  # exactly two years: stays
    completed_on(items["rt1.1.1"], datetime.date(2019, 6, 1))
    completed_on(items["a1.1"], datetime.date(2010, 1, 1))  # an action: the rule is for activities
    assert services.items_archive(today=FROZEN) == 1
    archived = set(Item.objects.historical().values_list("pk", flat=True))
    assert archived == {items["t1.1.2"].pk}
    moved = Item.objects.get(pk=items["t1.1.2"].pk)
    assert moved.archived_on == FROZEN
    assert moved.version == 2  # an editor's open form sees the change, never overwrites it
    assert moved.history.first().history_user is None
    # Running again moves nothing more.
    assert services.items_archive(today=FROZEN) == 0


def test_a_leap_day_counts_two_years_back_to_the_28th(plan):
    _plan, items = plan
    completed_on(items["t1.1.2"], datetime.date(2022, 2, 27))
    completed_on(items["t2.1.1"], datetime.date(2022, 2, 28))
    assert services.items_archive(today=datetime.date(2024, 2, 29)) == 1
    assert Item.objects.get(pk=items["t1.1.2"].pk).archived_on is not None


def test_the_periodic_job_uses_todays_date(plan):
    _plan, items = plan
    today = timezone.localdate()
    completed_on(items["t1.1.2"], today - datetime.timedelta(days=3 * 365))
    completed_on(items["t2.1.1"], today - datetime.timedelta(days=365))
    assert tasks.archive_completed_activities.call_local() == 1
    assert Item.objects.get(pk=items["t1.1.2"].pk).archived_on == today


def test_the_secretariat_brings_an_item_back_after_confirming(client, sign_in, plan):
    _plan, items = plan
    activity = items["t1.1.2"]
    services.items_archive(today=FROZEN)  # completed in 2015: it moves
    secretariat = sign_in("secretariat")
    page = text_of(client.get(url("item", pk=activity.pk)))
    assert "In the Historical Plan of Action since Jan. 1, 2020." in page
    assert "Bring it back to the current plan" in page

    confirm = client.get(url("bring_back", pk=activity.pk))
    assert "Brought back, it shows in the Plan of Action again" in text_of(confirm)
    assert Item.objects.get(pk=activity.pk).archived_on is not None  # a GET changes nothing

    response = client.post(url("bring_back", pk=activity.pk), follow=True)
    assert "The item is back in the current Plan of Action." in text_of(response)
    back = Item.objects.get(pk=activity.pk)
    assert back.archived_on is None
    assert back.history.first().history_user == secretariat
    assert "Training for consular officers" in text_of(client.get(url("plan"), {"detail": "all"}))
    # Its history says so: out to the Historical Plan of Action, and back.
    history = text_of(client.get(url("item", pk=activity.pk)))
    assert "Historical Plan of Action no moved there" in history
    assert "Historical Plan of Action moved there no" in history

    # The rule leaves it in the current plan while its status is the one it was archived with…
    assert services.items_archive(today=FROZEN + datetime.timedelta(days=400)) == 0
    # …and moves it again once it is reopened and completed anew, two years on.
    completed_on(back, datetime.date(2021, 1, 1))
    back = Item.objects.get(pk=activity.pk)
    back.save()  # a history row with the new completion date, as an edit writes
    assert services.items_archive(today=datetime.date(2023, 6, 1)) == 1


@pytest.mark.parametrize("role", ["official_a", "liaison_officer"])
def test_only_the_secretariat_brings_items_back(client, sign_in, plan, role):
    _plan, items = plan
    services.items_archive(today=FROZEN)
    sign_in(role)
    activity = items["t1.1.2"]
    assert client.get(url("bring_back", pk=activity.pk)).status_code == 404
    assert client.post(url("bring_back", pk=activity.pk)).status_code == 404
    assert Item.objects.get(pk=activity.pk).archived_on == FROZEN
    assert "Bring it back" not in text_of(client.get(url("item", pk=activity.pk)))


def test_an_archived_item_cannot_be_edited_until_brought_back(client, sign_in, plan):
    _plan, items = plan
    services.items_archive(today=FROZEN)
    sign_in("secretariat")
    activity = Item.objects.get(pk=items["t1.1.2"].pk)
    response = client.post(url("edit", pk=activity.pk), form_for(activity, schedule_en="x"))
    assert "bring it back before editing it" in text_of(response)
    assert Item.objects.get(pk=activity.pk).schedule_en == ""


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31)))
def test_the_day_an_activity_moves_is_the_first_the_rule_moves_it(done_since):
    day = services.archive_date(done_since)
    assert services.two_years_before(day) > done_since
    assert not services.two_years_before(day - datetime.timedelta(days=1)) > done_since
    assert day - done_since <= datetime.timedelta(days=733)


def test_a_leap_day_and_the_28th_before_one_move_on_the_first_of_march():
    assert services.archive_date(datetime.date(2022, 2, 28)) == datetime.date(2024, 3, 1)
    assert services.archive_date(datetime.date(2020, 2, 29)) == datetime.date(2022, 3, 1)
    assert services.archive_date(datetime.date(2022, 3, 1)) == datetime.date(2024, 3, 2)


def test_the_historical_page_gives_the_rule_and_the_day_each_activity_moves(client, plan):
    _plan, items = plan
    today = timezone.localdate()
    recently = today - datetime.timedelta(days=30)
    completed_on(items["rt1.1.1"], recently)  # t1.1.2 was completed on 1 March 2015
    page = text_of(client.get(url("historical")))
    assert (
        "The Plan of Action's own notes give the rule: Actions carried out more than 2 years "
        "ago are compiled in a Historical Plan of Action"
    ) in page
    assert (
        "Puebla applies it to activities, every morning: an activity whose status is Completed "
        "moves here once more than two years have passed since the day it took that status"
    ) in page
    assert "The 2 activities the rule will move, soonest first" in page
    due = (
        "1.1.2 Training for consular officers Completed since March 1, 2015 · moves here on "
        "March 2, 2017 (due: the next morning's run moves it)"
    )
    coming = (
        "1.1.1 Seminars, workshops, campaigns on the rights of migrants Completed since "
        f"{date_format(recently, 'DATE_FORMAT')} · moves here on "
        f"{date_format(services.archive_date(recently), 'DATE_FORMAT')}"
    )
    assert due in page and coming in page
    assert page.index(due) < page.index(coming)
    assert "No activity has moved to the Historical Plan of Action yet." in page

    # The morning's run moves the first; the page then shows it moved, and the other waiting.
    assert services.items_archive(today=today) == 1
    page = text_of(client.get(url("historical")))
    assert "The activity the rule will move, with the day it moves here: 1.1.1 Seminars" in page
    assert "1.1.2 Training for consular officers" in page
    assert f"In the Historical Plan of Action since {date_format(today, 'DATE_FORMAT')}." in page

    with translation.override("es"):
        page = text_of(client.get(url("historical", "es")))
        assert (
            "Las notas del propio Plan de Acción establecen la regla: Actions carried out more "
            "than 2 years ago are compiled in a Historical Plan of Action (aún sin traducción "
            "al español)"
        ) in page
        assert "una actividad cuyo estado es Completada pasa aquí" in page
        assert (
            f"Completada desde el {date_format(recently, 'DATE_FORMAT')} · pasa aquí el "
            f"{date_format(services.archive_date(recently), 'DATE_FORMAT')}"
        ) in page


def test_the_historical_page_says_when_nothing_is_waiting(client, plan):
    _plan, items = plan
    Item.objects.filter(pk=items["t1.1.2"].pk).update(status=Status.objects.get(key="ongoing"))
    page = text_of(client.get(url("historical")))
    assert (
        "No activity of the current plan has the status Completed with the day it took it: the "
        "rule has nothing to move yet."
    ) in page
