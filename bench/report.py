"""The benchmark's results as Markdown: each page beside the framework's ceiling, gunicorn and
granian side by side, and the access log's cost."""

from dataclasses import dataclass

from bench.wrk import Run

# Issue 13 (replacing DESIGN.md §4's 40% and 50 ms): what a public page must reach at 32
# connections on the 2-core machine, under the default server.
TARGET_CONNECTIONS = 32
TARGET_SHARE_OF_CEILING = 0.60
TARGET_P95_MS = 20.0


@dataclass(frozen=True)
class Server:
    name: str  # a WEB_SERVER value
    access_log: bool
    connections: tuple[int, ...]  # the concurrencies it is measured at

    @property
    def key(self) -> str:
        return f"{self.name}-access-log-{'on' if self.access_log else 'off'}"

    @property
    def label(self) -> str:
        return f"{self.name}, access log {'on' if self.access_log else 'off'}"


@dataclass(frozen=True)
class Target:
    label: str
    path: str
    kind: str  # "ceiling", "static" or "page"


@dataclass(frozen=True)
class Result:
    server: Server
    target: Target
    connections: int
    run: Run
    ceiling: Run  # the trivial view on the same server at the same concurrency, same pass

    @property
    def share(self) -> float:
        return self.run.per_second / self.ceiling.per_second if self.ceiling.per_second else 0.0

    @property
    def errors(self) -> int:
        return self.run.status_errors + self.run.socket_errors


def meets_target(result: Result) -> bool:
    return (
        result.share >= TARGET_SHARE_OF_CEILING
        and result.run.p95_ms < TARGET_P95_MS
        and result.errors == 0
    )


def markdown(
    results: list[Result],
    queries: dict[str, dict],
    context: list[str],
    *,
    servers: list,
    default: str,
) -> str:
    found = {(r.server, r.target.path, r.connections): r for r in results}
    compared = [server for server in servers if server.access_log]
    off = next((server for server in servers if not server.access_log), None)
    targets = list(dict.fromkeys(r.target for r in results))
    connections = sorted({r.connections for r in results if r.server in compared})

    lines = ["# Puebla benchmark", "", *(f"- {line}" for line in context), ""]
    lines += [f"## {' vs '.join(server.name for server in compared)} (access log on)", ""]
    header = "| page | connections |"
    rule = "|---|--:|"
    for server in compared:
        header += f" {server.name} req/s | % of ceiling | p50 ms | p95 ms | p99 ms | errors |"
        rule += "--:|--:|--:|--:|--:|--:|"
    lines += [header + " queries (rendered / cached) |", rule + "--:|"]
    for target in targets:
        for count in connections:
            row = f"| {target.label} `{target.path}` | {count} |"
            for server in compared:
                result = found.get((server, target.path, count))
                row += _cells(result) if result else " — | — | — | — | — | — |"
            counted = queries.get(target.path)
            row += f" {counted['rendered']} / {counted['cached']} |" if counted else " — |"
            lines.append(row)

    if off is not None:
        on = next(s for s in compared if s.name == off.name)
        count = off.connections[0]
        lines += [
            "",
            f"## The access log's cost: {off.name} at {count} connections",
            "",
            "| page | on: req/s | on: p95 ms | off: req/s | off: p95 ms | cost (req/s) |",
            "|---|--:|--:|--:|--:|--:|",
        ]
        for target in targets:
            with_log = found.get((on, target.path, count))
            without = found.get((off, target.path, count))
            if with_log is None or without is None:
                continue
            cost = 1 - with_log.run.per_second / without.run.per_second
            lines.append(
                f"| {target.label} | {with_log.run.per_second:,.0f} | {with_log.run.p95_ms:.1f} "
                f"| {without.run.per_second:,.0f} | {without.run.p95_ms:.1f} | {cost:+.0%} |"
            )

    lines += [
        "",
        f"## Target: at {TARGET_CONNECTIONS} connections every public page serves at least "
        f"{TARGET_SHARE_OF_CEILING:.0%} of the ceiling's requests/s with p95 under "
        f"{TARGET_P95_MS:.0f} ms and no error (judged under the default server, {default})",
        "",
    ]
    for server in compared:
        for result in results:
            if (
                result.server == server
                and result.target.kind == "page"
                and result.connections == TARGET_CONNECTIONS
            ):
                verdict = "met" if meets_target(result) else "MISSED"
                lines.append(
                    f"- {server.name}{' (default)' if server.name == default else ''}: "
                    f"{verdict}: {result.target.label} ({result.share:.0%} of the ceiling, "
                    f"p95 {result.run.p95_ms:.1f} ms, {result.errors} errors)"
                )
    return "\n".join(lines) + "\n"


def _cells(result: Result) -> str:
    run = result.run
    return (
        f" {run.per_second:,.0f} | {result.share:.0%} | {run.p50_ms:.1f} | {run.p95_ms:.1f} "
        f"| {run.p99_ms:.1f} | {result.errors} |"
    )
