"""The benchmark's results as a Markdown table, each page beside the framework's ceiling."""

from dataclasses import dataclass

from bench.wrk import Run

# DESIGN.md §4: what a public page must reach at 32 connections.
TARGET_CONNECTIONS = 32
TARGET_SHARE_OF_CEILING = 0.40
TARGET_P95_MS = 50.0


@dataclass(frozen=True)
class Target:
    label: str
    path: str
    kind: str  # "ceiling", "static" or "page"


@dataclass(frozen=True)
class Result:
    target: Target
    connections: int
    run: Run
    ceiling: Run  # the trivial view at the same concurrency, measured in the same pass


def meets_target(result: Result) -> bool:
    share = result.run.per_second / result.ceiling.per_second if result.ceiling.per_second else 0
    return (
        share >= TARGET_SHARE_OF_CEILING
        and result.run.p95_ms < TARGET_P95_MS
        and result.run.status_errors + result.run.socket_errors == 0
    )


def markdown(results: list[Result], queries: dict[str, dict], context: list[str]) -> str:
    lines = ["# Puebla benchmark", "", *(f"- {line}" for line in context), ""]
    lines += [
        "| page | path | connections | requests/s | % of ceiling | p50 ms | p95 ms | p99 ms "
        "| errors (HTTP ≥400 / socket) | queries (rendered / cached) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        run = result.run
        share = run.per_second / result.ceiling.per_second if result.ceiling.per_second else 0
        counted = queries.get(result.target.path)
        query_cell = f"{counted['rendered']} / {counted['cached']}" if counted else "—"
        lines.append(
            f"| {result.target.label} | `{result.target.path}` | {result.connections} "
            f"| {run.per_second:,.0f} | {share:.0%} | {run.p50_ms:.1f} | {run.p95_ms:.1f} "
            f"| {run.p99_ms:.1f} | {run.status_errors} / {run.socket_errors} "
            f"| {query_cell} |"
        )
    pages = [
        result
        for result in results
        if result.target.kind == "page" and result.connections == TARGET_CONNECTIONS
    ]
    lines += [
        "",
        f"Target (DESIGN.md §4): at {TARGET_CONNECTIONS} connections every public page serves "
        f"at least {TARGET_SHARE_OF_CEILING:.0%} of the ceiling's requests/s with p95 under "
        f"{TARGET_P95_MS:.0f} ms and no error.",
        "",
    ]
    lines += [
        f"- {'met' if meets_target(result) else 'MISSED'}: {result.target.label} "
        f"({result.run.per_second / result.ceiling.per_second:.0%} of the ceiling, "
        f"p95 {result.run.p95_ms:.1f} ms)"
        for result in pages
    ]
    return "\n".join(lines) + "\n"
