"""The Plan of Action's page at any size (issue 35): its figures summed by the database are the
ones the whole tree gives, item for item, and every level (or a filter) is shown a page at a
time, each page in context, linked to the others and to each theme's first page."""

import datetime
import html
import random
import re
from decimal import Decimal

import pytest
from django.utils import translation

from puebla.planning.models import Item, Status
from puebla.planning.outline import current_outline
from puebla.planning.progress_words import progress_words
from puebla.planning.views import paging, public, reading
from puebla.planning.views.tree_markup import tree_html
from tests.planning.sample_plan import Builder, gcm
from tests.planning.test_views import url

pytestmark = pytest.mark.django_db

Level = Item.Level
# Every kind of figure: none, statuses with and without a default progress, the source's bold
# italics (no default), and none at all.
STATUSES = [None, "ongoing", "in_progress", "pending", "pending_input", "completed"]
STATUSES += ["proposed_removal", Status.MARKED]
WEIGHTS = [None, None, None, Decimal(0), Decimal("0.29"), Decimal("2.50"), Decimal("1.33")]


@pytest.fixture
def mixed_plan():
    """Three themes of objectives, actions and activities with every status, some weights
    (0 and fractions), progress set by hand at every level, an action whose activities all
    weigh 0, an activity directly under an objective, an archived activity and an archived
    action (with its activities), and Global Compact tags."""
    rng = random.Random(35)  # noqa: S311 - made-up data, not a secret
    build = Builder()
    objectives = [gcm(number) for number in (1, 2, 3)]

    def add(parent, level, number, **chosen):
        fields = {
            "status": rng.choice(STATUSES),
            "weight": rng.choice(WEIGHTS),
            "progress_override": rng.choice([None] * 8 + [0, 40, 75]),
            "responsible_kind": rng.choice(["", "secretariat", "presidency"]),
        }
        item = build.add(
            parent, level, number, f"Item {number}", f"Elemento {number}", **(fields | chosen)
        )
        if rng.random() < 0.4:
            item.gcm_objectives.set([rng.choice(objectives)])
        return item

    for t in range(1, 4):
        theme = add(None, Level.THEME, f"theme-{t}")
        for o in range(1, 4):
            objective = add(theme, Level.OBJECTIVE, f"{t}.{o}")
            for a in range(1, rng.randint(1, 3) + 1):
                action = add(objective, Level.ACTION, f"{t}.{o}.{a}")
                weightless = (t, o, a) == (1, 1, 1)
                for n in range(1, rng.randint(0, 5) + 1):
                    extra = {"weight": Decimal(0)} if weightless else {}
                    add(action, Level.ACTIVITY, f"{t}.{o}.{a}.{n}", **extra)
            if (t, o) == (2, 2):
                add(objective, Level.ACTIVITY, f"{t}.{o}.direct")
    archived = datetime.date(2020, 1, 1)
    activities = Item.objects.filter(level=Level.ACTIVITY).order_by("position")
    Item.objects.filter(pk=activities[3].pk).update(archived_on=archived)
    action = Item.objects.filter(level=Level.ACTION, children__isnull=False).last()
    Item.objects.filter(pk=action.pk).update(archived_on=archived)
    return build.plan


def test_the_database_sums_give_every_figure_the_whole_tree_gives(mixed_plan):
    tree = reading.plan_items(mixed_plan, archived=False)  # every item, rolled up in Python
    reading.count_activities(tree)
    outline = current_outline(mixed_plan)
    above = [item for item in tree if item.level != Level.ACTIVITY]
    assert len(above) > 30
    # Every kind of figure is among them.
    assert any(item.progress.overridden for item in above)
    assert any(item.progress.from_parts and item.progress.reported for item in above)
    assert any(item.progress.from_status for item in above)
    assert any(not item.progress.known for item in above)
    for item in above:
        assert outline.progress[item.pk] == item.progress, item.number
        assert outline.activities[item.pk] == item.activity_count, item.number
    assert set(outline.progress) == {item.pk for item in above}
    activities = sum(1 for item in tree if item.level == Level.ACTIVITY)
    assert outline.activity_count == activities


def metas(body: str) -> dict[int, str]:
    """Each item's line of status and progress on a page, by the item's primary key."""
    found = re.findall(r'id="item-(\d+)">.*?<p class="plan-meta">(.*?)</p>', body, re.DOTALL)
    return {int(pk): html.unescape(meta) for pk, meta in found}


def whole_tree(plan, criteria: dict) -> dict[int, str]:
    """What the page showed before it was read a page at a time: every matching item and the
    items above them, their figures worked out over every item."""
    with translation.override("en"):
        items = reading.filtered(reading.plan_items(plan, archived=False), criteria)
        reading.count_activities(items)
        return metas(tree_html(items, reading.nest(items)))


def test_the_overview_shows_the_figures_the_whole_tree_gives(client, mixed_plan):
    expected = {
        pk: meta
        for pk, meta in whole_tree(mixed_plan, {}).items()
        if Item.objects.get(pk=pk).level <= Level.OBJECTIVE
    }
    shown = metas(client.get(url("plan")).content.decode())
    assert shown == expected
    assert any(" activities" in meta for meta in shown.values())


@pytest.mark.parametrize(
    "criteria",
    [
        {},
        {"status": "ongoing"},
        {"status": "completed", "gcm": "2"},
        {"responsible": "secretariat"},
        {"gcm": "3"},
        {"theme": "second"},
    ],
)
def test_every_level_in_pages_shows_what_the_whole_tree_showed(
    client, mixed_plan, monkeypatch, criteria
):
    monkeypatch.setattr(paging, "ITEMS_PER_PAGE", 7)
    if criteria.get("theme") == "second":
        criteria = {"theme": str(Item.objects.get(key="theme-2").pk)}
    expected = whole_tree(mixed_plan, criteria)
    query = {**criteria, "detail": "all"}
    first = client.get(url("plan"), query).content.decode()
    pages = int(re.search(r"Page 1 of (\d+)", first).group(1)) if "Page 1 of" in first else 1
    assert pages > 1 or criteria
    shown: dict[int, str] = {}
    for number in range(1, pages + 1):
        body = client.get(url("plan"), {**query, "page": number}).content.decode()
        on_page = metas(body)
        activities = [pk for pk in on_page if Item.objects.get(pk=pk).level == Level.ACTIVITY]
        assert len(activities) <= 7
        for pk, meta in on_page.items():
            assert shown.setdefault(pk, meta) == meta  # the same wherever it shows
    # Every item, each where it was, with the same status, progress and counts.
    assert list(shown) == list(expected)
    assert shown == expected


@pytest.fixture
def long_plan(mixed_plan, monkeypatch):
    monkeypatch.setattr(paging, "ITEMS_PER_PAGE", 7)
    return mixed_plan


def test_a_page_starts_in_context_and_links_to_the_others_with_its_filters(client, long_plan):
    body = client.get(url("plan"), {"detail": "all", "page": "3"}).content.decode()
    pages = int(re.search(r"Page 3 of (\d+)", body).group(1))
    assert '<li aria-current="page">Page 3 of' in body
    assert '<a href="?detail=all&amp;page=2" rel="prev">Previous page</a>' in body
    assert '<a href="?detail=all&amp;page=4" rel="next">Next page</a>' in body
    assert "This page shows items 15 to 21 of" in body
    # It reads in context: a theme's heading first, then an objective's, as on the first page.
    tree = body[body.index('<div class="plan-tree">') :]
    assert tree.index('<h2 id="item-') < tree.index('<h3 id="item-') < tree.index("<li class=")
    # Each theme links to the page it starts on; the one this page is in says so.
    themes = list(Item.objects.filter(level=Level.THEME).order_by("position"))
    assert f'<a href="#item-{themes[0].pk}" aria-current="location">' not in body
    assert f'<a href="?detail=all&amp;page=1#item-{themes[0].pk}" aria-current="location">' in (
        body
    )
    assert re.search(rf'href="\?detail=all&amp;page=\d+#item-{themes[2].pk}">', body)
    assert "(pages 1 to " in body
    last = client.get(url("plan"), {"detail": "all", "page": str(pages)}).content.decode()
    assert 'rel="next"' not in last
    # A wrong page number is the first page, one past the end the last.
    wrong = client.get(url("plan"), {"detail": "all", "page": "x"}).content.decode()
    assert "Page 1 of" in wrong and 'rel="prev"' not in wrong
    beyond = client.get(url("plan"), {"detail": "all", "page": "999"}).content.decode()
    assert f"Page {pages} of {pages}" in beyond


def test_a_filtered_pages_links_keep_its_filters(client, long_plan):
    body = client.get(url("plan"), {"status": "ongoing", "page": "2"}).content.decode()
    assert '<a href="?status=ongoing&amp;page=1" rel="prev">' in body


def test_a_plan_on_one_page_links_its_themes_on_the_page(client, mixed_plan):
    body = client.get(url("plan"), {"detail": "all"}).content.decode()
    assert "Page 1 of" not in body
    theme = Item.objects.filter(level=Level.THEME).order_by("position").first()
    assert f'<a href="#item-{theme.pk}">Item theme-1</a>' in body
    assert "aria-current" not in body.split("<main", 1)[1]


def test_the_page_cache_keeps_every_address_the_page_links_to(client, long_plan):
    """A link whose query parameter the cache left out of its key would be served another
    address's page (puebla.core.pagecache)."""
    params = public.plan_page.public_page_params
    for query in ({}, {"detail": "all", "page": "2"}, {"status": "ongoing", "gcm": "1"}):
        body = client.get(url("plan"), query).content.decode()
        for link in re.findall(r'href="\?([^"#]*)', body):
            names = {pair.split("=")[0] for pair in html.unescape(link).split("&") if pair}
            assert names <= params, link
    second = client.get(url("plan"), {"detail": "all", "page": "2"}).content
    assert client.get(url("plan"), {"detail": "all", "page": "3"}).content != second
    assert client.get(url("plan"), {"detail": "all", "page": "2"}).content == second


def test_the_historical_page_shows_what_the_whole_plan_gives(client, mixed_plan):
    """Read from what moved there and the items above it, not from the whole plan."""
    with translation.override("en"):
        items = reading.plan_items(mixed_plan, archived=True)
        expected = metas(tree_html(items, reading.nest(items)))
    assert len(expected) > 4
    shown = metas(client.get(url("historical")).content.decode())
    assert list(shown) == list(expected)
    assert shown == expected


def test_an_items_page_gives_the_figures_the_whole_plan_gives(client, mixed_plan):
    """Its progress and its parts' are worked out from the items below it, archived or not."""
    with translation.override("en"):
        tree = reading.plan_items(mixed_plan, archived=None)
        words = {item.pk: html.escape(progress_words(item.progress)) for item in tree}
    for item in tree:
        if item.level == Level.ACTIVITY and item.pk % 3:
            continue  # a third of the activities is enough
        body = client.get(url("item", pk=item.pk)).content.decode()
        progress = re.search(r"<dt>Progress</dt><dd>(.*?)</dd>", body).group(1)
        assert words[item.pk] in progress, item.number
        for part in item.parts:
            shown = re.search(rf'<li><a href="{part.url}">.*?</a> — (.*?)</li>', body).group(1)
            assert words[part.pk] in shown, part.number


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_compact_objectives_page_lists_its_items_with_the_whole_plans_figures(
    client, mixed_plan, number
):
    with translation.override("en"):
        tree = reading.plan_items(mixed_plan, archived=None)
    tagged = [item for item in tree if number in item.gcm_numbers]
    assert tagged
    body = client.get(url("gcm_objective", number=number)).content.decode()
    body = body[body.index('<ul class="plan-list">') :]
    listed = re.findall(r'<li><a href="([^"]+)">.*?<p class="plan-meta">(.*?)</p></li>', body, re.S)
    assert [address for address, _meta in listed] == [item.url for item in tagged]
    for item, (_address, meta) in zip(tagged, listed, strict=True):
        with translation.override("en"):
            assert html.escape(progress_words(item.progress)) in meta, item.number
