"""The soak's report: per backend, requests, throughput, latency and errors per action, then
the writes the clients were told were saved and how many of them the database holds once."""

import collections
import math

from soak.traffic import ACTIONS

WRITES = {
    "nominate": "nominations",
    "answer": "answers saved (rows of the answers' history)",
    "upload": "files uploaded",
}


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with `share` of them at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def passed(run: dict) -> bool:
    errors = sum(1 for _, _, error in run["records"] if error)
    checked = run["checked"].values()
    return (
        errors == 0
        and run["locked"] == 0
        and run["server_errors"] == 0
        and all(kind["lost"] == 0 and kind["duplicated"] == 0 for kind in checked)
        and all(kind.get("bytes_equal", kind["once"]) == kind["once"] for kind in checked)
    )


def markdown(runs: list[dict], load: tuple[float, float, float]) -> str:
    lines = [
        "# Soak",
        "",
        "Puebla's production server (`puebla serve`: granian, 2 processes of 4 threads) on "
        "loopback, behind one proxy as deployed (TRUSTED_PROXY_COUNT=1: each simulated person "
        "from an address of their own). Each client is one process that, without pause, "
        "picks an action: "
        + ", ".join(f"{action} {weight}%" for action, weight in ACTIONS.items())
        + ". Latency is per HTTP exchange, redirects followed. Load average at the end: "
        + " ".join(f"{value:.1f}" for value in load)
        + ".",
    ]
    for run in runs:
        lines += _run(run)
    return "\n".join(lines) + "\n"


def _run(run: dict) -> list[str]:
    by_action = collections.defaultdict(list)
    errors = collections.Counter()
    examples: dict[str, str] = {}
    for action, milliseconds, error in run["records"]:
        if error:
            errors[action] += 1
            examples.setdefault(action, error)
        elif milliseconds:
            by_action[action].append(milliseconds)
    total = sum(len(values) for values in by_action.values()) + sum(errors.values())
    every = [value for values in by_action.values() for value in values]
    lines = [
        "",
        f"## {run['backend']}",
        "",
        f"{run['clients']} clients for {run['seconds']:.0f} s over {run['pages']} public pages: "
        f"{total} requests, {total / run['seconds']:.1f} requests/s, p95 "
        f"{percentile(every, 0.95):.0f} ms, {sum(errors.values())} errors; "
        f"'database is locked' in the server's log {run['locked']} times, "
        f"a status of 500 or more {run['server_errors']} times.",
        "",
        "| action | requests | per second | p50 ms | p95 ms | max ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for action in ACTIONS:
        values = by_action.get(action, [])
        count = len(values) + errors[action]
        lines.append(
            f"| {action} | {count} | {count / run['seconds']:.1f} | "
            f"{percentile(values, 0.5):.0f} | {percentile(values, 0.95):.0f} | "
            f"{max(values, default=math.nan):.0f} | {errors[action]} |"
        )
    lines += [
        "",
        "| writes | confirmed | stored once | lost | stored twice or more | stored, not confirmed "
        "| bytes equal |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, label in WRITES.items():
        found = run["checked"][kind]
        lines.append(
            f"| {label} | {found['confirmed']} | {found['once']} | {found['lost']} | "
            f"{found['duplicated']} | {found['unconfirmed_stored']} | "
            f"{found.get('bytes_equal', '')} |"
        )
    for action, error in examples.items():
        lines.append(f"\nFirst error of {action}: {error}")
    return lines
