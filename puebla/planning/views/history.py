"""An item's history as its page shows it: who, when, what changed (from what to what) and
the comment, newest first, in a constant number of queries however long it grows.

Evidence is listed only where the reader may see it: a restricted meeting or document added
to an item's evidence does not appear, not even by its name, in the history of a reader who
may not open it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from puebla.core.text import text_in
from puebla.directory.models import Body, Country, Organisation
from puebla.documents.models import Document
from puebla.meetings.models import Meeting
from puebla.planning.models import Item, Status

# The fields a history entry compares, with their labels, in the order the page lists them.
TRACKED = [
    ("number", _("Number")),
    ("text_es", _("Text (Spanish)")),
    ("text_en", _("Text (English)")),
    ("status_id", _("Status")),
    ("schedule_es", _("Schedule (Spanish)")),
    ("schedule_en", _("Schedule (English)")),
    ("responsible", _("Responsible party")),
    ("progress_override", _("Progress set by hand")),
    ("archived_on", _("Historical Plan of Action")),
]
EVIDENCE = [
    ("evidence_meetings", "meeting_id", Meeting, _("Evidence: meetings")),
    ("evidence_documents", "document_id", Document, _("Evidence: documents")),
]


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    when: object
    who: object
    comment: str
    created: bool
    changes: list[Change] = field(default_factory=list)


def history_of(item: Item, user) -> list[Entry]:
    rows = list(item.history.select_related("history_user").order_by("history_date", "history_id"))
    statuses = {status.pk: text_in(status, "name") for status in Status.objects.all()}
    names = _responsible_names(rows)
    evidence = _evidence(rows, user)
    entries = []
    previous = None
    for row in rows:
        values = _values(row, statuses, names, evidence)
        entry = Entry(
            when=row.history_date,
            who=row.history_user,
            comment=row.history_change_reason or "",
            created=row.history_type == "+",
        )
        if previous is not None:
            entry.changes = [
                Change(label=str(label), before=previous[key], after=values[key])
                for key, label in [*TRACKED, *((e[0], e[3]) for e in EVIDENCE)]
                if previous[key] != values[key]
            ]
        if entry.created or entry.changes or entry.comment:
            entries.append(entry)
        previous = values
    return list(reversed(entries))


def _values(row, statuses, names, evidence) -> dict[str, str]:
    values = {
        "number": row.number,
        "text_es": row.text_es,
        "text_en": row.text_en,
        "status_id": statuses.get(row.status_id, ""),
        "schedule_es": row.schedule_es,
        "schedule_en": row.schedule_en,
        "responsible": _responsible(row, names),
        "progress_override": "" if row.progress_override is None else f"{row.progress_override} %",
        "archived_on": str(_("moved there")) if row.archived_on else str(_("no")),
    }
    for name, _column, _model, _label in EVIDENCE:
        values[name] = ", ".join(sorted(evidence[name].get(row.history_id, [])))
    return values


def _responsible_names(rows) -> dict[tuple[str, int], str]:
    wanted = defaultdict(set)
    for row in rows:
        for kind in ("body", "country", "organisation"):
            value = getattr(row, f"responsible_{kind}_id")
            if value:
                wanted[kind].add(value)
    models = {"body": Body, "country": Country, "organisation": Organisation}
    return {
        (kind, record.pk): str(record)
        for kind, ids in wanted.items()
        for record in models[kind].objects.filter(pk__in=ids)
    }


def _responsible(row, names) -> str:
    kind = row.responsible_kind
    if kind in ("body", "country", "organisation"):
        named = names.get((kind, getattr(row, f"responsible_{kind}_id")))
        if named:
            return named
    return str(Item.Responsible(kind).label) if kind else ""


def _evidence(rows, user) -> dict[str, dict[int, list[str]]]:
    """{field: {history_id: [titles the user may see]}}: one query per kind of evidence for
    the links and one for the titles."""
    history_ids = [row.history_id for row in rows]
    found = {}
    for name, column, model, _label in EVIDENCE:
        through = apps.get_model("planning", f"HistoricalItem_{name}")
        links = list(
            through.objects.filter(history_id__in=history_ids).values_list("history_id", column)
        )
        titles = {
            record.pk: text_in(record, "title")
            for record in model.objects.visible_to(user).filter(
                pk__in={record_id for _history_id, record_id in links}
            )
        }
        by_row = defaultdict(list)
        for history_id, record_id in links:
            if record_id in titles:
                by_row[history_id].append(titles[record_id])
        found[name] = by_row
    return found
