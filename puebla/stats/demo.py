"""Demo mode's statistics: the sources give no figures, so the shipped dataset has none. So that
a newcomer sees the pages, the chart and the files at once, demo mode publishes generated
figures for each seeded structure, for every member state, as a release marked "example
figures, not real data" (on the page, in the chart's caption and in every file). Idempotent:
every `make run` may call it. Never in production (demo mode is off with HTTPS=1)."""

import itertools
import random

from django.db import transaction

from puebla.meetings.querysets import member_states
from puebla.stats import periods
from puebla.stats.codelists import alpha_3
from puebla.stats.models import DataStructure, Observation, Release
from puebla.stats.publishing import Cell, release_write
from puebla.stats.validation import dimension_specs

# The periods shown, and the few codes of each dimension the figures use (with its total).
PERIODS = {"M": ("2025-01", "2025-12"), "Q": ("2024-Q1", "2025-Q4")}
PARTS = {
    "NATIONALITY": ["GTM", "HND", "NIC", "_U"],
    "RETURN_COUNTRY": ["GTM", "HND", "SLV"],
    "SEX": ["F", "M"],
    "AGE": ["Y_LT18", "Y18T29", "Y30T44"],
}


@transaction.atomic
def demo_statistics_ensure() -> list[Release]:
    """Publish example figures for each seeded structure that has no example release yet;
    returns the releases made now."""
    made = []
    countries = [alpha_3(country) for country in member_states().order_by("iso_code")]
    for structure in DataStructure.objects.filter(version=1).order_by("key"):
        if Release.objects.filter(structure__key=structure.key, example=True).exists():
            continue
        made.append(
            release_write(
                structure,
                example_figures(structure, countries),
                by=None,
                note_es="Cifras de ejemplo generadas para la demostración.",
                note_en="Example figures generated for the demonstration.",
                example=True,
            )
        )
    return made


def example_figures(structure: DataStructure, countries: list[str]) -> dict:
    """Made-up counts for `countries` over PERIODS, each total the sum of its parts, with a
    few small counts (so that the sensitive structure shows hidden cells)."""
    specs = dimension_specs(structure)
    options = [
        sorted(spec.codes) if spec.total is None else [*PARTS[spec.key], spec.total]
        for spec in specs
    ]
    cells: dict[Cell, tuple[int | None, str]] = {}
    chooser = random.Random(structure.key)  # noqa: S311 - made-up figures, not a secret
    for country in countries:
        size = chooser.randint(20, 400)
        for period in periods.periods_between(*PERIODS[structure.frequency]):
            parts = {
                combination: chooser.randint(0, 9)
                if chooser.random() < 0.03
                else chooser.randint(size // 2, size)
                for combination in itertools.product(
                    *[
                        [code for code in option if code != spec.total]
                        for option, spec in zip(options, specs, strict=True)
                    ]
                )
            }
            for combination in itertools.product(*options):
                value = sum(
                    count
                    for key, count in parts.items()
                    if all(
                        code == spec.total or code == part
                        for code, part, spec in zip(combination, key, specs, strict=True)
                    )
                )
                cells[(country, ".".join(combination), period)] = (
                    value,
                    Observation.Status.REPORTED.value,
                )
    return cells
