"""Publication of a structure's approved figures as a release (DESIGN.md §5: validated before
any write, atomic).

A release holds, for every country, the figures of its approved submissions (the follow-up
answer of the round accepted by the secretariat): where two approved rounds give the same
cell, the later upload wins, so a correction round corrects. On a sensitive structure the
small counts, and the cells that would give one away, are hidden here, once, for every output
(puebla.stats.suppression): the pages, the charts and the files all read the release.
"""

import hashlib
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from puebla.followup.models import Answer
from puebla.stats.codelists import alpha_3_of_code
from puebla.stats.models import (
    DataStructure,
    Observation,
    Release,
    ReleasedObservation,
    Submission,
)
from puebla.stats.opendata import release_files_write
from puebla.stats.suppression import hidden_cells
from puebla.stats.validation import dimension_specs

Cell = tuple[str, str, str]  # (reporting country, series key, period)


def approved_submissions(structure: DataStructure):
    """The structure's submissions whose round's answer the secretariat accepted."""
    accepted = Answer.objects.filter(
        request=OuterRef("round__request"),
        owner_country=OuterRef("owner_country"),
        state=Answer.State.ACCEPTED,
    )
    return Submission.objects.filter(round__structure=structure).filter(Exists(accepted))


def approved_observations(structure: DataStructure) -> dict[Cell, tuple[int | None, str]]:
    """(country, series key, period) → (value, status) of the structure's approved figures,
    the later upload winning where two approved submissions give the same cell."""
    rows = (
        Observation.objects.filter(submission__in=approved_submissions(structure))
        .order_by("submission__uploaded_at", "submission_id")
        .values_list(
            "submission__owner_country__iso_code", "series_key", "period", "value", "status"
        )
    )
    cells: dict[Cell, tuple[int | None, str]] = {}
    for iso_code, series_key, period, value, status in rows.iterator(chunk_size=5000):
        cells[(alpha_3_of_code(iso_code), series_key, period)] = (value, status)
    return cells


def confidential_cells(
    structure: DataStructure, cells: dict[Cell, tuple[int | None, str]]
) -> set[Cell]:
    """The cells to hide: none unless the structure is sensitive; else, in each country's
    table of each period, the small counts and those that would give one away."""
    if not structure.sensitive:
        return set()
    totals = [spec.total for spec in dimension_specs(structure)]
    tables: dict[tuple[str, str], dict[tuple[str, ...], int | None]] = defaultdict(dict)
    for (area, series_key, period), (value, _status) in cells.items():
        tables[(area, period)][tuple(series_key.split("."))] = value
    hidden = set()
    for (area, period), table in tables.items():
        for key in hidden_cells(table, totals, structure.suppression_threshold):
            hidden.add((area, ".".join(key), period))
    return hidden


@transaction.atomic
def release_publish(
    *, structure: DataStructure, by, note_es: str = "", note_en: str = ""
) -> Release:
    """Publish `structure`'s approved figures as its next release. Refuses, with a
    ValidationError, a structure with no approved figures, a release that would change nothing
    since the last, and a correction (any release after the first) without a note."""
    cells = approved_observations(structure)
    if not cells:
        raise ValidationError(
            _(
                "No figures of this structure are approved yet: approve a country's figures "
                "on its round's page first."
            )
        )
    return release_write(structure, cells, by=by, note_es=note_es, note_en=note_en)


def release_write(
    structure: DataStructure,
    cells: dict[Cell, tuple[int | None, str]],
    *,
    by,
    note_es: str = "",
    note_en: str = "",
    example: bool = False,
) -> Release:
    """Write `cells` as `structure`'s next release, small counts hidden (inside the caller's
    transaction). `example`: demonstration figures (puebla.stats.demo), marked as such."""
    hidden = confidential_cells(structure, cells)
    ordered = sorted(cells)
    digest = hashlib.sha256()
    for cell in ordered:
        value, status = cells[cell]
        shown = None if cell in hidden else value
        digest.update(f"{'|'.join(cell)}|{shown}|{status}|{cell in hidden}\n".encode())
    # Releases are numbered one after the other per structure key: lock the structure's row so
    # that two secretariat officials publishing at once do not both take the same number.
    DataStructure.objects.select_for_update().filter(pk=structure.pk).first()
    releases = Release.objects.filter(structure__key=structure.key)
    last = releases.order_by("-number").first()
    if last is not None and last.digest == digest.hexdigest():
        raise ValidationError(
            _("Nothing changed since release %(number)s: there is nothing new to publish.")
            % {"number": last.number}
        )
    if last is not None and not (note_es.strip() or note_en.strip()):
        raise ValidationError(
            {
                "note_en": _(
                    "Say what this release corrects or adds since release %(number)s: readers "
                    "of the earlier figures need to know."
                )
                % {"number": last.number}
            }
        )
    release = Release.objects.create(
        structure=structure,
        number=(last.number if last else 0) + 1,
        published_at=timezone.now(),
        published_by=by,
        note_es=note_es.strip(),
        note_en=note_en.strip(),
        example=example,
        observations_count=len(cells),
        hidden_count=len(hidden),
        digest=digest.hexdigest(),
    )
    ReleasedObservation.objects.bulk_create(
        (
            ReleasedObservation(
                release=release,
                ref_area=cell[0],
                series_key=cell[1],
                period=cell[2],
                value=None if cell in hidden else cells[cell][0],
                status=cells[cell][1],
                confidential=cell in hidden,
            )
            for cell in ordered
        ),
        batch_size=5000,
    )
    release_files_write(release)
    return release
