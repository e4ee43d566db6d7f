"""The scan's figures, what makes it fail, and the summary it prints and keeps."""

import contextlib
import dataclasses
import time
from collections import Counter
from dataclasses import dataclass, field

from scan.attack import RoleResult
from scan.audit import Audit
from scan.wapiti import FAILING, WapitiReport


@dataclass
class Figures:
    started: str
    database: str = ""
    canary: dict | None = None  # sqlmap on the toy application: found, missed
    roles: list[RoleResult] = field(default_factory=list)
    unreached: list[str] = field(default_factory=list)
    wapiti: dict[str, WapitiReport] = field(default_factory=dict)
    audit: Audit | None = None
    deploy: dict | None = None
    hostile: dict | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # step -> wall-clock seconds


@contextlib.contextmanager
def timed(figures: Figures, step: str):
    started = time.monotonic()
    try:
        yield
    finally:
        figures.seconds[step] = round(time.monotonic() - started)


def failures(figures: Figures, *, allow_unaudited: bool = False) -> list[str]:
    found = []
    if figures.canary is not None and figures.canary["missed"]:
        found.append(f"sqlmap missed the toy application's {figures.canary['missed']}")
    injectable = sum(len(result.injectable) for result in figures.roles)
    if injectable:
        found.append(f"{injectable} injectable parameters")
    for role, scanned in figures.wapiti.items():
        if scanned.failing():
            found.append(f"wapiti as {role}: {len(scanned.failing())} high or medium findings")
    if figures.audit is not None:
        if figures.audit.unexplained():
            found.append(f"pip-audit: {len(figures.audit.unexplained())} vulnerabilities")
        if figures.audit.not_audited and not allow_unaudited:
            found.append(
                f"pip-audit: {len(figures.audit.not_audited)} of {figures.audit.packages} "
                "packages not audited (no vulnerability data)"
            )
    if figures.deploy is not None and not figures.deploy["passed"]:
        found.append("check --deploy reported issues")
    if figures.hostile is not None and not figures.hostile["passed"]:
        found.append("hostile input tests failed")
    return found


def markdown(figures: Figures, *, allow_unaudited: bool = False) -> str:
    lines = [f"# Scan {figures.started} UTC ({figures.database or 'no instance'})", ""]
    if figures.canary is not None or figures.roles:
        lines += ["## sqlmap", ""]
    if figures.canary is not None:
        lines += [
            f"- the toy application's planted injections found: {figures.canary['found']}, "
            f"missed: {figures.canary['missed']}",
            "",
        ]
    if figures.roles:
        lines += [
            "| role | pages | forms and queries | attacked (new) | parameters tested | "
            "injectable | not tested | sessions renewed |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in figures.roles:
            lines.append(
                f"| {result.role} | {result.pages} | {result.targets} | {result.attacked} | "
                f"{result.parameters} | {len(result.injectable)} | {len(result.not_tested)} | "
                f"{result.sessions_renewed} |"
            )
        total = lambda name: sum(getattr(result, name) for result in figures.roles)  # noqa: E731
        lines.append(
            f"| **all** | {total('pages')} | {total('targets')} | {total('attacked')} | "
            f"{total('parameters')} | {sum(len(r.injectable) for r in figures.roles)} | "
            f"{sum(len(r.not_tested) for r in figures.roles)} | {total('sessions_renewed')} |"
        )
        lines += [
            "",
            "Forms with no field but their CSRF token, so nothing to attack: "
            f"{sum(result.without_parameters for result in figures.roles)}.",
            "",
        ]
        for result in figures.roles:
            for entry in result.injectable:
                lines.append(
                    f"- INJECTABLE as {result.role}: {entry['method']} {entry['url']} "
                    f"parameter `{entry['parameter']}` ({entry['place']}): "
                    f"{', '.join(entry['kinds'])} (sqlmap/{result.role}/{entry['log']})"
                )
            for entry in result.not_tested:
                lines.append(
                    f"- not tested as {result.role}: {entry['method']} {entry['url']}: "
                    f"{entry['why']}"
                )
        lines += ["", f"URL patterns no crawl reached: {len(figures.unreached)}", ""]
        lines += [f"- {pattern}" for pattern in figures.unreached]
        lines.append("")
    if figures.wapiti:
        lines += ["## wapiti", ""]
        for role, scanned in figures.wapiti.items():
            counts = scanned.by_severity()
            lines.append(
                f"- as {role}: {scanned.pages} pages and forms crawled; findings "
                + ", ".join(f"{level} {counts.get(level, 0)}" for level in SEVERITIES)
                + f"; {scanned.additionals} informational"
            )
            if scanned.stopped_at_time_limit:
                lines.append(
                    f"  - stopped at its time limit: {', '.join(scanned.stopped_at_time_limit)}"
                )
            grouped = Counter(
                (finding.severity, finding.category, finding.info) for finding in scanned.findings
            )
            for (severity, category, info), count in sorted(grouped.items()):
                mark = "FAILING " if severity in FAILING else ""
                lines.append(f"  - {mark}{severity}: {category}: {info} (x{count})")
        lines.append("")
    if figures.audit is not None:
        checked = figures.audit.packages - len(figures.audit.not_audited)
        lines += [
            "## pip-audit",
            "",
            f"- {figures.audit.packages} pinned packages, {checked} audited, "
            f"{len(figures.audit.vulnerabilities)} known vulnerabilities "
            f"({len(figures.audit.unexplained())} unexplained)",
        ]
        for found in figures.audit.vulnerabilities:
            why = f": accepted, {found.reason}" if found.reason else ": UNEXPLAINED"
            lines.append(f"  - {found.package} {found.version} {found.id}{why}")
        if figures.audit.not_audited:
            note = " (allowed by --allow-unaudited)" if allow_unaudited else ""
            lines.append(f"- not audited{note}: {len(figures.audit.not_audited)}, e.g.")
            lines += [f"  - {entry}" for entry in figures.audit.not_audited[:3]]
        lines.append("")
    if figures.deploy is not None:
        verdict = "clean" if figures.deploy["passed"] else "ISSUES"
        lines += ["## check --deploy", "", f"- {verdict}: {figures.deploy['output']}", ""]
    if figures.hostile is not None:
        lines += ["## hostile input tests", "", f"- {figures.hostile['output']}", ""]
    lines += ["## time", ""]
    lines += [f"- {step}: {seconds:.0f} s" for step, seconds in figures.seconds.items()]
    lines.append(f"- in all: {sum(figures.seconds.values()):.0f} s")
    failed = failures(figures, allow_unaudited=allow_unaudited)
    lines += ["", f"**{'FAILED: ' + '; '.join(failed) if failed else 'passed'}**", ""]
    return "\n".join(lines)


SEVERITIES = ("critical", "high", "medium", "low", "info")


def as_json(figures: Figures) -> dict:
    data = dataclasses.asdict(figures)
    data["wapiti"] = {
        role: {**dataclasses.asdict(scanned), "by_severity": dict(scanned.by_severity())}
        for role, scanned in figures.wapiti.items()
    }
    return data
