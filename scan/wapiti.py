"""wapiti3 (from .venv-scan) crawling and attacking the instance, and what its JSON report says.

Its modules are the ones it runs by default less two, plus two:

- less `ssl`: the instance is served over plain HTTP on the loopback; TLS is the front proxy's
  (README, "Deploying"), not Puebla's;
- less `ssrf` (and no `xxe`, `log4shell`): they plant URLs of wapiti's own public endpoint
  and ask that endpoint what it received, which would send traffic off this machine; the
  endpoints are pointed at a closed loopback port all the same (`--endpoint`);
- plus `csrf` (forms accepted without a valid token) and `crlf` (header injection).

Wapiti's levels: 4 critical, 3 high, 2 medium, 1 low, 0 information. Vulnerabilities and
anomalies (a 500 or a time-out on an attack: a crash) are both findings; "additionals" are
information.
"""

import json
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MODULES = "cookieflags,csp,exec,file,http_headers,permanentxss,redirect,sql,upload,xss,csrf,crlf"
LEVELS = {4: "critical", 3: "high", 2: "medium", 1: "low", 0: "info"}
FAILING = {"critical", "high", "medium"}
# Bounds on one wapiti run: its crawl (`--max-scan-time`) and each attack module
# (`--max-attack-time`). Past one, wapiti moves on and reports what it did; the summary lists
# the modules that stopped at their limit.
CRAWL_SECONDS = 240
MODULE_SECONDS = 60


@dataclass
class WapitiFinding:
    severity: str
    category: str
    method: str
    path: str
    parameter: str
    info: str
    section: str  # vulnerabilities or anomalies


@dataclass
class WapitiReport:
    pages: int = 0
    stopped_at_time_limit: list[str] = field(default_factory=list)
    findings: list[WapitiFinding] = field(default_factory=list)
    additionals: int = 0

    def by_severity(self) -> Counter:
        return Counter(finding.severity for finding in self.findings)

    def failing(self) -> list[WapitiFinding]:
        return [finding for finding in self.findings if finding.severity in FAILING]


def command(
    wapiti: Path,
    base_url: str,
    *,
    starts: list[str],
    excluded: list[str],
    cookie: str,
    work: Path,
    report: Path,
    crawl_seconds: int = CRAWL_SECONDS,
    module_seconds: int = MODULE_SECONDS,
) -> list[str]:
    arguments = [
        str(wapiti),
        f"--url={base_url}/",
        "--scope=folder",
        f"--module={MODULES}",
        "--endpoint=http://127.0.0.1:9/",
        "--dns-endpoint=localhost",
        "--flush-session",
        f"--store-session={work / 'session'}",
        f"--store-config={work / 'config'}",
        "--format=json",
        f"--output={report}",
        f"--max-scan-time={crawl_seconds}",
        f"--max-attack-time={module_seconds}",
        "--verbose=1",
        "--no-bugreport",
    ]
    for start in starts:
        arguments.append(f"--start={base_url}{start}")
    for path in excluded:
        arguments.append(f"--exclude={base_url}{path}")
    if cookie:
        arguments.append(f"--cookie-value={cookie}")
    return arguments


def run(arguments: list[str], log: Path) -> list[str]:
    """Run wapiti; return what stopped at its time limit rather than at the end of its work."""
    with open(log, "w") as written:
        subprocess.run(  # noqa: S603 - wapiti from .venv-scan, arguments of our own
            arguments,
            stdout=written,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=CRAWL_SECONDS + 20 * MODULE_SECONDS + 600,
            check=True,
        )
    return time_limits(log.read_text(errors="replace"))


def time_limits(output: str) -> list[str]:
    """ "crawl" and the modules that wapiti's output says stopped at their time limit."""
    stopped = ["crawl"] if "Max scan time was reached" in output else []
    return stopped + re.findall(r"Max attack time was reached for module (\S+),", output)


def parse(report: dict) -> WapitiReport:
    """Wapiti's JSON report: findings (vulnerabilities and anomalies) with their severity."""
    parsed = WapitiReport(pages=report.get("infos", {}).get("crawled_pages_nbr", 0))
    for section in ("vulnerabilities", "anomalies"):
        for category, entries in report.get(section, {}).items():
            for entry in entries:
                parsed.findings.append(
                    WapitiFinding(
                        severity=LEVELS.get(entry["level"], str(entry["level"])),
                        category=category,
                        method=entry["method"],
                        path=entry["path"],
                        parameter=entry.get("parameter", ""),
                        info=entry.get("info", ""),
                        section=section,
                    )
                )
    parsed.additionals = sum(len(entries) for entries in report.get("additionals", {}).values())
    return parsed


def read(report: Path) -> WapitiReport:
    return parse(json.loads(report.read_text()))
