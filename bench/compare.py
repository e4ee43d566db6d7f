"""`python -m bench compare [A B]`: the change per page between two stored runs.

A and B are runs kept in bench-results/: a results-YYYYMMDD-HHMM.json file, its .md twin, or
just the stamp (20261124-1030). Without them, the two latest runs there. Only what both runs
measured (the same page, served the same way, on the same database, scale, server and
concurrency) is compared; the rest is listed.
"""

import json
import sys
from collections import Counter
from pathlib import Path

from bench.report import DATABASE_NAMES

RESULTS = Path(__file__).resolve().parents[1] / "bench-results"
# A change smaller than this is within a run's noise on a shared machine: not flagged.
NOTABLE = 0.10


def resolve(name: str, folder: Path = RESULTS) -> Path:
    path = Path(name)
    if path.suffix == ".md":
        path = path.with_suffix(".json")
    if path.suffix != ".json":
        path = folder / f"results-{name}.json"
    if not path.exists():
        raise SystemExit(f"bench compare: no stored run {path}")
    return path


def latest_two(folder: Path = RESULTS) -> list[Path]:
    runs = sorted(folder.glob("results-*.json"), key=lambda path: path.stat().st_mtime)
    if len(runs) < 2:
        raise SystemExit(f"bench compare: fewer than two stored runs in {folder}")
    return runs[-2:]


def _key(row: dict) -> tuple:
    return (
        row["database"],
        row["scale"],
        row["server"],
        row["access_log"],
        row["connections"],
        row["path"],
        row["served"],
    )


def _change(before: float, after: float) -> str:
    if not before:
        return "—"
    change = after / before - 1
    mark = " !" if abs(change) >= NOTABLE else ""
    return f"{change:+.0%}{mark}"


def compare(before: dict, after: dict) -> str:
    """A Markdown table of every result both runs hold: requests/s, p95 and queries, A → B."""
    old = {_key(row): row for row in before["results"]}
    new = {_key(row): row for row in after["results"]}
    lines = [
        f"# Benchmark: {before['started']} → {after['started']}",
        "",
        f"Changes of {NOTABLE:.0%} or more are marked `!`; a run on a busy machine moves them "
        "all, so compare the shares of the ceiling too.",
        "",
        "| page | served | data | server | connections | req/s | change | % of ceiling "
        "| p95 ms | change | queries |",
        "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for key, row in new.items():
        if key not in old:
            continue
        was = old[key]
        data = f"{DATABASE_NAMES.get(row['database'], row['database'])} x{row['scale']}"
        server = row["server"] + ("" if row["access_log"] else ", no access log")
        queries = f"{was['queries']} → {row['queries']}"
        if was["queries"] == row["queries"]:
            queries = "—" if row["queries"] is None else str(row["queries"])
        lines.append(
            f"| {row['page']} | {row['served']} | {data} | {server} | {row['connections']} "
            f"| {was['per_second']:,.0f} → {row['per_second']:,.0f} "
            f"| {_change(was['per_second'], row['per_second'])} "
            f"| {was['share_of_ceiling']:.0%} → {row['share_of_ceiling']:.0%} "
            f"| {was['p95_ms']:.1f} → {row['p95_ms']:.1f} "
            f"| {_change(was['p95_ms'], row['p95_ms'])} | {queries} |"
        )
    only = [
        f"- only in {run}: {count} results on {where}"
        for run, mine, theirs in (("A", old, new), ("B", new, old))
        for where, count in Counter(_where(mine[k]) for k in mine if k not in theirs).items()
    ]
    if only:
        lines += ["", "Not compared (measured in one run only):", *only]
    return "\n".join(lines) + "\n"


def _where(row: dict) -> str:
    return (
        f"{DATABASE_NAMES.get(row['database'], row['database'])} x{row['scale']}, "
        f"{row['server']}{'' if row['access_log'] else ' without access log'}"
    )


def main(arguments: list[str]) -> None:
    if arguments and arguments[0] in {"-h", "--help"}:
        print(__doc__)
        return
    if len(arguments) == 2:
        paths = [resolve(name) for name in arguments]
    elif not arguments:
        paths = latest_two()
    else:
        raise SystemExit("usage: python -m bench compare [A B]")
    before, after = (json.loads(path.read_text(encoding="utf-8")) for path in paths)
    print(f"A: {paths[0]}\nB: {paths[1]}\n")
    print(compare(before, after))


if __name__ == "__main__":
    main(sys.argv[1:])
