"""Debian's sqlmap against one target at a time, and what its output says.

The options, and why (README, "Scan"):

- `--technique=BEU`: boolean-based blind, error-based and UNION queries. Time-based blind (T)
  and stacked queries (S, which on SQLite and PostgreSQL through Django are found only by their
  delay) are left out: each costs seconds of sleeping per payload per parameter, which for a
  few hundred parameters is hours. A parameter that only a timing attack would reveal is
  therefore not looked for; a boolean-blind one, which is what string-built SQL gives, is.
- `--dbms=SQLite` or `PostgreSQL`, the instance's: the other engines' error-based payloads
  (MySQL's, Oracle's, SQL Server's) cannot succeed and would double the requests.
- `--level=1 --risk=1`: the payloads sqlmap runs by default; level 2 would add cookies, 3 the
  User-Agent and Referer, which Puebla never puts in SQL.
- `--csrf-token=csrfmiddlewaretoken --csrf-url=<the form's page>`: each POST carries a fresh
  token, read from the page where the form was found, as a browser's would.
- `--batch`: every question answered with its default, so nothing waits for a person.
"""

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from scan.crawl import Target

SQLMAP = "sqlmap"
OPTIONS = (
    "--batch",
    "--disable-coloring",
    "--technique=BEU",
    "--level=1",
    "--risk=1",
    "--timeout=60",
    "--retries=1",
    "--skip-waf",
    "--answers=follow=Y",
)
FORMSET_MANAGEMENT = r"-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$"
# How long one target may take before it is counted as not tested.
TARGET_TIMEOUT = 900


@dataclass
class Finding:
    parameter: str
    place: str  # GET, POST, URI ...
    kinds: list[str] = field(default_factory=list)  # "boolean-based blind" ...


@dataclass
class Outcome:
    """What sqlmap said about one target."""

    tested: list[str] = field(default_factory=list)  # parameters it tested
    injectable: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # CRITICAL lines other than "not injectable"
    errors: list[str] = field(default_factory=list)  # ERROR lines, e.g. why nothing was tested


def command(
    target: Target,
    cookie: str,
    output_dir: Path,
    *,
    dbms: str = "",
) -> list[str]:
    arguments = [SQLMAP, *OPTIONS, f"--url={target.url}", f"--output-dir={output_dir}"]
    if dbms:
        arguments.append(f"--dbms={dbms}")
    if cookie:
        arguments.append(f"--cookie={cookie}")
    if target.method == "POST":
        arguments.append(f"--data={target.data()}")
        if "csrfmiddlewaretoken" in dict(target.fields):
            arguments += ["--csrf-token=csrfmiddlewaretoken", f"--csrf-url={target.page}"]
    # The CSRF token is not a parameter of ours to inject into; a formset's management fields
    # are Django's integers, and a random large one makes it build a thousand forms, a request
    # that times out and says nothing about SQL.
    arguments += ["--skip=csrfmiddlewaretoken", f"--param-exclude={FORMSET_MANAGEMENT}"]
    return arguments


def run(
    target: Target,
    cookie: str,
    output_dir: Path,
    log: Path,
    *,
    dbms: str = "",
) -> Outcome:
    """Run sqlmap on `target`; its output goes to `log`, then is read."""
    output_dir.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as written:
        try:
            subprocess.run(  # noqa: S603 - Debian's sqlmap, arguments of our own
                command(target, cookie, output_dir, dbms=dbms),
                stdout=written,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=TARGET_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Outcome(problems=[f"sqlmap took more than {TARGET_TIMEOUT} s"])
    return parse(log.read_text(errors="replace"))


TESTED = re.compile(r"testing if (\S+ )?parameter '([^']+)' is dynamic")
HEURISTIC = re.compile(r"heuristic \(basic\) test shows that (\S+ )?parameter '([^']+)'")
NOT_INJECTABLE = re.compile(r"(\S+ )?parameter '([^']+)' does not seem to be injectable")
POINT = re.compile(r"^Parameter: (.+) \((\S+)\)\s*$")
KIND = re.compile(r"^\s+Type: (.+)$")
CRITICAL = re.compile(r"\[CRITICAL\] (.+)$")
ERROR = re.compile(r"\[ERROR\] (.+)$")
# The CRITICAL lines that say "nothing injectable" or "trying again", not "could not test".
NOT_A_PROBLEM = re.compile(
    r"^all tested parameters do not appear to be injectable|going to retry the request"
)


def parse(output: str) -> Outcome:
    """sqlmap's console output (with --disable-coloring): the parameters it tested, those it
    found injectable (the block after "sqlmap identified the following injection point(s)"),
    and the critical errors that mean a target was not tested at all."""
    outcome = Outcome()
    for line in output.splitlines():
        for pattern in (TESTED, HEURISTIC, NOT_INJECTABLE):
            match = pattern.search(line)
            if match and match.group(2) not in outcome.tested:
                outcome.tested.append(match.group(2))
        point = POINT.match(line)
        if point:
            outcome.injectable.append(Finding(point.group(1), point.group(2)))
            continue
        kind = KIND.match(line)
        if kind and outcome.injectable:
            outcome.injectable[-1].kinds.append(kind.group(1).strip())
        critical = CRITICAL.search(line)
        if critical and not NOT_A_PROBLEM.search(critical.group(1)):
            outcome.problems.append(critical.group(1).strip())
        error = ERROR.search(line)
        if error and not NOT_A_PROBLEM.search(error.group(1)):
            outcome.errors.append(error.group(1).strip())
    return outcome
