"""From a Plan of Action table (puebla.planning.sources) to a plan's tree, with a report.

`parse(table)` builds the tree in memory and lists every anomaly with its location; it reads
no database but the theme names and statuses it is given. `apply(parsed, ...)` writes it in one
transaction: new items are created, changed ones updated (each change lands in the item's
history), items no longer in the table move to the Historical Plan of Action; a dry run
does the same and rolls it back, so its report says exactly what an import would change.

How the source is read (seed 004, the RCM's table as it really is):
- each row is one objective: its actions, activities and schedule lines sit in the row's
  cells, numbered ("7.1", "7.1.2", "7.1.2.1"); each is linked to its parent by its number,
  and when the parent does not exist, to the nearest item above it that does (reported);
- a schedule line belongs to the item its number names; it is kept as that item's schedule
  text (without its number when the number is the usual one, the activity's number + ".1");
- a status comes from the schedule's words ("Ongoing", "In progress", "Pending", ...), else
  from the bold-italics markup (<i>, whose legend says "active, ongoing, or pending input":
  the status of that name, Status.MARKED, listed among the item's inferred fields with a note
  saying why, since the source does not say which of the three), else there is none; a note proposing to eliminate an item makes it "proposed for removal";
- text without a number is kept as an unnumbered item under the row's objective; a number
  is never invented;
- a text followed by the pages' note "(not yet translated into English)" (in the file's
  language: Puebla's exports write it where a text exists only in the other language) is that
  other language's text: it fills that language where the item has none, and leaves this
  language empty, as it was;
- a table that says it holds only what some filters showed (sources.FILTERED, an export of
  part of a plan) adds and updates its items and moves nothing to the Historical Plan of
  Action.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from puebla.core.text import other_language
from puebla.planning import cells
from puebla.planning.markup import (
    STATUS_INFERRED_NOTE,
    without_missing_notice,
    without_status_inferred_notice,
)
from puebla.planning.models import Item, Plan, Status
from puebla.planning.sources import COLUMNS, Table

Level = Item.Level
LEVEL_OF_DEPTH = {1: Level.OBJECTIVE, 2: Level.ACTION, 3: Level.ACTIVITY}
COLUMN_OF_DEPTH = {1: 1, 2: 2, 3: 3, 4: 4}
MARKED_STATUS = Status.MARKED
REMOVAL_STATUS = "proposed_removal"


@dataclass
class ParsedItem:
    key: str
    level: int
    number: str
    text: str
    parent: "ParsedItem | None"
    location: str
    theme: str  # the theme's key
    raw: str = ""  # the source's words, quoted as the item's evidence
    marked: bool = False
    schedule: list[str] = field(default_factory=list)
    status_key: str | None = None
    other_language_text: str = ""  # the text in the other language (a theme named in both)
    other_schedule: list[str] = field(default_factory=list)  # lines in the other language
    explicit_status: bool = False  # given by the CSV's STATUS column
    status_inferred: bool = False  # read from the bold italics, not from the source's words


@dataclass
class Anomaly:
    location: str
    message: str

    def __str__(self):
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass
class ParsedPlan:
    language: str
    title: str
    updated_on: datetime.date | None
    items: list[ParsedItem]
    anomalies: list[Anomaly]
    schedule_lines: Counter  # per theme key
    other_title: str = ""  # the title, given in the other language only
    filters: str = ""  # the table is an export of what these filters showed

    def counts(self) -> dict[str, Counter]:
        """Per theme key: how many items of each level, and of schedule lines."""
        result: dict[str, Counter] = defaultdict(Counter)
        for item in self.items:
            if item.level != Level.THEME:
                result[item.theme][item.level] += 1
        for theme, count in self.schedule_lines.items():
            result[theme]["schedule"] = count
        return result

    def themes(self) -> list[ParsedItem]:
        return [item for item in self.items if item.level == Level.THEME]


# --- Themes ----------------------------------------------------------------------------------


def known_theme_names(plan: Plan | None = None) -> list[tuple[str, str, str]]:
    """(theme key, language, name) for every name a theme is known by: the Plan of Action's
    three themes as the documents app names them, in both languages, then the themes the
    plan already has (as their source wrote them)."""
    from puebla.documents.models import Theme

    names = []
    for language in ("en", "es"):
        with translation.override(language):
            names += [(theme.value, language, str(theme.label)) for theme in Theme]
    if plan is not None and plan.pk:
        for theme in plan.items.filter(level=Level.THEME):
            names += [(theme.key, code, getattr(theme, f"text_{code}")) for code in ("en", "es")]
    return [(key, language, name) for key, language, name in names if name]


def theme_for(name: str, known: list[tuple[str, str, str]], default_language: str):
    """(key, language) of the theme `name` names: the same words in either language, or a
    known name's words all in it ("LINK BETWEEN MIGRATION AND DEVELOPMENT" holds "Migration
    and development"); a new key when none or several match."""
    words = cells.words(name)
    exact = {
        (key, language) for key, language, known_name in known if cells.words(known_name) == words
    }
    if len({key for key, _language in exact}) == 1:
        return sorted(exact)[0]
    within = {
        (key, language)
        for key, language, known_name in known
        if cells.words(known_name) and cells.words(known_name) <= words
    }
    if len({key for key, _language in within}) == 1:
        return sorted(within)[0]
    return slugify(cells.without_markup(name))[:60] or "theme", default_language


# --- Parsing ---------------------------------------------------------------------------------


class _Parser:
    def __init__(self, table: Table, known, statuses: list[Status], language: str):
        self.table = table
        self.language = language
        self.initial_known = list(known)
        self.statuses = statuses
        self.known = list(known)
        self.all_numbers: dict[str, set[str]] | None = None  # None: link to what came before
        self.pending_schedules: list[tuple] = []
        self.items: list[ParsedItem] = []
        self.anomalies = [Anomaly(location, message) for location, message in table.anomalies]
        self.keys: Counter = Counter()
        self.index: dict[str, dict[str, ParsedItem]] = defaultdict(dict)  # theme -> number -> item
        self.themes: dict[str, ParsedItem] = {}
        self.schedule_numbers: dict[str, set[str]] = defaultdict(set)
        self.schedule_lines: Counter = Counter()
        self.status_names = sorted(
            (
                (name.casefold(), status.key)
                for status in statuses
                for name in (status.name_en, status.name_es)
                if name
            ),
            key=lambda pair: -len(pair[0]),
        )
        self.theme: ParsedItem | None = None
        self.objective: ParsedItem | None = None
        self.previous_objective: dict[str, str] = {}

    # Anomalies name the column as the file's header does.
    def column(self, index: int) -> str:
        return COLUMNS[self.table.language][index]

    def note(self, location: str, column: int, message: str) -> None:
        self.anomalies.append(Anomaly(f"{location}, {self.column(column)}", message))

    def add(self, item: ParsedItem) -> ParsedItem:
        self.keys[item.key] += 1
        if self.keys[item.key] > 1:
            item.key = f"{item.key}#{self.keys[item.key]}"
        self.items.append(item)
        return item

    def parse(self):
        # A first reading finds every number each topic holds, so an item is linked to its
        # parent by number even when the parent comes later in the table.
        first = _Parser(self.table, self.initial_known, self.statuses, self.language)
        first.all_numbers = None
        for row in self.table.rows:
            first.read_row(row)
        self.all_numbers = {theme: set(numbers) for theme, numbers in first.index.items()}
        for row in self.table.rows:
            self.read_row(row)
        for item in self.items:
            if isinstance(item.parent, _Later):
                item.parent = self.index[item.parent.theme][item.parent.number]
        for theme_key, candidate, fallback, number, text, other in self.pending_schedules:
            target = self.index[theme_key][candidate] if candidate else fallback
            usual = target.level == Level.ACTIVITY and number == f"{target.number}.1"
            lines = target.other_schedule if other else target.schedule
            lines.append(text if usual else f"{number} {text}".strip())
        self.check_order()
        self.check_references()
        for item in self.items:
            item.status_key = self.status_of(item)
        title, other = self.unmarked(self.table.title)
        return ParsedPlan(
            language=self.language,
            title="" if other else title,
            updated_on=self.table.updated_on,
            items=self.items,
            anomalies=self.anomalies,
            schedule_lines=self.schedule_lines,
            other_title=title if other else "",
            filters=self.table.filters,
        )

    def unmarked(self, text: str) -> tuple[str, bool]:
        """(`text` without the "not yet translated" note, whether it is the other language's
        text): the note is in the file's language and says the text is in the other one."""
        text, marked = without_missing_notice(text, self.table.language)
        return text, marked and other_language(self.table.language) != self.language

    def read_row(self, row) -> None:
        topic = row.cells[0]
        if topic.strip():
            self.read_theme(topic, row.location)
        elif self.theme is None:
            self.note(row.location, 0, _("a row before any topic; kept under an unnamed topic"))
            self.read_theme("", row.location)
        if row.cells[1].strip():
            self.objective = None  # the row's own objective, not the previous row's
        for depth in (1, 2, 3):
            for segment in cells.split_cell(row.cells[depth], depth):
                if not segment.is_blank:
                    self.read_item(segment, depth, row)
        for segment in cells.split_cell(row.cells[4], 4):
            if not segment.is_blank:
                self.read_schedule(segment, row)
        if row.status:
            self.read_status_column(row)

    def read_theme(self, name: str, location: str) -> None:
        name, other = self.unmarked(" ".join(name.split()))
        if other:
            key, _language = theme_for(name, self.known, other_language(self.language))
            language = other_language(self.language)
        else:
            key, language = theme_for(name, self.known, self.language)
        theme = self.themes.get(key)
        if theme is None:
            theme = ParsedItem(
                key=key,
                level=Level.THEME,
                number="",
                text="",
                parent=None,
                location=location,
                theme=key,
                raw=name,
            )
            self.themes[key] = self.add(theme)
            self.known.append((key, language, name))
        if language == self.language and not theme.text:
            theme.text = name
        elif language != self.language and not theme.other_language_text:
            theme.other_language_text = name
        if self.theme is not theme:  # the same topic on the next row continues its objective
            self.objective = None
        self.theme = theme

    def read_item(self, segment, depth: int, row) -> None:
        theme = self.theme
        number = segment.number or ""
        text, other = self.unmarked(segment.text)
        level = LEVEL_OF_DEPTH[depth]
        index = self.index[theme.key]
        if not number:
            self.note(
                row.location,
                depth,
                _("text without a number: “%(text)s”; kept under %(parent)s")
                % {"text": _short(text), "parent": self.describe(self.objective or theme)},
            )
            parent = self.objective or theme
            position = 1 + sum(
                1 for i in self.items if i.parent is parent and not i.number and i.level == level
            )
            # Stable across re-imports: the parent's key, the level and the order among the
            # parent's unnumbered items of that level.
            key = f"{parent.key}/~{level}.{position}"
        else:
            key = f"{theme.key}/{number}"
            parent = self.parent_by_number(number, level, row, depth)
            if number in index:
                self.note(
                    row.location,
                    depth,
                    _("%(number)s repeats an earlier number; kept as a second %(level)s")
                    % {"number": number, "level": Level(level).label.lower()},
                )
        item = self.add(
            ParsedItem(
                key=key,
                level=level,
                number=number,
                text="" if other else text,
                parent=parent,
                location=f"{row.location}, {self.column(depth)}",
                theme=theme.key,
                raw=segment.raw.strip(),
                marked=cells.is_marked(segment.raw),
                other_language_text=text if other else "",
            )
        )
        if number and number not in index:
            index[number] = item
        if level == Level.OBJECTIVE:
            self.objective = item
        if cells.has_note(text):
            self.note(
                row.location,
                depth,
                _("a note in the cell: “%(text)s”")
                % {"text": _short(text[cells.NOTE.search(text).start() :])},
            )

    def parent_by_number(self, number: str, level: int, row, depth: int) -> ParsedItem:
        """The item `number`'s parent number names; else the nearest existing item above it
        (the row's objective at worst), reported."""
        theme = self.theme
        if level == Level.OBJECTIVE:
            return theme
        wanted = cells.parent_number(number)
        candidate = self.existing(theme.key, wanted)
        found = self.item_for(theme.key, candidate)
        if candidate == wanted and found is not None:
            if (
                self.objective is not None
                and level != Level.OBJECTIVE
                and number.split(".")[0] != self.objective.number
            ):
                self.note(
                    row.location,
                    depth,
                    _("%(number)s is in the row of objective %(objective)s")
                    % {"number": number, "objective": self.objective.number},
                )
            return found
        parent = found or self.objective or theme
        self.note(
            row.location,
            depth,
            _(
                "%(number)s points at %(level)s %(parent)s, which does not exist; kept under %(kept)s"
            )
            % {
                "number": number,
                "level": Level(level - 1).label.lower(),
                "parent": wanted,
                "kept": self.describe(parent),
            },
        )
        return parent

    def read_schedule(self, segment, row) -> None:
        theme = self.theme
        self.schedule_lines[theme.key] += 1
        text, other = self.unmarked(segment.text)
        if segment.number is None:
            target = self.objective or theme
            self.note(
                row.location,
                4,
                _("text without a number: “%(text)s”; kept as the schedule of %(item)s")
                % {"text": _short(text), "item": self.describe(target)},
            )
            if self.all_numbers is not None:
                self.pending_schedules.append((theme.key, None, target, "", text, other))
            return
        number = segment.number
        if number in self.schedule_numbers[theme.key]:
            self.note(
                row.location, 4, _("%(number)s repeats an earlier number") % {"number": number}
            )
        self.schedule_numbers[theme.key].add(number)
        wanted = cells.parent_number(number)
        candidate = self.existing(theme.key, wanted)
        target = self.item_for(theme.key, candidate)
        fallback = None
        if target is None or candidate != wanted:
            if target is None:
                candidate = None
                fallback = target = self.objective or theme
            self.note(
                row.location,
                4,
                _(
                    "%(number)s points at activity %(activity)s, which does not exist; kept as "
                    "the schedule of %(item)s"
                )
                % {"number": number, "activity": wanted, "item": self.describe(target)},
            )
        if self.all_numbers is None:
            return  # the first reading only counts numbers
        self.pending_schedules.append((theme.key, candidate, fallback, number, text, other))

    def existing(self, theme_key: str, number: str | None) -> str | None:
        """`number`, or the nearest number above it, that the topic holds."""
        known = (
            self.all_numbers.get(theme_key, set())
            if self.all_numbers is not None
            else self.index[theme_key]
        )
        while number is not None and number not in known:
            number = cells.parent_number(number)
        return number

    def item_for(self, theme_key: str, number: str | None):
        if number is None:
            return None
        return self.index[theme_key].get(number) or _Later(theme_key, number)

    def read_status_column(self, row) -> None:
        """The CSV's STATUS column: the status of the row's one item, by key or name."""
        item = self.items[-1] if self.items else None
        wanted, inferred = without_status_inferred_notice(row.status, self.table.language)
        wanted = without_missing_notice(wanted, self.table.language)[0].casefold()
        for name, key in self.status_names:
            if wanted in {name, key}:
                if item is not None:
                    item.status_key = key
                    item.explicit_status = True
                    item.status_inferred = inferred
                return
        self.note(row.location, 4, _("unknown status “%(status)s”") % {"status": row.status})

    def status_of(self, item: ParsedItem) -> str | None:
        if getattr(item, "explicit_status", False):
            return item.status_key
        if cells.proposes_removal(item.text or item.other_language_text):
            return REMOVAL_STATUS
        # Each line on its own: a file's cell may hold, as one unnumbered text, lines that the
        # source's rows gave one by one ("A", then "Ongoing"), and both must read the same.
        lines = [
            part for line in item.schedule or item.other_schedule for part in line.splitlines()
        ]
        for line in lines:
            words = cells.without_markup(line)
            first = cells.split_cell(words, 4)
            if first and first[0].number:  # a schedule line kept with its number
                words = first[0].text
            words = words.strip().casefold()
            for name, key in self.status_names:
                if words.startswith(name) and not words[len(name) : len(name) + 1].isalpha():
                    return key
        if item.marked:
            item.status_inferred = True
            return MARKED_STATUS
        return None

    def check_order(self) -> None:
        """Numbers that skip: within each parent, each level's numbers should count 1, 2, 3."""
        children = defaultdict(list)
        for item in self.items:
            if item.number and item.parent is not None and "#" not in item.key:
                children[(id(item.parent), item.level)].append(item)
        for siblings in children.values():
            previous = None
            for item in siblings:
                prefix = cells.parent_number(item.number)
                if item.level != Level.OBJECTIVE and prefix != item.parent.number:
                    previous = None  # linked elsewhere: already reported
                    continue
                expected = 1 if previous is None else cells.last_part(previous.number) + 1
                if cells.last_part(item.number) != expected:
                    missing = f"{prefix}.{expected}" if prefix else f"{expected}"
                    after = previous.number if previous else _("the start")
                    self.anomalies.append(
                        Anomaly(
                            item.location,
                            _(
                                "%(number)s follows %(previous)s: the number skips (%(missing)s "
                                "expected)"
                            )
                            % {"number": item.number, "previous": after, "missing": missing},
                        )
                    )
                previous = item

    def check_references(self) -> None:
        """ "objective 12 of the topic "X"" in a text must name an objective that exists."""
        for item in self.items:
            for line in [item.text, *item.schedule]:
                for number, topic in cells.objective_references(line):
                    theme_key = item.theme
                    if topic:
                        matches = {
                            key
                            for key, _language, name in self.known
                            if cells.words(name) == cells.words(topic)
                        }
                        if len(matches) != 1:
                            self.anomalies.append(
                                Anomaly(
                                    item.location,
                                    _("refers to the topic “%(topic)s”, which does not exist")
                                    % {"topic": topic},
                                )
                            )
                            continue
                        theme_key = matches.pop()
                    if number not in self.index[theme_key]:
                        where = (
                            _("objective %(number)s of the topic “%(topic)s”")
                            % {"number": number, "topic": topic}
                            if topic
                            else _("objective %(number)s") % {"number": number}
                        )
                        self.anomalies.append(
                            Anomaly(
                                item.location,
                                _("refers to %(objective)s, which does not exist")
                                % {"objective": where},
                            )
                        )

    def describe(self, item) -> str:
        if isinstance(item, _Later):
            return f"{Level(item.number.count('.') + 2).label.lower()} {item.number}"
        label = Level(item.level).label.lower()
        if item.number:
            return f"{label} {item.number}"
        if item.level == Level.THEME:
            return f"{label} “{_short(item.text or item.other_language_text, 40)}”"
        return label


@dataclass(frozen=True)
class _Later:
    """A parent the table lists further down: linked once the whole table is read."""

    theme: str
    number: str


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse(table: Table, *, plan: Plan | None = None, language: str | None = None) -> ParsedPlan:
    language = language or table.language
    statuses = list(Status.objects.all())
    return _Parser(table, known_theme_names(plan), statuses, language).parse()


# --- Writing ---------------------------------------------------------------------------------


@dataclass
class Changes:
    created: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)  # key, field names
    archived: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.created or self.changed or self.archived)


class _DryRun(Exception):
    pass


def apply(
    parsed: ParsedPlan,
    *,
    plan_slug: str,
    source: str,
    commit: bool,
    today: datetime.date | None = None,
) -> Changes:
    """Write `parsed` into the plan `plan_slug` (created if new), in one transaction.
    With commit=False everything is done and rolled back: the changes are reported, nothing
    is written."""
    changes = Changes()
    try:
        with transaction.atomic():
            _write(parsed, plan_slug, source, changes, today or timezone.localdate())
            if not commit:
                raise _DryRun
    except _DryRun:
        pass
    return changes


def _write(parsed, plan_slug, source, changes, today) -> None:
    language = parsed.language
    plan = Plan.objects.filter(slug=plan_slug).first()
    if plan is None:
        plan = Plan(slug=plan_slug)
    title_field = f"title_{language}"
    other_title_field = f"title_{other_language(language)}"
    plan_changed = plan.pk is None
    if parsed.title and not getattr(plan, title_field):
        setattr(plan, title_field, parsed.title)
        plan_changed = True
    if parsed.other_title and not getattr(plan, other_title_field):
        setattr(plan, other_title_field, parsed.other_title)
        plan_changed = True
    if parsed.updated_on and plan.updated_on != parsed.updated_on:
        plan.updated_on = parsed.updated_on
        plan_changed = True
    if plan_changed:
        plan.source = plan.source or source
        plan.imported_at = timezone.now()
        plan.save()
    statuses = Status.by_key()
    existing = {item.key: item for item in Item.objects.filter(plan=plan).select_related("status")}
    status_date = parsed.updated_on or today
    written: dict[int, Item] = {}
    reason = _("imported from %(source)s") % {"source": source}
    # Parents first (a part may come before its parent in the table); positions are the
    # tree's reading order (each item followed by its parts, the table's order among them).
    ordered = sorted(enumerate(_in_tree_order(parsed.items)), key=lambda pair: pair[1].level)
    for position, parsed_item in ordered:
        item = existing.pop(parsed_item.key, None)
        parent = written[id(parsed_item.parent)] if parsed_item.parent is not None else None
        values = {
            "parent_id": parent.pk if parent else None,
            "level": parsed_item.level,
            "number": parsed_item.number,
            "position": position,
            f"text_{language}": parsed_item.text,
            f"schedule_{language}": "\n".join(parsed_item.schedule),
            "marked": parsed_item.marked,
            "status_id": statuses[parsed_item.status_key].pk if parsed_item.status_key else None,
            "source": source,
            "evidence": parsed_item.raw,
        }
        if (
            parsed_item.level == Level.THEME
            and not parsed_item.text
            and item is not None
            and getattr(item, f"text_{language}")
        ):
            # The table names the theme in the other language only: it says nothing of its
            # name in this one (seed 000 gives "Human Rights" for seed 004's "DERECHOS
            # HUMANOS"), which stays.
            del values[f"text_{language}"]
        # What the table gives in the other language fills it only where the item has none:
        # that language is kept by its own tables and the intranet.
        other = other_language(language)
        if parsed_item.other_language_text and (item is None or not getattr(item, f"text_{other}")):
            values[f"text_{other}"] = parsed_item.other_language_text
        other_schedule = "\n".join(parsed_item.other_schedule)
        if other_schedule and (item is None or not getattr(item, f"schedule_{other}")):
            values[f"schedule_{other}"] = other_schedule
        values.update(_status_provenance(parsed_item, item))
        if item is None:
            item = Item(plan=plan, key=parsed_item.key, **values)
            if item.status_id:
                item.status_since = status_date
            item._change_reason = reason
            item.save()
            changes.created.append(item.key)
        else:
            # The file's name and the quoted words follow a change; alone (the same table
            # in another format) they are none.
            different = [
                name
                for name, value in values.items()
                if getattr(item, name) != value and name not in {"source", "evidence", "position"}
            ]
            if not different and item.position != position:
                # An item above it came or went: its place moved, not the item. No history.
                Item.objects.filter(pk=item.pk).update(position=position)
                item.position = position
            if different:
                if "status_id" in different:
                    item.status_since = status_date
                for name in [*different, "source", "evidence", "position"]:
                    setattr(item, name, values[name])
                item.version += 1
                item._change_reason = reason
                item.save()
                changes.changed.append((item.key, [_field_label(name) for name in different]))
        written[id(parsed_item)] = item
    # What the table no longer lists went to the Historical Plan of Action; a table of what
    # some filters showed says nothing of the rest.
    if parsed.filters:
        return
    for item in existing.values():
        if item.archived_on is None:
            item.archived_on = parsed.updated_on or today
            item.version += 1
            item._change_reason = reason
            item.save()
            changes.archived.append(item.key)


def _status_provenance(parsed_item: ParsedItem, item: Item | None) -> dict:
    """`inferred` with "status" when the status comes from the bold italics, without it when
    from the source's words; and a note saying why, where the item has none (an inferred field
    requires one; the pages explain this status beside it in any case)."""
    inferred = set(item.inferred.split()) if item is not None else set()
    values = {}
    if parsed_item.status_inferred and parsed_item.status_key:
        inferred.add("status")
        if item is None or not item.has_note():
            values["note_es"], values["note_en"] = (
                STATUS_INFERRED_NOTE["es"],
                STATUS_INFERRED_NOTE["en"],
            )
    else:
        inferred.discard("status")
    values["inferred"] = " ".join(sorted(inferred))
    return values


def _in_tree_order(items: list[ParsedItem]) -> list[ParsedItem]:
    """Each item followed by its parts, depth first, in the table's order among siblings: the
    table lists a row's actions before its activities (1.1, 1.2, then 1.1.1), but a plan is
    read with 1.1.1 under 1.1, and positions say so (one query ordered by position reads the
    tree)."""
    parts: dict[int | None, list[ParsedItem]] = defaultdict(list)
    for item in items:
        parts[None if item.parent is None else id(item.parent)].append(item)
    ordered, seen = [], set()
    stack = list(reversed(parts[None]))
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        ordered.append(item)
        stack.extend(reversed(parts[id(item)]))
    return ordered + [item for item in items if id(item) not in seen]


def _field_label(name: str) -> str:
    field_name = name.removesuffix("_id")
    return str(Item._meta.get_field(field_name).verbose_name)


# --- Report ----------------------------------------------------------------------------------


def report_lines(parsed: ParsedPlan, changes: Changes | None, *, commit: bool) -> list[str]:
    lines = []
    title = parsed.title or _("(no title)")
    updated = parsed.updated_on.isoformat() if parsed.updated_on else _("not given")
    lines.append(_("Plan: %(title)s; updated: %(updated)s") % {"title": title, "updated": updated})
    counts = parsed.counts()
    for theme in parsed.themes():
        count = counts.get(theme.key, Counter())
        name = theme.text or theme.other_language_text or _("(unnamed)")
        lines.append(
            _(
                "%(theme)s: %(objectives)s objectives, %(actions)s implementation actions, "
                "%(activities)s activities, %(schedule)s schedule lines"
            )
            % {
                "theme": name,
                "objectives": count[Level.OBJECTIVE],
                "actions": count[Level.ACTION],
                "activities": count[Level.ACTIVITY],
                "schedule": count["schedule"],
            }
        )
    if parsed.filters:
        lines.append(
            _(
                "The table is an export of part of the plan (%(filters)s): its items are added "
                "or updated, and no item it leaves out moves to the Historical Plan of Action."
            )
            % {"filters": parsed.filters}
        )
    lines.append(_("Anomalies: %(count)s") % {"count": len(parsed.anomalies)})
    lines += [f"  - {anomaly}" for anomaly in parsed.anomalies]
    if changes is not None:
        lines.append(
            _(
                "%(created)s items new, %(changed)s changed, %(archived)s no longer in the table "
                "(moved to the Historical Plan of Action)"
            )
            % {
                "created": len(changes.created),
                "changed": len(changes.changed),
                "archived": len(changes.archived),
            }
        )
        for key, names in changes.changed:
            lines.append(f"  ~ {key}: {', '.join(names)}")
        for key in changes.archived:
            lines.append(f"  - {key}")
    if not commit:
        lines.append(_("Dry run: nothing was written. Run again with --commit to import."))
    return lines
