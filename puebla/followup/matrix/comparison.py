"""The comparative matrix of policy and legislation changes, one cycle per RCGM meeting, as it
is read: matrix_of, and the names of its areas and changes (the writes: .services).

Plan of Action 1.2.1 (seed 004): "In preparing for each RCGM meeting, member countries will
submit their input to IOM regarding changes proposed or made to policies, legislation, and
regulations relating to migration. IOM will prepare a comparative matrix, updated
bi-annually, for each RCGM."

Each member state writes, per topic of the cycle, what changed in policy, legislation and
regulations (a MatrixEntry, country-owned until the matrix is published). The matrix is
countries by topics; each cell says, per area, what changed since the previous cycle, topics
being matched across cycles by their key.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from puebla.core.bilingual import language_column
from puebla.directory.models import Country
from puebla.followup.matrix.columns import AREAS
from puebla.followup.models import MatrixCycle, MatrixEntry, MatrixTopic
from puebla.meetings.querysets import member_states

# How an area's text compares with the previous cycle's.
NEW, CHANGED, UNCHANGED, WITHDRAWN, NONE = "new", "changed", "unchanged", "withdrawn", ""
CHANGE_NAMES = {
    NEW: gettext_lazy("new since the previous cycle"),
    CHANGED: gettext_lazy("changed since the previous cycle"),
    UNCHANGED: gettext_lazy("as in the previous cycle"),
    WITHDRAWN: gettext_lazy("given in the previous cycle, not in this one"),
    NONE: "",
}


@dataclass
class Cell:
    entry: MatrixEntry | None
    previous: MatrixEntry | None
    changes: dict[str, str]  # area -> NEW, CHANGED, UNCHANGED, WITHDRAWN or NONE

    def text(self, area: str) -> str:
        return getattr(self.entry, area) if self.entry else ""

    def previous_text(self, area: str) -> str:
        return getattr(self.previous, area) if self.previous else ""

    @property
    def changed(self) -> bool:
        return any(change in (NEW, CHANGED, WITHDRAWN) for change in self.changes.values())


@dataclass
class Matrix:
    cycle: MatrixCycle
    topics: list[MatrixTopic]
    countries: list[Country]
    cells: dict[tuple[int, str], Cell]  # (country id, topic key) -> Cell

    def cell(self, country: Country, topic: MatrixTopic) -> Cell:
        return self.cells[(country.pk, topic.key)]


def matrix_of(cycle: MatrixCycle, *, entries=None) -> Matrix:
    """Countries (member states, and any other that wrote) by topics, submitted entries only,
    each compared with the previous cycle's entry on the topic of the same key. Without a
    previous cycle there is nothing to compare with: no change is marked.

    `entries` is what may be read (default: every entry, for the secretariat); the published
    matrix passes the published entries its reader may see, in this cycle and the previous."""
    readable = entries if entries is not None else MatrixEntry.objects.all()
    topics = list(cycle.topics.all())
    current = _submitted(readable, cycle)
    previous = _submitted(readable, cycle.previous) if cycle.previous_id else None
    country_ids = {country_id for country_id, _key in current} | set(
        member_states().values_list("pk", flat=True)
    )
    countries = list(Country.objects.filter(pk__in=country_ids).order_by(language_column("name")))
    cells = {}
    for country in countries:
        for topic in topics:
            now_entry = current.get((country.pk, topic.key))
            before = previous.get((country.pk, topic.key)) if previous is not None else None
            cells[(country.pk, topic.key)] = Cell(
                entry=now_entry,
                previous=before,
                changes={
                    area: compare(
                        getattr(now_entry, area) if now_entry else "",
                        getattr(before, area) if before else "",
                    )
                    if previous is not None
                    else NONE
                    for area in AREAS
                },
            )
    return Matrix(cycle=cycle, topics=topics, countries=countries, cells=cells)


def compare(now: str, before: str) -> str:
    now, before = now.strip(), before.strip()
    if not now:
        return WITHDRAWN if before else NONE
    if not before:
        return NEW
    return UNCHANGED if " ".join(now.split()) == " ".join(before.split()) else CHANGED


def _submitted(readable, cycle: MatrixCycle) -> dict[tuple[int, str], MatrixEntry]:
    entries = readable.filter(topic__cycle=cycle, submitted_at__isnull=False)
    return {
        (entry.owner_country_id, entry.topic.key): entry
        for entry in entries.select_related("topic")
    }
