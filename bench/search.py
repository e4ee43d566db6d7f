"""`python -m bench.search` (`make bench-search`): the site search over many generated
bilingual documents, on SQLite and PostgreSQL, timed in the process that searches.

1. For each database: a fresh one (SQLite in a temporary data folder; a fresh PostgreSQL
   database beside the one DATABASE_URL names), migrated, with the RCM dataset.
2. `--documents` made-up documents (100,000 by default) with a Spanish and an English title
   and summary drawn from a migration vocabulary, of every audience, year, body and theme,
   written in bulk and indexed with the search's own rebuild (puebla.search.services).
3. Two-word queries, with and without filters, as an anonymous visitor and as a member-state
   official, each run `--repeat` times: p50 and p95 of `search()` (the page's whole work
   but rendering), printed as a table, beside a reference query timed in the same run (one
   index row read by its key: what the database costs at the least). The target: p95 under
   50 ms for a two-word query, with and without filters (DESIGN.md §4).

The timing child is `python -m bench.search measure`; the generator `... generate N`.
"""

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.database import fresh_database
from bench.server import PueblaServer

SPANISH = [
    "migración",
    "migrantes",
    "retorno",
    "asistido",
    "protección",
    "consular",
    "niñez",
    "no",
    "acompañada",
    "mujeres",
    "trata",
    "de",
    "personas",
    "tráfico",
    "ilícito",
    "fronteras",
    "derechos",
    "humanos",
    "desarrollo",
    "remesas",
    "integración",
    "regional",
    "cooperación",
    "lineamientos",
    "guía",
    "manual",
    "informe",
    "estudio",
    "seminario",
    "taller",
    "red",
    "funcionarios",
    "enlace",
    "políticas",
    "gestión",
    "migratoria",
    "refugiados",
    "asilo",
    "reintegración",
    "comunidades",
    "origen",
    "tránsito",
    "destino",
]
ENGLISH = [
    "migration",
    "migrants",
    "assisted",
    "return",
    "consular",
    "protection",
    "unaccompanied",
    "children",
    "women",
    "trafficking",
    "in",
    "persons",
    "smuggling",
    "borders",
    "human",
    "rights",
    "development",
    "remittances",
    "regional",
    "integration",
    "cooperation",
    "guidelines",
    "guide",
    "manual",
    "report",
    "study",
    "seminar",
    "workshop",
    "network",
    "liaison",
    "officers",
    "policies",
    "management",
    "refugees",
    "asylum",
    "reintegration",
    "communities",
    "origin",
    "transit",
    "destination",
]
QUERIES = [
    ("migrantes retorno", {}),
    ("protección consular", {"year": 2015}),
    ("return migrants", {}),
    ("children protection", {"theme": "rights"}),
    ("trata fronteras", {"kinds": ["documents.document"]}),
    ("remittances development", {"year": 2010, "theme": "development"}),
]
TARGET_P95_MS = 50


def generate(count: int, seed: int) -> dict:
    """Write `count` documents in bulk and index them all; runs inside Django."""
    from django.db import transaction

    from puebla.directory.models import Body
    from puebla.documents.models import Document
    from puebla.search.services import index_rebuild

    rng = random.Random(seed)  # noqa: S311 - made-up data
    bodies = list(Body.objects.values_list("pk", flat=True))
    audiences = ["public"] * 5 + ["participants", "observers", "members", "members", "secretariat"]
    themes = ["policy", "rights", "development", ""]
    started = time.perf_counter()
    with transaction.atomic():
        batch = []
        for number in range(count):
            words = rng.sample(range(len(SPANISH)), 6)
            batch.append(
                Document(
                    slug=f"bench-document-{number}",
                    kind="study",
                    title_es=" ".join(SPANISH[i] for i in words[:3]).capitalize(),
                    title_en=" ".join(ENGLISH[i % len(ENGLISH)] for i in words[:3]).capitalize(),
                    summary_es=" ".join(rng.choice(SPANISH) for _ in range(25)),
                    summary_en=" ".join(rng.choice(ENGLISH) for _ in range(25)),
                    year=rng.randint(2000, 2026),
                    body_id=rng.choice(bodies) if number % 3 else None,
                    theme=rng.choice(themes),
                    audience=rng.choice(audiences),
                )
            )
            if len(batch) == 2000:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)
    written = time.perf_counter() - started
    indexed = index_rebuild()
    return {
        "documents": count,
        "write_seconds": round(written, 1),
        "index_seconds": round(time.perf_counter() - started - written, 1),
        "indexed": indexed,
    }


def measure(repeat: int) -> dict:
    """p50 / p95 milliseconds of search() per query and reader; runs inside Django."""
    from django.contrib.auth.models import AnonymousUser

    from puebla.accounts.roles import role_user_create
    from puebla.search.query import search

    member = role_user_create("official_a", email="bench-search@example.org", password="x" * 20)
    readers = {"anonymous": AnonymousUser(), "member": member}
    reference = _timed(repeat, _reference_query)
    results = []
    for words, filters in QUERIES:
        for reader, user in readers.items():
            found = search(user, words, **filters)  # warm: compiled statements, caches
            results.append(
                {
                    "query": words,
                    "filters": filters,
                    "reader": reader,
                    "total": found.total,
                    **_timed(repeat, lambda: search(user, words, **filters)),  # noqa: B023
                }
            )
    return {"results": results, "reference": reference}


def _reference_query() -> None:
    """What the database costs at the least, in the same run: one index row read by its key."""
    from puebla.search.models import Entry

    Entry.objects.filter(pk=1).values_list("kind", flat=True).first()


def _timed(repeat: int, work) -> dict:
    """p50 and p95 (nearest rank) milliseconds of `repeat` calls of `work`, after one more."""
    work()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50": round(statistics.median(times), 2),
        "p95": round(times[math.ceil(len(times) * 0.95) - 1], 2),
    }


def _inside_django(mode: str, argument: int, seed: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    import django

    django.setup()
    outcome = generate(argument, seed) if mode == "generate" else measure(argument)
    print(json.dumps(outcome))


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("generate", "measure"):
        _inside_django(argv[0], int(argv[1]), int(argv[2]) if len(argv) > 2 else 2001)
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seed", type=int, default=2001)
    arguments = parser.parse_args(argv)
    tables = {}
    for database in arguments.databases.split(","):
        tables[database] = _run_on(database, arguments)
    report = _report(tables, arguments.documents)
    print(report)
    folder = Path("bench-results")
    folder.mkdir(exist_ok=True)
    kept = folder / f"search-{time.strftime('%Y%m%d-%H%M')}.md"
    kept.write_text(report, encoding="utf-8")
    _step(f"kept in {kept}")


def _run_on(database: str, arguments) -> dict:
    if database == "postgres":
        os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/puebla")
        purpose = "search"
    else:
        purpose = None
    saved_url = os.environ.pop("DATABASE_URL", None) if database == "sqlite" else None
    try:
        with tempfile.TemporaryDirectory(prefix="puebla-bench-search-") as folder:
            context = fresh_database(purpose) if purpose else _no_database()
            with context as database_url:
                server = PueblaServer(Path(folder), database_url=database_url)
                _step(f"{database}: migrate and load the RCM dataset")
                server.command("migrate")
                server.command("createcachetable")
                server.command("load-rcm")
                _step(f"{database}: {arguments.documents} documents, written and indexed")
                made = json.loads(
                    server.python(
                        "-m",
                        "bench.search",
                        "generate",
                        str(arguments.documents),
                        str(arguments.seed),
                        timeout=3600,
                    ).stdout.splitlines()[-1]
                )
                _step(f"{database}: {made}")
                _step(f"{database}: {len(QUERIES)} queries x 2 readers x {arguments.repeat}")
                measured = json.loads(
                    server.python(
                        "-m", "bench.search", "measure", str(arguments.repeat), timeout=3600
                    ).stdout.splitlines()[-1]
                )
                return made | measured
    finally:
        if saved_url is not None:
            os.environ["DATABASE_URL"] = saved_url


class _no_database:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _step(message: str) -> None:
    print(f"bench search: {message}", file=sys.stderr, flush=True)


def _report(tables: dict, documents: int) -> str:
    lines = []
    databases = list(tables)
    lines.append(
        f"\nSite search over {documents:,} generated bilingual documents (ms, in process)\n"
    )
    header = "| query | filters | reader | " + " | ".join(
        f"{name} p50 | {name} p95 | {name} hits" for name in databases
    )
    lines.append(header + " |")
    lines.append("|" + "---|" * (3 + 3 * len(databases)))
    rows = zip(*(tables[name]["results"] for name in databases), strict=True)
    misses = 0
    for row in rows:
        first = row[0]
        cells = []
        for result in row:
            cells += [f"{result['p50']}", f"{result['p95']}", f"{result['total']}"]
            misses += result["p95"] >= TARGET_P95_MS
        filters = ", ".join(f"{k}={v}" for k, v in first["filters"].items()) or "—"
        lines.append(
            f"| {first['query']} | {filters} | {first['reader']} | " + " | ".join(cells) + " |"
        )
    for name in databases:
        table = tables[name]
        reference = table["reference"]
        lines.append(
            f"\n{name}: written in {table['write_seconds']} s, indexed in "
            f"{table['index_seconds']} s; the reference query (one index row by its key) "
            f"p50 {reference['p50']} ms, p95 {reference['p95']} ms"
        )
    verdict = "met" if not misses else f"missed in {misses} measurement(s)"
    lines.append(
        f"\nTarget, p95 < {TARGET_P95_MS} ms for a two-word query, with and without filters: "
        f"{verdict}."
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
