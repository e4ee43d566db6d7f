"""Reading a plan for its pages: the whole tree in a constant number of queries, progress on
every level (puebla.planning.rollup), the filters, and the markup that nests the tree.

A plan of 1,500 activities is read in one query for its items (with their statuses and
responsible parties) and one for their Global Compact tags, whatever its size: the exports
read it so (`plan_items`). The pages read only what they show: the plan's page a page at a
time (puebla.planning.views.paging), the Historical Plan of Action what moved there
(`historical_items`), an item's page and an objective's their items and what lies below
them (`with_progress`).
"""

from collections import defaultdict
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.safestring import mark_safe

from puebla.core.text import text_in
from puebla.directory.models import Body, Country, Organisation
from puebla.planning import rollup, services
from puebla.planning.forms import responsible_value
from puebla.planning.markup import localized_html
from puebla.planning.models import Item, Plan
from puebla.planning.outline import Outline, outline_below

# How each level's markup closes (tree_markup.py writes how it opens): a theme and an objective are
# sections, an action and an activity list items; an item with parts also closes their list.
CLOSE_ITEM = {1: "</section>", 2: "</section>", 3: "</li>", 4: "</li>"}
CLOSE_PARTS = "</ul>"
PLACEHOLDER = 987654321  # stands for a number in an address reversed once


def current_plan() -> Plan | None:
    """The plan the public pages show: the first by position (the Plan of Action)."""
    return Plan.objects.order_by("position", "slug").first()


def plan_items(plan: Plan, *, archived: bool | None) -> list[Item]:
    """The plan's items in reading order with `.progress`, `.parts`, `.gcm_numbers` and
    `.responsible` set; archived as rollup.tree takes it."""
    items = list(listed(Item.objects.filter(plan=plan)).order_by("position"))
    names = responsible_names(items)
    if archived is not None:
        items = rollup.subset(items, archived=archived)
    items = rollup.in_tree_order(items)
    tags = gcm_numbers(Item.gcm_objectives.through.objects.filter(item__plan=plan))
    decorate(items, progress=rollup.progress_by_item(items), tags=tags, names=names)
    return items


def historical_items(plan: Plan, outline: Outline) -> list[Item]:
    """`plan_items(plan, archived=True)`, read from what moved to the Historical Plan of
    Action and the items above it only, however large the current plan: the items archived
    or under an archived item (the outline knows which items above the activities are), then
    the current items above them, for context (at most one query more)."""
    moved = Q(archived_on__isnull=False) | Q(parent_id__in=outline.excluded)
    items = list(listed(Item.objects.filter(plan=plan).filter(moved)))
    context = {
        pk
        for item in items
        if item.parent_id in outline.parent  # a current item above it; else one moved too
        for pk in outline.above(item.parent_id)
    }
    if context:
        items += listed(Item.objects.filter(pk__in=context))
    items = rollup.in_tree_order(sorted(items, key=lambda item: item.position))
    through = Item.gcm_objectives.through.objects.filter(item__plan=plan)
    tags = gcm_numbers(
        through.filter(
            Q(item__archived_on__isnull=False)
            | Q(item__parent_id__in=outline.excluded)
            | Q(item_id__in=context)
        )
    )
    decorate(
        items,
        progress=rollup.progress_by_item(items),
        tags=tags,
        names=responsible_names(items),
    )
    return items


def with_progress(plan: Plan, items: list[Item]) -> list[Item]:
    """`items` (of `plan`, read with `listed`) decorated as plan_items decorates them, each
    with its parts (`.parts`, decorated too) and its progress as over the whole plan,
    archived items included: read from the items, their parts and the sums of what lies
    below them (puebla.planning.outline.outline_below), however large the plan."""
    above = [item for item in items if item.level < Item.Level.ACTIVITY]
    outline = outline_below(plan, above)
    parts = listed(Item.objects.filter(parent_id__in=[item.pk for item in above]))
    everything = {item.pk: item for item in [*parts, *items]}
    shown = sorted(everything.values(), key=lambda item: item.position)
    progress = {
        item.pk: outline.progress[item.pk]
        if item.level < Item.Level.ACTIVITY
        else rollup.own_progress(item)
        for item in shown
    }
    through = Item.gcm_objectives.through.objects.filter(item_id__in=list(everything))
    decorate(shown, progress=progress, tags=gcm_numbers(through), names=responsible_names(shown))
    return [everything[item.pk] for item in items]


def listed(items: QuerySet) -> QuerySet:
    """Only what the pages show: a plan of 1,500 activities spends most of its reading time
    making model instances, so the long texts nobody lists (provenance, origin) stay in the
    database and the responsible parties' names come from one small query per kind."""
    return items.select_related("status").only(
        *LISTED_FIELDS, *(f"status__{name}" for name in STATUS_FIELDS)
    )


def gcm_numbers(through: QuerySet) -> dict[int, list[int]]:
    """The Global Compact objectives' numbers each item is tagged with, from rows of the
    items' tags (`Item.gcm_objectives.through`)."""
    tags = defaultdict(list)
    for item_id, number in through.values_list("item_id", "gcmobjective__number").order_by(
        "gcmobjective__number"
    ):
        tags[item_id].append(number)
    return tags


def decorate(items: list[Item], *, progress: dict, tags: dict, names: dict) -> None:
    """Set what the pages show of each of `items` (in reading order): `.progress` (from
    `progress`, by primary key), `.parts` (those of `items` directly below it), its tags,
    responsible party, address and level, status and schedule as shown."""
    by_pk = {item.pk: item for item in items}
    levels = {value: str(label) for value, label in Item.Level.choices}
    # Addresses are made once and filled in: reversing one per item costs more than the rest
    # of an item's rendering on a plan of 1,500 activities.
    item_url = reverse("planning:item", kwargs={"pk": PLACEHOLDER})
    gcm_url = reverse("planning:gcm_objective", kwargs={"number": PLACEHOLDER})
    for item in items:
        item.progress = progress[item.pk]
        item.parts = []
        item.gcm_numbers = tags.get(item.pk, [])
        item.gcm_links = [
            (number, gcm_url.replace(str(PLACEHOLDER), str(number))) for number in item.gcm_numbers
        ]
        item.responsible = _responsible_label(item, names)
        item.responsible_key = responsible_value(item)
        item.url = item_url.replace(str(PLACEHOLDER), str(item.pk))
        item.level_name = levels[item.level]
        item.status_name = text_in(item.status, "name") if item.status_id else ""
        # A status the importer read from the source's bold italics, not from its words.
        item.status_inferred = bool(item.status_id) and "status" in item.inferred.split()
        item.schedule_shown = (
            localized_html(item, "schedule") if item.schedule_es or item.schedule_en else ""
        )
    for item in items:
        if item.parent_id in by_pk:
            by_pk[item.parent_id].parts.append(item)


LISTED_FIELDS = (
    "plan_id",
    "parent_id",
    "level",
    "position",
    "key",
    "number",
    "text_es",
    "text_en",
    "schedule_es",
    "schedule_en",
    "marked",
    "status_id",
    "status_since",
    "responsible_kind",
    "responsible_body_id",
    "responsible_country_id",
    "responsible_organisation_id",
    "weight",
    "progress_override",
    "archived_on",
    "inferred",
)
STATUS_FIELDS = ("key", "name_es", "name_en", "default_progress", "position", "is_done")
RESPONSIBLE = {
    Item.Responsible.BODY: (Body, "responsible_body_id"),
    Item.Responsible.COUNTRY: (Country, "responsible_country_id"),
    Item.Responsible.ORGANISATION: (Organisation, "responsible_organisation_id"),
}
# What each one's name (str) reads: the rest (descriptions, provenance) stays in the database.
NAME_FIELDS = {
    Body: ("name_es", "name_en"),
    Country: ("name_es", "name_en", "iso_code"),
    Organisation: ("name_es", "name_en"),
}


def responsible_names(items) -> dict[tuple[str, int], str]:
    """The names of the bodies, countries and organisations `items` name as responsible."""
    names = {}
    for kind, (model, column) in RESPONSIBLE.items():
        ids = {getattr(item, column) for item in items if getattr(item, column)}
        records = model.objects.only(*NAME_FIELDS[model]).in_bulk(ids)
        names |= {(kind, pk): str(record) for pk, record in records.items()}
    return names


def _responsible_label(item, names) -> str:
    kind = item.responsible_kind
    if kind in RESPONSIBLE:
        named = names.get((kind, getattr(item, RESPONSIBLE[kind][1])))
        if named:
            return named
    return str(Item.Responsible(kind).label) if kind else ""


def filtered(items: list[Item], criteria: dict[str, str]) -> list[Item]:
    """The items matching every criterion, with the items above them (their context) and,
    under a matching theme or objective, everything in it."""
    if not criteria:
        return items
    by_pk = {item.pk: item for item in items}

    def theme_of(item):
        while item.parent_id in by_pk:
            item = by_pk[item.parent_id]
        return item

    def matches(item) -> bool:
        if "theme" in criteria and str(theme_of(item).pk) != criteria["theme"]:
            return False
        if "status" in criteria and (item.status is None or item.status.key != criteria["status"]):
            return False
        if "responsible" in criteria and item.responsible_key != criteria["responsible"]:
            return False
        return not ("gcm" in criteria and int(criteria["gcm"]) not in item.gcm_numbers)

    only_theme = set(criteria) == {"theme"}
    keep = set()
    for item in items:
        if not matches(item):
            continue
        if only_theme and item.level != Item.Level.THEME:
            continue  # the whole theme is kept below, from the theme itself
        node = item
        while node is not None and node.pk not in keep:
            keep.add(node.pk)
            node = by_pk.get(node.parent_id)
        if only_theme:
            keep.update(descendant.pk for descendant in _descendants(item))
    return [item for item in items if item.pk in keep]


def _descendants(item):
    for part in item.parts:
        yield part
        yield from _descendants(part)


def nest(items: list[Item]) -> str:
    """Set `.close_before` on each item (the markup closing the items before it that it does
    not belong to) and return what closes the last ones, so the tree is drawn in one flat
    loop (tree_markup.py) rather than a recursion per item."""
    shown = {item.pk for item in items}
    stack: list[Item] = []

    def closing(item) -> str:
        return (CLOSE_PARTS if item.opens_list else "") + CLOSE_ITEM[item.level]

    for item in items:
        closed = []
        while stack and stack[-1].level >= item.level:
            closed.append(closing(stack.pop()))
        item.close_before = mark_safe("".join(closed))  # noqa: S308 (our constant markup)
        # A theme's objectives are sections of their own, directly in it; the parts of an
        # objective or an action are a list.
        item.opens_list = item.level > Item.Level.THEME and any(
            part.pk in shown for part in item.parts
        )
        stack.append(item)
    return mark_safe("".join(closing(item) for item in reversed(stack)))  # noqa: S308


def count_activities(items: list[Item]) -> None:
    """Set `.activity_count` on each item: how many of `items` are activities under it."""
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.activity_count = 0
    for item in items:
        if item.level != Item.Level.ACTIVITY:
            continue
        node = by_pk.get(item.parent_id)
        while node is not None:
            node.activity_count += 1
            node = by_pk.get(node.parent_id)


def responsible_choices(items: list[Item]) -> list[tuple[str, str]]:
    """The filter's choices: every responsible party named in the plan, by name."""
    found = {item.responsible_key: item.responsible for item in items if item.responsible_key}
    return sorted(found.items(), key=lambda pair: pair[1].casefold())


def responsible_choices_in(items: QuerySet) -> list[tuple[str, str]]:
    """`responsible_choices` of `items`, read as the distinct parties they name (a query, and
    one for each kind's names) rather than item by item."""
    parties = [
        Party(*row)
        for row in items.exclude(responsible_kind="")
        .values_list(*Party._fields)
        .distinct()
        .order_by()
    ]
    names = responsible_names(parties)
    found = {responsible_value(party): _responsible_label(party, names) for party in parties}
    return sorted(found.items(), key=lambda pair: pair[1].casefold())


class Party(NamedTuple):
    """A responsible party as items name it (the fields responsible_value reads)."""

    responsible_kind: str
    responsible_body_id: int | None
    responsible_country_id: int | None
    responsible_organisation_id: int | None


def next_to_move(plan: Plan, *, today, limit: int) -> tuple[list[Item], int]:
    """The first `limit` activities the archive rule will move to the Historical Plan of
    Action, soonest first, each with `.moves_on` (the day), `.due` (that day has come: the
    next daily run moves it), `.status_name` and `.url`; and how many there are in all. Two
    queries, however many."""
    waiting = (
        services.archivable()
        .filter(plan=plan)
        .select_related("status")
        .only(
            "number",
            "text_es",
            "text_en",
            "status_since",
            "position",
            *(f"status__{name}" for name in STATUS_FIELDS),
        )
        .order_by("status_since", "position")
    )
    shown = list(waiting[:limit])
    total = len(shown) if len(shown) < limit else waiting.count()
    item_url = reverse("planning:item", kwargs={"pk": PLACEHOLDER})
    for item in shown:
        item.moves_on = services.archive_date(item.status_since)
        item.due = item.moves_on <= today
        item.status_name = text_in(item.status, "name")
        item.url = item_url.replace(str(PLACEHOLDER), str(item.pk))
    return shown, total


def ancestors(item: Item) -> list[Item]:
    """The items above `item`, the theme first (at most three queries: the tree's depth)."""
    chain = []
    node = item.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))
