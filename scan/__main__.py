"""`python -m scan` (what `make scan` runs): hostile input against a throwaway Puebla; see README
"Scan".

1. Sets up an instance as `make run` does (`puebla setup` with the RCM data and demo mode's
   accounts, documents and Reserve Fund entries, plus a Reserve Fund case), on SQLite or, when
   DATABASE_URL names a PostgreSQL server, on a fresh database there; serves it with
   `puebla serve`.
2. sqlmap first attacks a toy application with two planted injections (scan/canary.py): if it
   does not find both, nothing it says about Puebla counts.
3. For each role (anonymous first, the secretariat last), a fresh signed-in session; a crawl
   from every URL pattern that takes no argument; sqlmap on each form and query no earlier
   role reached (scan/attack.py, scan/sqlmap.py).
4. wapiti3 anonymously and as the secretariat (scan/wapiti.py).
5. pip-audit on the lock files (scan/audit.py); `manage.py check --deploy` with production's
   variables; the hypothesis tests of importers and uploads (tests/hostile).

Prints the figures, keeps them with the tools' reports in scan-results/scan-YYYYMMDD-HHMMSS/,
and exits 1 when anything failed.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.database import fresh_database
from bench.server import ROOT, PueblaServer
from scan import attack, audit, canary, report, wapiti
from scan.crawl import SESSION_ENDING_ROUTES, seeds_from

SCAN_VENV = ROOT / ".venv-scan"
RESULTS = ROOT / "scan-results"
# Anonymous first; the secretariat last, since its forms can deactivate the others' accounts.
ROLES = (
    "anonymous",
    "civil_society",
    "observer_organisation",
    "observer_state",
    "official_a",
    "focal_point_a",
    "official_b",
    "liaison_officer",
    "fund_officer",
    "secretariat",
)
# The scanned instance: demo mode's content, and allauth's rate limits raised so that sqlmap's
# and wapiti's hundreds of sign-ins and reset requests reach the form rather than a "too many
# attempts" answer (which wapiti would then read as a CSRF check that lets forgeries through:
# both the real and the forged request answered alike). The limits are tested in tests/accounts.
UNLIMITED = "100000/m/ip,100000/m/key"
SERVER_ENV = {
    "DEMO": "1",
    "LOGIN_FAILED_RATE": UNLIMITED,
    "LOGIN_RATE": UNLIMITED,
    "PASSWORD_RESET_RATE": UNLIMITED,
}
STEPS = ("sqlmap", "wapiti", "audit", "deploy", "hostile")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scan", description=__doc__)
    parser.add_argument("--roles", default=",".join(ROLES), help="roles whose sessions attack")
    parser.add_argument(
        "--wapiti-roles", default="anonymous,secretariat", help="roles wapiti scans as"
    )
    parser.add_argument(
        "--wapiti-crawl-seconds", type=int, default=wapiti.CRAWL_SECONDS, help="crawl's limit"
    )
    parser.add_argument(
        "--wapiti-module-seconds",
        type=int,
        default=wapiti.MODULE_SECONDS,
        help="each attack module's limit",
    )
    parser.add_argument("--steps", default=",".join(STEPS), help=f"of {', '.join(STEPS)}")
    parser.add_argument("--jobs", type=int, default=2, help="sqlmap processes at a time")
    parser.add_argument(
        "--allow-unaudited",
        action="store_true",
        help="let the scan pass when pip-audit could reach no vulnerability data",
    )
    options = parser.parse_args()
    steps = _listed(options.steps, STEPS, parser)
    roles = _listed(options.roles, ROLES, parser)
    wapiti_roles = _listed(options.wapiti_roles, ROLES, parser)
    _require_tools(steps)

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    kept = RESULTS / f"scan-{stamp}"
    kept.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="puebla-scan-"))
    figures = report.Figures(started=stamp)
    try:
        if "sqlmap" in steps:
            with report.timed(figures, "sqlmap canary"):
                figures.canary = canary.run(work / "canary")
            print(f"scan: sqlmap on the toy application: {figures.canary}")
        if {"sqlmap", "wapiti"} & set(steps):
            scan_instance(
                work,
                kept,
                figures,
                steps,
                roles,
                wapiti_roles,
                (options.wapiti_crawl_seconds, options.wapiti_module_seconds),
                options.jobs,
            )
        if "audit" in steps:
            with report.timed(figures, "pip-audit"):
                figures.audit = run_audit(kept)
        if "deploy" in steps:
            with report.timed(figures, "check --deploy"):
                figures.deploy = check_deploy(work)
        if "hostile" in steps:
            with report.timed(figures, "hostile input tests"):
                figures.hostile = hostile_tests()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report.markdown(figures, allow_unaudited=options.allow_unaudited)
    (kept / "summary.md").write_text(text)
    (kept / "summary.json").write_text(json.dumps(report.as_json(figures), indent=2))
    print(text)
    print(f"scan: kept in {kept.relative_to(ROOT)}/")
    failures = report.failures(figures, allow_unaudited=options.allow_unaudited)
    if failures:
        raise SystemExit("scan FAILED: " + "; ".join(failures))


def scan_instance(work, kept, figures, steps, roles, wapiti_roles, wapiti_limits, jobs) -> None:
    with fresh_database("scan") as database_url:
        figures.database = "PostgreSQL" if database_url else "SQLite"
        server = PueblaServer(
            work / "data", database_url=database_url, env=SERVER_ENV, name="server"
        )
        with report.timed(figures, "setup"):
            server.command("setup")
            server.python("-m", "drill.instance", "populate")  # a Reserve Fund case
            server.python("-m", "scan.instance", "populate")  # what demo mode lacks
            server.start()
        resolver = attack.Resolver(server)
        try:
            patterns = json.loads(server.python("-m", "scan.instance", "patterns").stdout)
            routes = [pattern["route"] for pattern in patterns]
            seeds = seeds_from(routes)
            if "sqlmap" in steps:
                with report.timed(figures, "crawl and sqlmap"):
                    attacked: set[tuple] = set()
                    reached: set[str] = set()
                    for role in roles:
                        result, found = attack.attack_role(
                            server,
                            role,
                            seeds=seeds,
                            resolve=resolver,
                            attacked=attacked,
                            work=work,
                            jobs=jobs,
                            dbms=figures.database,
                        )
                        figures.roles.append(result)
                        reached |= {found.routes[path] for path in found.pages}
                        reached |= {key[1] for key in found.targets}
                    figures.unreached = unreached(patterns, reached)
                    _keep_logs(work / "sqlmap", kept / "sqlmap", figures)
            if "wapiti" in steps:
                with report.timed(figures, "wapiti"):
                    for role in wapiti_roles:
                        figures.wapiti[role] = run_wapiti(
                            server, role, seeds, work, kept, wapiti_limits
                        )
        finally:
            resolver.close()
            server.stop()


def unreached(patterns: list[dict], reached: set[str]) -> list[str]:
    """The Spanish and admin patterns no crawl opened nor posted to (the English ones are the
    same views under /en/, not crawled)."""
    return sorted(
        f"{pattern['name']} ({pattern['route']})"
        for pattern in patterns
        if pattern["route"] not in reached
        and pattern["route"] not in SESSION_ENDING_ROUTES
        and not pattern["route"].startswith(("en/", "static/", "media/"))
    )


def run_wapiti(server, role, seeds, work, kept, limits) -> wapiti.WapitiReport:
    cookie = attack.with_csrf_cookie(server, attack.signed_in(server, role))
    place = work / "wapiti" / role
    place.mkdir(parents=True, exist_ok=True)
    output = kept / f"wapiti-{role}.json"
    print(f"scan: wapiti as {role}")
    arguments = wapiti.command(
        SCAN_VENV / "bin" / "wapiti",
        server.url,
        starts=[seed for seed in seeds if seed.startswith("/es/")] + ["/admin/"],
        excluded=["/" + route for route in SESSION_ENDING_ROUTES] + ["/en/*"],
        cookie=cookie,
        work=place,
        report=output,
        crawl_seconds=limits[0],
        module_seconds=limits[1],
    )
    stopped = wapiti.run(arguments, kept / f"wapiti-{role}.log")
    found = wapiti.read(output)
    found.stopped_at_time_limit = stopped
    print(f"scan: wapiti as {role}: {len(found.findings)} findings {dict(found.by_severity())}")
    return found


def run_audit(kept: Path) -> audit.Audit:
    output = kept / "pip-audit.json"
    audit.run(audit.command(SCAN_VENV / "bin" / "pip-audit", ROOT, output), kept / "pip-audit.log")
    if not output.exists():
        raise SystemExit(f"pip-audit wrote no report:\n{(kept / 'pip-audit.log').read_text()}")
    return audit.read(output, audit.known_vulnerabilities())


def check_deploy(work: Path) -> dict:
    """`puebla check --deploy --fail-level WARNING` with the variables of the README's
    production start; a throwaway secret key and keys."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        {
            "DATA_DIR": str(work / "deploy"),
            "DEBUG": "0",
            "HTTPS": "1",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "puebla.example.org",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "smtp.example.org",
            "MFA_ENCRYPTION_KEYS": "dGhyb3dhd2F5LXNlcnZlci1tZmEta2V5LTAxMjM0NTY=",
            "FUND_ENCRYPTION_KEYS": "dGhyb3dhd2F5LXNlcnZlci1mdW5kLWtleS0wMTIzNDU=",
        }
    )
    for variable in ("DEMO", "SECRET_KEY_FILE", "DATABASE_URL"):
        environment.pop(variable, None)
    checked = subprocess.run(
        [sys.executable, "-m", "puebla", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return {"passed": checked.returncode == 0, "output": (checked.stdout + checked.stderr).strip()}


def hostile_tests() -> dict:
    if not (ROOT / "tests" / "hostile").is_dir():
        print("scan: tests/hostile does not exist on this branch: hostile input tests not run")
        return {"ran": False, "passed": True, "output": "tests/hostile does not exist"}
    ran = subprocess.run(  # noqa: S603 - our own interpreter
        [
            *(sys.executable, "-m", "pytest", "tests/hostile", "-q", "-p", "no:cacheprovider"),
            "--hypothesis-profile=scan",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    print(ran.stdout[-3000:])
    lines = ran.stdout.strip().splitlines()
    return {"ran": True, "passed": ran.returncode == 0, "output": lines[-1] if lines else ""}


def _keep_logs(logs: Path, kept: Path, figures: report.Figures) -> None:
    """The sqlmap logs worth reading again: those of injectable or untested targets."""
    for result in figures.roles:
        for entry in [*result.injectable, *result.not_tested]:
            source = logs / result.role / entry["log"]
            if source.exists():
                (kept / result.role).mkdir(parents=True, exist_ok=True)
                shutil.copy(source, kept / result.role / entry["log"])


def _listed(value: str, allowed, parser) -> list[str]:
    chosen = [item.strip() for item in value.split(",") if item.strip()]
    unknown = set(chosen) - set(allowed)
    if unknown:
        parser.error(f"unknown {sorted(unknown)}; choose among {', '.join(allowed)}")
    return chosen


def _require_tools(steps: list[str]) -> None:
    if "sqlmap" in steps and shutil.which("sqlmap") is None:
        raise SystemExit("scan: sqlmap is missing: `make scan` installs it (Debian's sqlmap)")
    if {"wapiti", "audit"} & set(steps) and not (SCAN_VENV / "bin" / "wapiti").exists():
        raise SystemExit("scan: .venv-scan is missing: `make scan` builds it")


if __name__ == "__main__":
    main()
