"""Progress on every level of a plan, rolled up from its activities, in Python over one query.

An item's progress is, in this order:
  1. its progress set by hand (`progress_override`): reported progress, marked as such;
  2. the average of its parts' progress, weighted where weights are set (no weight counts
     as 1), over the parts that have a progress;
  3. its own status's default progress: an estimate, never reported progress. The plan's
     source gives statuses only ("Ongoing"), so a figure worked out from one is shown as an
     estimate from the status, and a roll-up that counts one is an estimate too;
  4. none (no status, no parts with progress): shown as "not given", never as 0 %.

Each `Progress` also says what it stands on: how many items' own figures it counts
(`counted`: the item itself for 1 and 3, the items below for 2) and how many of those are
reported (`reported`), so a theme's roll-up says how many of its items have reported progress.

`PartsSum` is the arithmetic: the average of an item's parts, fed part by part here and by
sums over the activities in puebla.planning.outline, which gives the current plan's figures
above its activities without reading each activity (the pages of the plan use it).

`tree(plan)` reads the plan's items in one query (statuses joined) and returns them in
reading order, each with `.progress` (a `Progress`) and `.parts` set, so a page renders every
level without further queries. Reading order is the tree's (`in_tree_order`): each item
followed by its parts, so activity 1.1.1 comes between actions 1.1 and 1.2.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from puebla.planning.models import Item, Plan


@dataclass(frozen=True)
class Progress:
    percent: int | None  # 0-100, rounded; None when nothing gives one
    overridden: bool = False  # set by hand rather than computed: reported progress
    counted: int = 0  # how many items' own figures (reported or from a status) it counts
    reported: int = 0  # how many of those are reported (set by hand)
    from_parts: bool = False  # the average of its parts' progress

    @property
    def known(self) -> bool:
        return self.percent is not None

    @property
    def estimated(self) -> bool:
        """Worked out, in whole or in part, from a status's default progress."""
        return self.known and self.reported < self.counted

    @property
    def from_status(self) -> bool:
        """The item's own status gives it: an estimate from the status."""
        return self.known and not self.overridden and not self.from_parts


NONE = Progress(None)


class PartsSum:
    """What an item's parts with a progress add up to, part by part (`add`) or a group of
    them at once (`add_group`: activities summed by the database, puebla.planning.outline).
    `progress` then gives the item's own progress, by the rules above."""

    __slots__ = ("counted", "known", "plain", "reported", "weight", "weighted")

    def __init__(self):
        self.weighted = Decimal(0)  # the sum of each part's progress times its weight
        self.weight = Decimal(0)
        self.plain = Decimal(0)  # the sum of their progress, for when every weight is 0
        self.known = 0  # how many parts have a progress
        self.counted = 0
        self.reported = 0

    def add(self, value: Decimal | None, weight: Decimal | None, progress: Progress) -> None:
        if value is None:
            return  # a part without progress does not pull the average down
        weight = _weight(weight)
        self.weighted += value * weight
        self.weight += weight
        self.plain += value
        self.known += 1
        self.counted += progress.counted
        self.reported += progress.reported

    def add_group(self, *, weight: Decimal | None, known: int, plain: int, reported: int) -> None:
        """Parts that weigh the same (`weight`) and count their own figure each
        (activities): `known` of them have a progress, summing to `plain`, `reported` of
        those set by hand."""
        weight = _weight(weight)
        self.weighted += plain * weight
        self.weight += known * weight
        self.plain += plain
        self.known += known
        self.counted += known
        self.reported += reported

    def progress(
        self, override: int | None, status_progress: int | None
    ) -> tuple[Decimal | None, Progress]:
        """The item's progress and its exact value (what its own parent averages), given its
        progress set by hand and its status's default progress (None: not set)."""
        if override is not None:
            return Decimal(override), Progress(override, True, counted=1, reported=1)
        if self.known:
            # Every weight 0: a plain average rather than a division by zero.
            value = self.weighted / self.weight if self.weight > 0 else self.plain / self.known
            return value, Progress(
                _rounded(value), counted=self.counted, reported=self.reported, from_parts=True
            )
        if status_progress is not None:
            return Decimal(status_progress), Progress(_rounded(Decimal(status_progress)), counted=1)
        return None, NONE


def own_progress(item: Item) -> Progress:
    """The progress of an item without parts (an activity), from its own fields."""
    return PartsSum().progress(item.progress_override, _status_progress(item))[1]


def progress_by_item(items: Iterable[Item]) -> dict[int, Progress]:
    """The progress of each item (by primary key) of one plan's items, parents included.
    Items whose parent is not among `items` are roots (e.g. a historical subset)."""
    items = list(items)
    ids = {item.pk for item in items}
    parts: dict[int | None, list[Item]] = defaultdict(list)
    for item in items:
        parts[item.parent_id if item.parent_id in ids else None].append(item)
    exact: dict[int, Decimal | None] = {}
    result: dict[int, Progress] = {}

    # Deepest first: every item's parts are done before it (levels are 1-4, parents higher).
    for item in sorted(items, key=lambda item: -item.level):
        below = PartsSum()
        if item.progress_override is None:
            for part in parts[item.pk]:
                below.add(exact[part.pk], part.weight, result[part.pk])
        exact[item.pk], result[item.pk] = below.progress(
            item.progress_override, _status_progress(item)
        )
    return result


def _status_progress(item: Item) -> int | None:
    return item.status.default_progress if item.status_id is not None else None


def _weight(weight: Decimal | None) -> Decimal:
    return Decimal(1) if weight is None else weight


def _rounded(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def tree(plan: Plan, *, archived: bool | None = False) -> list[Item]:
    """The plan's items in reading order (one query), each with `.progress` and `.parts`.

    archived=False: the current plan; True: the Historical Plan of Action (archived items, and
    the items above them so they read in context); None: everything."""
    items = list(Item.objects.filter(plan=plan).select_related("status").order_by("position"))
    if archived is not None:
        items = subset(items, archived=archived)
    items = in_tree_order(items)
    progress = progress_by_item(items)
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.progress = progress[item.pk]
        item.parts = []
    for item in items:
        if item.parent_id in by_pk:
            by_pk[item.parent_id].parts.append(item)
    return items


def in_tree_order(items: list[Item]) -> list[Item]:
    """`items` (in position order) depth first: each item followed by its parts, parts in
    position order. The source's table lists a row's actions before its activities (1.1, 1.2,
    then 1.1.1); a tree drawn in that order would put 1.1.1 under 1.2. Items whose parent is
    not among `items` are roots, in position order."""
    ids = {item.pk for item in items}
    parts: dict[int | None, list[Item]] = defaultdict(list)
    for item in items:
        parts[item.parent_id if item.parent_id in ids else None].append(item)
    ordered: list[Item] = []
    seen: set[int] = set()
    stack = list(reversed(parts[None]))
    while stack:
        item = stack.pop()
        if item.pk in seen:
            continue
        seen.add(item.pk)
        ordered.append(item)
        stack.extend(reversed(parts[item.pk]))
    # A parent loop (no root above it) cannot come from the importer; keep such items anyway.
    ordered += [item for item in items if item.pk not in seen]
    return ordered


def subset(items: list[Item], *, archived: bool) -> list[Item]:
    """The current plan (archived=False: nothing archived, nor under an archived item) or the
    historical one (archived items, and the items above them, so they read in context). A part
    may come before its parent in reading order (as in the source's table): each item looks up."""
    by_pk = {item.pk: item for item in items}

    def archived_here_or_above(item):
        while item is not None:
            if item.archived_on is not None:
                return True
            item = by_pk.get(item.parent_id)
        return False

    if not archived:
        return [item for item in items if not archived_here_or_above(item)]
    keep = set()
    for item in items:
        if archived_here_or_above(item):
            node = item
            while node is not None and node.pk not in keep:  # its context above it
                keep.add(node.pk)
                node = by_pk.get(node.parent_id)
    return [item for item in items if item.pk in keep]
