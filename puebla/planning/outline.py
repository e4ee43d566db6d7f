"""A plan's outline, read by aggregates whatever the plan's size: everything above its
activities (themes, objectives, implementation actions), each with its progress rolled up
from the current plan's activities (puebla.planning.rollup's rules), how many activities lie
below it, and where it stands in the tree.

The activities are never read one by one: the database counts and sums them, grouped by the
item above them and their weight (one query; activities seldom have one), and the items above
them are read as plain rows (one query), over which the sums roll up. The database adds up
whole numbers only (an activity's progress is a whole percentage) and the weights multiply
here, in decimals, so the figures are exactly the ones `rollup.progress_by_item` works out
over every item. A plan of 15,000 activities is some 4,000 rows above them.
Every page of the plan (each page and filter is a page of its own) reads the same outline,
so a process works it out once per version of the content (puebla.core.per_version).

The outline also knows which of those items are out of the current plan (archived, or under
an archived item), so that a query for the current plan's items is the items not archived
whose parent is not among those (`Outline.current_items`), without joining each item to the
three above it.

`outline_below(plan, items)` does the same for some items and everything below them, archived
or not, as over the whole plan (an item's page, a Global Compact objective's page): reading a
query per level below them rather than the whole plan.

Activities are the leaves of the tree: nothing lies below an activity (Item.Level).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce

from puebla.core.per_version import kept_per_version
from puebla.planning.models import Item, Plan
from puebla.planning.rollup import PartsSum, Progress

# An activity's progress: set by hand, else its status's default; None when neither is set.
ACTIVITY_PROGRESS = Coalesce("progress_override", "status__default_progress")


@dataclass
class Outline:
    """The current plan above its activities (or, from `outline_below`, some items and what
    lies below them), by primary key: each theme's, objective's and action's `progress`, how
    many `activities` lie below it, its `parent` and `level`; for the current plan, `themes`
    in reading order and each item's `theme`, and `excluded`: the items above activities that
    are not in the current plan."""

    plan: Plan
    progress: dict[int, Progress] = field(default_factory=dict)
    activities: dict[int, int] = field(default_factory=dict)
    parent: dict[int, int | None] = field(default_factory=dict)
    level: dict[int, int] = field(default_factory=dict)
    theme: dict[int, int] = field(default_factory=dict)
    themes: list[int] = field(default_factory=list)
    excluded: frozenset[int] = frozenset()
    deepest_first: list[int] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        """How many activities the current plan has."""
        return sum(self.activities[pk] for pk in self.themes)

    def current_items(self) -> QuerySet:
        """The current plan's items: not archived, nor under an archived item."""
        return Item.objects.filter(plan=self.plan, archived_on__isnull=True).exclude(
            parent_id__in=self.excluded
        )

    def above(self, pk: int | None) -> list[int]:
        """`pk` and the items above it, nearest first (for an item above activities)."""
        chain = []
        while pk is not None:
            chain.append(pk)
            pk = self.parent[pk]
        return chain

    def items_per_theme(self, deepest: int) -> dict[int, int]:
        """How many current items each theme holds down to level `deepest`, itself included."""
        counts = dict.fromkeys(self.themes, 0)
        for pk, level in self.level.items():
            if level <= deepest:
                counts[self.theme[pk]] += 1
        if deepest >= Item.Level.ACTIVITY:
            for pk in self.themes:
                counts[pk] += self.activities[pk]
        return counts

    def below(self, pk: int) -> list[int]:
        """`pk` and every item above activities below it."""
        return [node for node in self.parent if pk in self.above(node)]

    def counts_below(self, by_parent: dict[int, int]) -> dict[int, int]:
        """Given how many activities of a kind (those matching a filter) each item directly
        above activities has, how many lie below each item of the outline."""
        counts = defaultdict(int, by_parent)
        for pk in self.deepest_first:
            parent = self.parent[pk]
            if parent is not None:
                counts[parent] += counts[pk]
        return {pk: counts[pk] for pk in self.parent}


# What the roll-up reads of each item above the activities (`archived_on` last: only the
# current plan's outline asks which are archived).
ROW = ("pk", "parent_id", "level", "progress_override", "weight", "status__default_progress")


@kept_per_version
def current_outline(plan: Plan) -> Outline:
    """The outline of `plan`'s current items (two queries), worked out once per process and
    content version (puebla.core.per_version): every page of the plan reads the same."""
    rows = (
        Item.objects.filter(plan=plan)
        .exclude(level=Item.Level.ACTIVITY)
        .values_list(*ROW, "archived_on")
        .order_by("position")
    )
    parent_of = {}
    archived = set()
    nodes = []
    for row in rows:
        parent_of[row[0]] = row[1]
        if row[6] is not None:
            archived.add(row[0])
        nodes.append(row[:6])
    excluded = {pk for pk in parent_of if _archived_here_or_above(pk, parent_of, archived)}
    outline = Outline(plan, excluded=frozenset(excluded))
    nodes = [row for row in nodes if row[0] not in excluded]
    for pk, parent_id, level, *_figures in nodes:
        outline.parent[pk] = parent_id
        outline.level[pk] = level
        if parent_id is None:
            outline.themes.append(pk)
    outline.theme = {pk: outline.above(pk)[-1] for pk in outline.parent}
    activities = Item.objects.filter(plan=plan, archived_on__isnull=True)
    sums = [row for row in _activity_sums(activities) if row[0] not in excluded]
    _roll_up(outline, nodes, sums)
    return outline


def outline_below(plan: Plan, items: list[Item]) -> Outline:
    """The figures of `items` (above the activities, of one plan) and of every item below
    them, archived or not: as over the whole plan, read from what lies below them only (a
    query per level below, and one for the activities' sums). `items` are its roots."""
    nodes = [
        (item.pk, None, item.level, item.progress_override, item.weight, _status_progress(item))
        for item in items
    ]
    above = [item.pk for item in items if item.level < Item.Level.ACTION]
    while above:
        below = list(
            Item.objects.filter(parent_id__in=above, level__lt=Item.Level.ACTIVITY)
            .values_list(*ROW)
            .order_by("position")
        )
        nodes += below
        above = [row[0] for row in below if row[2] < Item.Level.ACTION]
    outline = Outline(plan)
    for pk, parent_id, level, *_figures in nodes:
        outline.parent[pk] = parent_id
        outline.level[pk] = level
    activities = Item.objects.filter(parent_id__in=list(outline.parent))
    _roll_up(outline, nodes, _activity_sums(activities))
    return outline


def _status_progress(item: Item) -> int | None:
    return item.status.default_progress if item.status_id is not None else None


def _roll_up(outline: Outline, nodes: list[tuple], sums) -> None:
    """Each node's `progress` and `activities`, deepest first: `nodes` are rows of ROW for
    the items above the activities, `sums` the activities' (`_activity_sums`)."""
    by_parent: dict[int, list[tuple]] = defaultdict(list)
    for row in sums:
        by_parent[row[0]].append(row)
    parts: dict[int, list[tuple]] = defaultdict(list)
    for row in nodes:
        parts[row[1]].append(row)
    exact: dict[int, Decimal | None] = {}
    # Deepest first, in reading order within a level: each item's parts are done before it.
    for pk, _parent, _level, override, _weight, status_progress in sorted(
        nodes, key=lambda row: -row[2]
    ):
        outline.deepest_first.append(pk)
        below = PartsSum()
        activities = 0
        for _above, weight, count, known, reported, plain in by_parent.get(pk, ()):
            activities += count
            if known and override is None:
                below.add_group(weight=weight, known=known, plain=plain, reported=reported)
        if override is None:
            for part in parts[pk]:
                below.add(exact[part[0]], part[4], outline.progress[part[0]])
        exact[pk], outline.progress[pk] = below.progress(override, status_progress)
        outline.activities[pk] = activities + sum(outline.activities[part[0]] for part in parts[pk])


def _archived_here_or_above(pk, parent_of, archived) -> bool:
    while pk is not None:
        if pk in archived:
            return True
        pk = parent_of.get(pk)
    return False


def activities_by_parent(activities: QuerySet) -> dict[int, int]:
    """How many of `activities` each item directly above them has (one query)."""
    return dict(
        activities.values("parent_id")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("parent_id", "count")
    )


def _activity_sums(items: QuerySet):
    """(item above, weight, how many, how many with a progress, how many of those set by
    hand, the sum of their progress) for the activities among `items`, grouped by the item
    directly above them and their weight."""
    return (
        items.filter(level=Item.Level.ACTIVITY)
        .values("parent_id", "weight")
        .annotate(
            count=Count("pk"),
            known=Count(ACTIVITY_PROGRESS),
            reported=Count("progress_override"),
            plain=Sum(ACTIVITY_PROGRESS),
        )
        .order_by()
        .values_list("parent_id", "weight", "count", "known", "reported", "plain")
    )
