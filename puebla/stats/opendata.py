"""A release's figures as open data files: SDMX-CSV 2.0 (the codes, for a statistics office's
software; sdmx1 reads it with the structure of puebla.stats.downloads) and CSV with the codes'
names in Spanish or English (for a spreadsheet). Both say what a hidden cell is: no value and
"confidential", never zero; a figure not available has no value and status M. Example figures
carry a column that says so on every row.

Written once, when the release is published (`release_files_write`), row by row to a temporary
file: a release of a million and a half figures is never held in memory whole."""

import csv
import io
import tempfile
from collections.abc import Iterator

from django.core.files import File
from django.utils import translation
from django.utils.translation import gettext as _

from puebla.core.spreadsheets import neutralised
from puebla.core.text import text_in
from puebla.stats.models import Code, Observation, Release, ReleasedObservation
from puebla.stats.validation import (
    OBS_STATUS,
    OBS_VALUE,
    REF_AREA,
    TIME_PERIOD,
    dataflow_id,
)

CONF_STATUS = "CONF_STATUS"
# SDMX's CONF_STATUS codes: F, free; C, confidential.
FREE, CONFIDENTIAL = "F", "C"
EXAMPLE_COLUMN = "NOTE"


def _observations(release: Release) -> Iterator:
    """The release's cells in order, as named tuples (a model instance per row would double
    the time a large release's files take)."""
    return (
        ReleasedObservation.objects.filter(release=release)
        .order_by("ref_area", "series_key", "period")
        .values_list(
            "ref_area", "series_key", "period", "value", "status", "confidential", named=True
        )
        .iterator(chunk_size=5000)
    )


def release_files_write(release: Release) -> None:
    """Write the release's three files to storage and record them on the release; on any
    failure, none of them stays behind."""
    written = []
    try:
        for field, write in (
            ("sdmx_csv", write_sdmx_csv),
            ("csv_es", lambda release, out: write_labelled_csv(release, "es", out)),
            ("csv_en", lambda release, out: write_labelled_csv(release, "en", out)),
        ):
            with tempfile.TemporaryFile("w+b") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                write(release, text)
                text.flush()
                raw.seek(0)
                getattr(release, field).save("x.csv", File(raw), save=False)
                written.append(getattr(release, field))
                text.detach()
        release.save(update_fields=["sdmx_csv", "csv_es", "csv_en"])
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise


def write_sdmx_csv(release: Release, out) -> None:
    structure = release.structure
    keys = [dimension.key for dimension in structure.dimensions.all()]
    header = [
        "STRUCTURE",
        "STRUCTURE_ID",
        "ACTION",
        REF_AREA,
        *keys,
        TIME_PERIOD,
        OBS_VALUE,
        OBS_STATUS,
        CONF_STATUS,
    ]
    example = [EXAMPLE_COLUMN] if release.example else []
    with translation.override("en"):
        example_note = [_("example figures, not real data")] if release.example else []
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header + example)
    structure_id = dataflow_id(structure)
    for row in _observations(release):
        writer.writerow(
            [
                "datastructure",
                structure_id,
                "I",
                row.ref_area,
                *row.series_key.split("."),
                row.period,
                "" if row.value is None else row.value,
                row.status,
                CONFIDENTIAL if row.confidential else FREE,
                *example_note,
            ]
        )


def labels(
    release: Release, language: str
) -> tuple[list[str], list[str], dict[str, dict[str, str]]]:
    """The dimensions' column names in `language`, their code lists' keys and, per code list
    key, code → name."""
    dimensions = list(release.structure.dimensions.select_related("code_list"))
    lists = {"CL_AREA"} | {dimension.code_list.key for dimension in dimensions}
    names: dict[str, dict[str, str]] = {key: {} for key in lists}
    for code in Code.objects.filter(code_list__key__in=lists).select_related("code_list"):
        names[code.code_list.key][code.code] = text_in(code, "name", language)
    return (
        [text_in(dimension, "name", language) for dimension in dimensions],
        [dimension.code_list.key for dimension in dimensions],
        names,
    )


def write_labelled_csv(release: Release, language: str, out) -> None:
    """The figures with each code beside its name in `language`, with a byte-order mark (so
    that a spreadsheet opens accented names rightly)."""
    with translation.override(language):
        dimension_names, lists, names = labels(release, language)
        header = [_("Reporting country code"), _("Reporting country")]
        for name in dimension_names:
            header += [_("%(dimension)s (code)") % {"dimension": name}, name]
        header += [_("Period"), text_in(release.structure, "measure", language), _("Note")]
        example = _("example figures, not real data") if release.example else ""
        hidden = _("confidential: a small count, hidden")
        not_available = _("not available")
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        for row in _observations(release):
            cells = [row.ref_area, names["CL_AREA"].get(row.ref_area, row.ref_area)]
            for list_key, code in zip(lists, row.series_key.split("."), strict=True):
                cells += [code, names[list_key].get(code, code)]
            notes = [
                hidden
                if row.confidential
                else not_available
                if row.status == Observation.Status.NOT_AVAILABLE
                else "",
                example,
            ]
            cells += [
                row.period,
                "" if row.value is None else row.value,
                "; ".join(note for note in notes if note),
            ]
            writer.writerow([neutralised(cell) for cell in cells])
