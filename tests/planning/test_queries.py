"""The Plan of Action's pages cost as many queries with 1,500 activities as with a dozen, for
anonymous visitors and for a signed-in member; an item's page as many with a long history."""

import datetime

import pytest

from puebla.planning import services
from puebla.planning.models import Item, Status
from puebla.planning.views import paging
from tests.planning.sample_plan import gcm, grow, make_plan
from tests.planning.test_editing import url
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db

ACTIVITIES = 1500


@pytest.fixture
def plan():
    return make_plan()


def grow_and_archive(plan):
    grown = grow(plan, ACTIVITIES)
    # A few of them completed long ago, for the historical page.
    Item.objects.filter(pk__in=[item.pk for item in grown[:30]]).update(
        status=Status.objects.get(key="completed"),
        status_since=datetime.date(2010, 1, 1),
    )
    services.items_archive(today=datetime.date(2020, 1, 1))


@pytest.mark.parametrize("role", [None, "liaison_officer"])
@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("plan", {}),
        ("plan", {"detail": "all"}),
        ("plan", {"status": "ongoing", "gcm": "2"}),
        ("plan", {"responsible": "secretariat", "page": "2"}),
        ("historical", {}),
    ],
)
def test_the_plan_pages(client, sign_in, plan, role, name, query):
    plan, _items = plan
    if role:
        sign_in(role)
    if name == "historical":
        # Read from what moved there: with nothing moved yet, it reads nothing more.
        services.items_archive(today=datetime.date(2020, 1, 1))
    address = url(name)
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    _before, after = assert_queries_constant(client, address, lambda: grow_and_archive(plan))
    content = after.content.decode()
    current = ACTIVITIES + 4 - 30 - 1  # the sample's 4, one of them archived, as are 30 grown
    if query == {"detail": "all"}:
        # The first page of the 1,500 activities and the 300 items above them.
        assert f"{current} activities, shown with every level above them." in content
        shown = Item.objects.filter(plan=plan, archived_on__isnull=True).count()
        assert f"Page 1 of {-(-shown // paging.ITEMS_PER_PAGE)}" in content
        assert "Grown activity 30" in content
        assert "Grown activity 1499" not in content
    if name == "plan" and not query:
        # The first page of the themes and the 152 objectives.
        assert f"with the progress of its {current} activities." in content
        assert "Grown objective 0" in content
        assert "Page 1 of 2" in content
    if name == "historical":
        assert "Grown activity 29" in content


def test_a_later_page_of_every_level(client, plan):
    """A later page starts in context (the items above its first one): as many queries on a
    page of a plan of 300 activities as on the last of 1,800."""
    plan, _items = plan
    grow(plan, 300)
    address = url("plan") + "?detail=all&page=999"
    _before, after = assert_queries_constant(
        client, address, lambda: grow(plan, ACTIVITIES, start=300)
    )
    content = after.content.decode()
    pages = -(-Item.objects.filter(plan=plan).count() // paging.ITEMS_PER_PAGE)
    assert f"Page {pages} of {pages}" in content
    assert "Grown activity 1799" in content


def test_a_global_compact_objective_page(client, plan):
    plan, items = plan
    # Read from the items tagged with it: with none yet, it reads nothing more.
    items["t1.1.1"].gcm_objectives.add(gcm(2))
    _before, after = assert_queries_constant(
        client, url("gcm_objective", number=2), lambda: grow_and_archive(plan)
    )
    assert "Grown activity 1498" in after.content.decode()


def test_an_item_page_with_a_long_history_in_a_large_plan(client, sign_in, plan):
    plan, items = plan
    activity = items["t1.1.1"]
    secretariat = make_user("secretariat")

    def grow_and_edit():
        grow(plan, ACTIVITIES)
        for number in range(10):
            services.item_update(
                item=activity,
                expected_version=Item.objects.get(pk=activity.pk).version,
                changes={"schedule_en": f"Schedule {number}"},
                meeting_keys=["xxi-rcm"],
                document_keys=["plan-of-action"] if number % 2 else [],
                comment=f"Edit {number}",
                by=secretariat,
            )

    # Evidence from the start: a list of none is read without a query at all.
    services.item_update(
        item=activity,
        expected_version=1,
        changes={},
        meeting_keys=["xxi-rcm"],
        document_keys=["plan-of-action"],
        comment="Evidence",
        by=secretariat,
    )
    sign_in("official_a")
    _before, after = assert_queries_constant(client, url("item", pk=activity.pk), grow_and_edit)
    content = after.content.decode()
    assert "Comment: Edit 9" in content
    assert "Schedule 9" in content


def test_the_intranet_list(client, sign_in, plan):
    plan, _items = plan
    sign_in("secretariat")
    _before, after = assert_queries_constant(
        client, url("intranet_list"), lambda: grow(plan, ACTIVITIES)
    )
    assert "Page 1 of 19" in after.content.decode()  # 12 + 1,500 activities + 300 above


def test_the_edit_form(client, sign_in, plan):
    plan, items = plan
    sign_in("secretariat")
    assert_queries_constant(
        client, url("edit", pk=items["t1.1.1"].pk), lambda: grow(plan, ACTIVITIES)
    )
