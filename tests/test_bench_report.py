"""The benchmark's report (bench/report.py) and `python -m bench compare` (bench/compare.py),
on made-up figures: what a run prints and keeps, and the change between two kept runs."""

import dataclasses
import json

import pytest

from bench import compare
from bench.__main__ import jobs, keep, page_targets, request_path
from bench.report import Dataset, Result, Server, Target, grows, markdown
from bench.wrk import Run

CEILING = Target("ceiling: trivial Django view", "/bench/hello/", "ceiling")
CACHED = Target("structure", "/es/estructura/", "cached", "it lists every body")
RENDERED = Target("structure", "/es/estructura/", "rendered", "it lists every body")
SIGNED_IN = Target("notices", "/es/intranet/avisos/", "signed in")
STATIC = Target("whitenoise: static file", "/static/puebla.css", "static")


def run(per_second: float, p95: float) -> Run:
    return Run(
        requests=int(per_second * 3),
        seconds=3.0,
        p50_ms=p95 / 2,
        p95_ms=p95,
        p99_ms=p95 * 1.5,
        status_errors=0,
        socket_errors=0,
    )


def results(
    *,
    rendered_p95_at_10: float,
    cached_per_second: float = 3000,
    postgres_cached_per_second: float | None = None,
) -> list[Result]:
    """Both databases at two scales, as `make bench` measures them: the ceiling and a cached
    page at 32 connections, a rendered and a signed-in page (and the ceiling) at 1; the
    rendered page's p95 at x10 as given."""
    made = []
    for scale in (1, 10):
        for database in ("sqlite", "postgres"):
            server = Server(Dataset(database, scale), "granian", True, (1, 32))
            at_32, at_1 = run(4000, 15), run(1000, 1.5)
            rendered_p95 = 20.0 if scale == 1 else rendered_p95_at_10
            cached = cached_per_second
            if database == "postgres" and postgres_cached_per_second is not None:
                cached = postgres_cached_per_second
            for target, count, figures, queries in [
                (CEILING, 32, at_32, None),
                (STATIC, 32, run(3500, 10), None),
                (CACHED, 32, run(cached, 12), 1),
                (CEILING, 1, at_1, None),
                (RENDERED, 1, run(50, rendered_p95), 3),
                (SIGNED_IN, 1, run(40, 30), 6),
            ]:
                ceiling = at_32 if count == 32 else at_1
                made.append(Result(server, target, count, figures, ceiling, queries))
    return made


def test_the_report_shows_cached_and_rendered_pages_on_both_databases_at_both_scales():
    report = markdown(results(rendered_p95_at_10=900), ["a context line"], default="granian")
    assert "## Data x1: granian" in report and "## Data x10: granian" in report
    header = next(line for line in report.splitlines() if line.startswith("| page | served |"))
    assert "SQLite req/s" in header and "PostgreSQL req/s" in header
    # Each served way has its row, with its concurrency, its share of the ceiling's
    # requests/s at that concurrency, and its queries.
    assert "| structure `/es/estructura/` | cached | 32 | 3,000 | 75% | 12.0 | 0 | 1 |" in report
    assert "| structure `/es/estructura/` | rendered | 1 | 50 | 5% | 20.0 | 0 | 3 |" in report
    assert "| notices `/es/intranet/avisos/` | signed in | 1 | 40 | 4% | 30.0 | 0 | 6 |" in report
    # The scale comparison, at the rendered pages' concurrency, names the page whose cost
    # grew, and why.
    assert "## Data x1 → x10: rendered pages at 1 connection" in report
    grown = next(line for line in report.splitlines() if line.startswith("| structure | rendered"))
    assert "| 3 → 3 | 10 → 450 | 20 → 900 | 50 → 50 |" in grown
    assert "GROWS (SQLite x45.0, PostgreSQL x45.0): it lists every body" in grown
    flat = next(line for line in report.splitlines() if line.startswith("| notices | signed in"))
    assert flat.endswith("flat |")
    # The target is judged on cached pages only: 75% of the ceiling, p95 12 ms.
    assert "Every cached page met the target." in report


def test_a_page_that_keeps_its_cost_is_flat_and_a_miss_is_reported():
    report = markdown(results(rendered_p95_at_10=24, cached_per_second=1000), [], default="granian")
    grown = next(line for line in report.splitlines() if line.startswith("| structure | rendered"))
    assert grown.endswith("flat |")
    assert "MISSED (25%, p95 12.0 ms, 0 errors)" in report
    assert "4 missed." in report


def test_a_p95_that_grows_while_the_median_stays_is_noise_not_growth():
    server = Server(Dataset("sqlite", 1), "granian", True, (1,))
    ceiling = run(1000, 1.5)

    def rendered(figures: Run, queries: int = 3) -> Result:
        return Result(server, RENDERED, 1, figures, ceiling, queries)

    before = rendered(run(50, 20))  # median 10 ms
    noisy = dataclasses.replace(run(50, 90), p50_ms=11.0)  # a few slow requests
    assert not grows(before, rendered(noisy))
    assert grows(before, rendered(run(50, 90)))  # median 45 ms: every request slower
    assert grows(before, rendered(run(50, 20), queries=4))  # a query more, whatever the time


def test_the_rendered_pages_ask_the_page_cache_for_a_miss():
    targets = page_targets()
    served = {target.served for target in targets}
    assert served == {"cached", "rendered", "signed in"}
    public = [t for t in targets if t.served != "signed in"]
    assert {t.path for t in public if t.served == "cached"} == {
        t.path for t in public if t.served == "rendered"
    }
    for target in public:
        asked = request_path(target)
        if target.served == "cached":
            assert asked == target.path
        else:
            assert asked.startswith(target.path) and asked.endswith("bench-render=1")
            assert asked.count("?") == 1


def kept_run(folder, stamp, figures):
    raw = {
        "started": stamp,
        "context": [],
        "options": {},
        "datasets": [],
        "results": [result.as_dict() for result in figures],
    }
    return keep("# report\n", raw, folder, stamp)


def test_each_run_is_kept_under_its_date_and_the_latest_as_results_md(tmp_path):
    first = kept_run(tmp_path, "20261124-1030", results(rendered_p95_at_10=900))
    second = kept_run(tmp_path, "20261124-1030", results(rendered_p95_at_10=900))
    assert first.name == "results-20261124-1030.md"
    assert second.name == "results-20261124-1030-2.md"  # never over an earlier run
    assert first.with_suffix(".json").exists() and second.with_suffix(".json").exists()
    assert (tmp_path / "results.md").read_text() == "# report\n"
    rows = json.loads(first.with_suffix(".json").read_text())["results"]
    row = next(r for r in rows if r["served"] == "rendered" and r["database"] == "postgres")
    assert row["scale"] == 1 and row["connections"] == 1
    assert row["per_second"] == 50.0 and row["queries"] == 3
    assert row["share_of_ceiling"] == 0.05


def test_compare_prints_the_change_per_page_between_two_stored_runs(tmp_path, capsys):
    before = kept_run(tmp_path, "20261124-1030", results(rendered_p95_at_10=900))
    after = kept_run(
        tmp_path, "20261125-0900", results(rendered_p95_at_10=450, cached_per_second=3300)
    )
    compare.main([str(before.with_suffix(".json")), str(after)])  # a .json or its .md twin
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    rendered = next(
        line for line in lines if line.startswith("| structure | rendered | SQLite x10 |")
    )
    assert "| 900.0 → 450.0 | -50% ! |" in rendered
    cached = next(
        line for line in lines if line.startswith("| structure | cached | PostgreSQL x1 |")
    )
    assert "| 3,000 → 3,300 | +10% ! |" in cached
    assert cached.endswith("| 1 |")  # the same queries: shown once
    # Twenty results in each run (5 runs, 2 databases, 2 scales): all compared.
    assert len([line for line in lines if line.startswith("| ")]) == 1 + 24


def test_compare_finds_runs_by_their_stamp_or_takes_the_latest_two(tmp_path, capsys):
    kept_run(tmp_path, "20261124-1030", results(rendered_p95_at_10=900))
    kept_run(tmp_path, "20261125-0900", results(rendered_p95_at_10=900))
    latest = kept_run(tmp_path, "20261126-0800", results(rendered_p95_at_10=900))
    assert compare.resolve("20261124-1030", tmp_path).name == "results-20261124-1030.json"
    assert compare.latest_two(tmp_path)[-1] == latest.with_suffix(".json")
    with pytest.raises(SystemExit, match="no stored run"):
        compare.resolve("20200101-0000", tmp_path)


def test_compare_lists_what_only_one_run_measured(tmp_path):
    one = results(rendered_p95_at_10=900)
    other = [result for result in one if result.target != SIGNED_IN]
    before = json.loads(kept_run(tmp_path, "a", one).with_suffix(".json").read_text())
    after = json.loads(kept_run(tmp_path, "b", other).with_suffix(".json").read_text())
    printed = compare.compare(before, after)
    assert "- only in A: 1 results on SQLite x1, granian" in printed
    assert printed.count("- only in A: 1 results on ") == 4  # each database and scale
    assert "only in B" not in printed


def test_each_server_runs_its_ceiling_first_and_each_page_at_its_concurrency():
    targets = page_targets()
    static = Target("whitenoise: static file", "/static/puebla.css", "static")
    sqlite, postgres = Dataset("sqlite", 1), Dataset("postgres", 1)
    servers = [
        Server(sqlite, "granian", True, (1, 32)),
        Server(postgres, "granian", True, (1, 32)),
        Server(sqlite, "granian", False, (32,)),
    ]
    planned = {
        server.key: jobs(server, targets, static, [32], [1], servers, "granian")
        for server in servers
    }
    first, second, without_log = (planned[server.key] for server in servers)
    assert [target.served for target, _count in first[:2]] == ["ceiling", "ceiling"]
    assert {(target.served, count) for target, count in first} == {
        ("ceiling", 1),
        ("ceiling", 32),
        ("static", 32),
        ("cached", 32),
        ("rendered", 1),
        ("signed in", 1),
    }
    assert len(first) == 2 + 1 + len(targets)
    # On each server: a cached page is judged against the static file on its own server.
    assert {(target.served, count) for target, count in second} == {
        (served, count) for served, count in {(t.served, c) for t, c in first}
    }
    assert {target.served for target, _count in without_log} == {"ceiling", "static", "cached"}
    assert {count for _target, count in without_log} == {32}


def test_other_servers_and_the_access_logs_cost_are_reported_beside_the_default():
    figures = results(rendered_p95_at_10=900)
    main = next(r.server for r in figures if r.server.dataset == Dataset("sqlite", 1))
    gunicorn = Server(main.dataset, "gunicorn", True, (1, 32))
    no_log = Server(main.dataset, "granian", False, (32,))
    at_32, at_1 = run(2000, 30), run(800, 2)
    figures += [
        Result(gunicorn, CEILING, 32, at_32, at_32),
        Result(gunicorn, CACHED, 32, run(1000, 40), at_32, 1),
        Result(gunicorn, CEILING, 1, at_1, at_1),
        Result(gunicorn, RENDERED, 1, run(40, 25), at_1, 3),
        Result(no_log, CEILING, 32, run(5000, 10), run(5000, 10)),
        Result(no_log, CACHED, 32, run(4000, 10), run(5000, 10), 1),
    ]
    report = markdown(figures, [], default="granian")
    lines = report.splitlines()
    assert "## Web servers: granian vs gunicorn (SQLite x1, access log on)" in report
    assert "| structure | cached | 32 | 3,000 | 75% | 12.0 | 1,000 | 50% | 40.0 |" in lines
    assert "| structure | rendered | 1 | 50 | 5% | 20.0 | 40 | 5% | 25.0 |" in lines
    # A page at a concurrency no server measured it at has no row (rendered ones at 32).
    assert "| structure | rendered | 32 |" not in report
    assert "## The access log's cost: granian at 32 connections (SQLite x1)" in report
    assert "| structure | cached | 3,000 | 12.0 | 4,000 | 10.0 | +25% |" in lines
    # The main tables hold the default server with its access log only.
    assert report.count("## Data x1: granian, access log on") == 1


def test_cached_pages_are_judged_against_the_static_file_and_postgresql_against_sqlite():
    report = markdown(
        results(rendered_p95_at_10=24, cached_per_second=3000, postgres_cached_per_second=2000),
        [],
        default="granian",
    )
    static = report.split("of the static file's requests/s")[1].split("##")[0]
    # SQLite: 3,000 of the file's 3,500 (86%); PostgreSQL: 2,000 (57%).
    assert "| structure | met (86%, p95 12.0 ms) | MISSED (57%, p95 12.0 ms) |" in static
    assert "2 missed." in static
    against_sqlite = report.split("within 15% of SQLite's share")[1].split("##")[0]
    # 75% of the ceiling on SQLite, 50% on PostgreSQL: more than 15% below.
    assert "| structure | 75% | 50% MISSED | 75% | 50% MISSED |" in against_sqlite


def test_the_report_lists_each_pages_bytes_plain_gzip_and_brotli():
    sizes = {
        Dataset("sqlite", 1): {
            CACHED.path: {"plain": 1_300_000, "gzip": 110_000, "br": 80_000},
            SIGNED_IN.path: {"plain": 20_000, "gzip": None, "br": None},
        },
        Dataset("sqlite", 10): {
            CACHED.path: {"plain": 13_000_000, "gzip": 1_100_000, "br": 800_000},
        },
    }
    report = markdown(results(rendered_p95_at_10=24), [], default="granian", sizes=sizes)
    section = report.split("## Bytes per page as sent")[1]
    assert (
        "| structure | cached | 1,300,000 | 110,000 | 80,000 | 13,000,000 | 1,100,000 | 800,000 |"
        in section
    )
    assert "| notices | signed in | 20,000 | — | — | — | — | — |" in section
