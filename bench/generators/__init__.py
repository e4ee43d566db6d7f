"""Generators of a large, plausible dataset: one module per app, run in the order listed.

A generator declares its sizes (each becomes a `make bench` option, e.g. `--bodies 200`) and a
`generate(sizes, rng)` function that writes the records and returns what it created. Its module
imports Django models inside `generate`, so the benchmark's driver can read the sizes without
configuring Django.

When a later app lands, add its module to MODULES with defaults for about twenty years of a
secretariat's activity, after the modules it draws on: documents (50,000, many attached to
meetings), planning (1,500 Plan of Action activities) and followup (10,000 country inputs).
"""

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass

MODULES = ["bench.generators.directory", "bench.generators.meetings"]


@dataclass(frozen=True)
class Size:
    name: str  # the option, e.g. "bodies" for --bodies
    default: int
    help: str


@dataclass(frozen=True)
class Generator:
    name: str
    sizes: tuple[Size, ...]
    generate: Callable[[dict[str, int], random.Random], dict[str, int]]


def generators() -> list[Generator]:
    return [importlib.import_module(module).GENERATOR for module in MODULES]


def all_sizes() -> list[Size]:
    return [size for generator in generators() for size in generator.sizes]
