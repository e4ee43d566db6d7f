"""The Plan of Action's page, read in a number of queries and rows that does not grow with the
plan: its overview (themes and objectives) or every level down to the activities, a page at a
time, with its filters applied by the database.

Progress, activity counts and the tree's shape come from the plan's outline
(puebla.planning.outline: sums over the activities, never the activities themselves). The
items are shown in pages of ITEMS_PER_PAGE in reading order, each page with the items above
its first ones (their theme, objective and action) so that it reads in context, as a filtered
page does; a theme's link names the pages it is on. Positions are the tree's reading order
(the importer numbers them so, migration 0004 renumbered older plans), so a page is a slice of
the items ordered by position, and a theme's items come before the next theme's.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from puebla.core.per_version import kept_per_version
from puebla.planning.models import Item, Plan
from puebla.planning.outline import Outline, current_outline
from puebla.planning.rollup import own_progress
from puebla.planning.views import reading

# A page: the 2009 plan's 93 items fit on one; a plan of 15,000 activities (some 19,000
# items) takes 191 pages of every level, each about as heavy as the 2009 plan in full.
ITEMS_PER_PAGE = 100


@dataclass(frozen=True)
class ThemeLink:
    theme: Item
    first_page: int  # the page on which the theme starts
    last_page: int  # and the one on which it ends
    here: bool  # it is on the page shown


@dataclass
class PlanPage:
    items: list[Item]  # the page's items and the items above them, in reading order
    page: Page
    themes: list[ThemeLink]  # the themes with items shown, each with its pages
    activity_count: int  # how many activities are shown, on every page together


def matching(outline: Outline, criteria: dict[str, str]) -> QuerySet:
    """The current items that match every criterion (the filter form's, validated): the
    database's reading of `reading.filtered`, without the items above them."""
    items = outline.current_items()
    if "theme" in criteria:
        theme = int(criteria["theme"])
        items = items.filter(Q(pk=theme) | Q(parent_id__in=outline.below(theme)))
    if "status" in criteria:
        items = items.filter(status__key=criteria["status"])
    if "responsible" in criteria:
        items = items.filter(_responsible(criteria["responsible"]))
    if "gcm" in criteria:
        tagged = Item.gcm_objectives.through.objects.filter(
            item=OuterRef("pk"), gcmobjective__number=int(criteria["gcm"])
        )
        items = items.filter(Exists(tagged))
    return items


@kept_per_version
def responsible_choices(plan: Plan, language: str) -> list[tuple[str, str]]:
    """The responsible filter's choices for the current plan, named in `language` (the
    active one): every party its current items name. The same on every page of the plan,
    so worked out once per process and content version (puebla.core.per_version)."""
    return reading.responsible_choices_in(current_outline(plan).current_items())


def _responsible(value: str) -> Q:
    """The condition for a responsible filter's value ("secretariat", "body-3"; see
    forms.responsible_value)."""
    kind, _dash, pk = value.partition("-")
    if kind not in reading.RESPONSIBLE:
        return Q(responsible_kind=value)
    column = reading.RESPONSIBLE[kind][1]
    if not pk.isdigit():  # a party of that kind without the one it names
        return Q(responsible_kind=kind, **{f"{column}__isnull": True})
    return Q(responsible_kind=kind, **{column: int(pk)})


def plan_page(
    outline: Outline,
    themes: list[Item],
    criteria: dict[str, str],
    number,
    *,
    deepest: int = Item.Level.ACTIVITY,
) -> PlanPage:
    """Page `number` (as the address gives it: a wrong one is the first page, one past the
    end the last) of the current items matching `criteria`, down to level `deepest`."""
    items = matching(outline, criteria).filter(level__lte=deepest)
    per_theme, activities_below = _counts(outline, items, criteria, deepest)
    total = sum(per_theme.values())
    # The paginator counts places in the list only; the page's items are read below.
    page = Paginator(range(total), ITEMS_PER_PAGE).get_page(number)
    start = page.start_index() - 1 if total else 0
    shown = list(reading.listed(items).order_by("position")[start : start + ITEMS_PER_PAGE])
    on_page = {item.pk for item in shown}
    above = {pk for item in shown for pk in outline.above(item.parent_id) if pk not in on_page}
    if above:
        shown += reading.listed(Item.objects.filter(pk__in=above))
        shown.sort(key=lambda item: item.position)
    _prepare(shown, outline, activities_below)
    links, first = [], 0
    for theme in themes:
        count = per_theme.get(theme.pk, 0)
        if count:
            pages = (first // ITEMS_PER_PAGE + 1, (first + count - 1) // ITEMS_PER_PAGE + 1)
            here = pages[0] <= page.number <= pages[1]
            links.append(ThemeLink(theme, *pages, here=here))
            first += count
    return PlanPage(
        items=shown,
        page=page,
        themes=links,
        activity_count=sum(activities_below.get(pk, 0) for pk in outline.themes),
    )


def _counts(outline, items, criteria, deepest) -> tuple[dict[int, int], dict[int, int]]:
    """How many of `items` each theme holds, and how many of their activities lie below each
    item of the outline. Unfiltered, the outline knows; filtered, one query counts the items
    by the item above them (a theme by itself), each group in the outline's tree."""
    if not criteria:
        return outline.items_per_theme(deepest), outline.activities
    groups = (
        items.annotate(group=Coalesce("parent_id", "pk", output_field=BigIntegerField()))
        .values("group")
        .annotate(count=Count("pk"), activities=Count("pk", filter=Q(level=Item.Level.ACTIVITY)))
        .order_by()
        .values_list("group", "count", "activities")
    )
    per_theme: dict[int, int] = {}
    by_parent: dict[int, int] = {}
    for group, count, activities in groups:
        theme = outline.theme[group]
        per_theme[theme] = per_theme.get(theme, 0) + count
        if activities:
            by_parent[group] = activities
    return per_theme, outline.counts_below(by_parent)


def _prepare(items: list[Item], outline: Outline, activities_below: dict[int, int]) -> None:
    """Decorate `items` for the tree (reading.decorate): progress from the outline (an
    activity's from its own fields), and under a theme or an objective how many activities."""
    progress = {
        item.pk: own_progress(item)
        if item.level == Item.Level.ACTIVITY
        else outline.progress[item.pk]
        for item in items
    }
    tags = reading.gcm_numbers(
        Item.gcm_objectives.through.objects.filter(item_id__in=[item.pk for item in items])
    )
    reading.decorate(items, progress=progress, tags=tags, names=reading.responsible_names(items))
    for item in items:
        item.activity_count = activities_below.get(item.pk, 0)
