"""`python -m bench.generate --bodies 200 ...`: write the generated dataset into the database
that the environment names (the benchmark runs it with its server's environment)."""

import argparse
import json
import os
import random

from bench.generators import all_sizes, generators


def add_size_options(parser: argparse.ArgumentParser) -> None:
    for size in all_sizes():
        parser.add_argument(
            f"--{size.name}",
            type=int,
            default=size.default,
            metavar="N",
            help=f"{size.help} (default {size.default})",
        )


def sizes_from(arguments: argparse.Namespace, scale: int = 1) -> dict[str, int]:
    """The sizes the options give, each multiplied by `scale` unless it does not scale."""
    return {
        size.name: size.at(getattr(arguments, size.name.replace("-", "_")), scale)
        for size in all_sizes()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2001)
    add_size_options(parser)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    rng = random.Random(arguments.seed)  # noqa: S311 - made-up data, not a secret
    sizes = sizes_from(arguments)
    created = {}
    for generator in generators():
        created.update(generator.generate(sizes, rng))
    _analyze()
    print(json.dumps(created))


def _analyze() -> None:
    """Give PostgreSQL's planner the statistics of what was just written, as its autovacuum does
    on a server in use within a minute of such a load; without them it takes the tables for
    empty (2,000 requests estimated at 160) and picks plans ten times slower than a running
    server's. SQLite keeps none unless told, and Puebla does not tell it: left as it is."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
