"""Generators of a large, plausible dataset: one module per app, run in the order listed.

A generator declares its sizes (each becomes a `make bench` option, e.g. `--bodies 200`) and a
`generate(sizes, rng)` function that writes the records and returns what it created. Its module
imports Django models inside `generate`, so the benchmark's driver can read the sizes without
configuring Django.

`make bench --scale 1,10` runs the dataset at its sizes and at ten times them: every size is
multiplied by the scale unless it is declared `scales=False` (a span of years, which stays
twenty years of more activity; the world's number of states).

When a later app lands, add its module to MODULES with defaults for about twenty years of a
secretariat's activity, after the modules it draws on: documents (50,000, many attached to
meetings), planning (1,500 Plan of Action activities) and followup (10,000 country inputs).
Its sizes scale like the others' unless they are a span or a fixed number of real things.
"""

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass

MODULES = [
    "bench.generators.directory",
    "bench.generators.meetings",
    "bench.generators.intranet",
    "bench.generators.fund",
    "bench.generators.planning",
    "bench.generators.followup",
    "bench.generators.stats",
]


@dataclass(frozen=True)
class Size:
    name: str  # the option, e.g. "bodies" for --bodies
    default: int
    help: str
    scales: bool = True  # multiplied by `--scale`

    def at(self, value: int, scale: int) -> int:
        return value * scale if self.scales else value


@dataclass(frozen=True)
class Generator:
    name: str
    sizes: tuple[Size, ...]
    generate: Callable[[dict[str, int], random.Random], dict[str, int]]


def generators() -> list[Generator]:
    return [importlib.import_module(module).GENERATOR for module in MODULES]


def all_sizes() -> list[Size]:
    return [size for generator in generators() for size in generator.sizes]
