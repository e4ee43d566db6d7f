"""`make soak` (`python -m soak`): minutes of mixed traffic with writes against Puebla's
production server on loopback, on SQLite and on PostgreSQL; then every confirmed write is
looked for in the database. Prints throughput, latency and errors per action, and the writes
checked; writes the report to soak-results/. Exits 1 on any error or any write lost or
stored twice. A benchmark, not a test: not in CI."""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from bench.database import fresh_database, postgres_reachable, postgres_server
from bench.server import ROOT, PueblaServer
from bench.steps import result_of
from soak import report
from soak.crawl import public_pages
from soak.traffic import client_run

BACKENDS = ("sqlite", "postgresql")


def soak(backend: str, postgres: str, minutes: float, clients: int, work: Path) -> dict:
    data = work / backend
    with fresh_database("soak", url=postgres if backend == "postgresql" else "") as url:
        # Behind one proxy, as in production: each person's own address reaches the limits.
        server = PueblaServer(
            data, database_url=url, env={"TRUSTED_PROXY_COUNT": "1"}, name=f"soak-{backend}"
        )
        print(f"soak: {backend}: setting up (RCM data, {clients} focal points)", flush=True)
        server.command("setup")
        plan = result_of(server.python("-m", "soak.instance", "prepare", str(clients)).stdout)
        server.start()
        try:
            pages = public_pages(server.url)
            print(
                f"soak: {backend}: {clients} clients for {minutes:g} min over {len(pages)} "
                "public pages, search, sign-in, nominations, answers and uploads",
                flush=True,
            )
            seconds = minutes * 60
            begun = time.monotonic()
            with concurrent.futures.ProcessPoolExecutor(clients) as pool:
                done = list(
                    pool.map(
                        client_run,
                        range(clients),
                        [server.url] * clients,
                        [plan] * clients,
                        [pages] * clients,
                        [seconds] * clients,
                    )
                )
            elapsed = time.monotonic() - begun
        finally:
            server.stop()
        writes = _merged_writes(done)
        written = data / "writes.json"
        written.write_text(json.dumps(writes))
        checked = result_of(server.python("-m", "soak.instance", "check", str(written)).stdout)
        log = server.log_path.read_text(errors="replace")
    return {
        "backend": backend,
        "clients": clients,
        "seconds": elapsed,
        "pages": len(pages),
        "records": [record for client in done for record in client["records"]],
        "checked": checked,
        "locked": log.count("database is locked"),
        "server_errors": len(re.findall(r'"status": 5\d\d', log)),
    }


def _merged_writes(done: list[dict]) -> dict:
    writes: dict = {"nominate": [], "answer": [], "upload": {}}
    for client in done:
        writes["nominate"] += client["writes"]["nominate"]
        writes["answer"] += client["writes"]["answer"]
        writes["upload"] |= client["writes"]["upload"]
    return writes


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m soak", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10, help="per backend (10)")
    parser.add_argument("--clients", type=int, default=8, help="at once (8)")
    parser.add_argument("--backends", default=",".join(BACKENDS), help=", ".join(BACKENDS))
    parser.add_argument(
        "--postgres",
        default=postgres_server(),
        metavar="URL",
        help="a PostgreSQL server the soak may create a database on",
    )
    options = parser.parse_args()
    backends = [name.strip() for name in options.backends.split(",") if name.strip()]
    if set(backends) - set(BACKENDS):
        parser.error(f"choose backends among {', '.join(BACKENDS)}")
    if "postgresql" in backends and not postgres_reachable(options.postgres):
        print(f"soak: no PostgreSQL at {options.postgres}: run on SQLite only")
        backends.remove("postgresql")
    work = Path(tempfile.mkdtemp(prefix="puebla-soak-"))
    try:
        runs = [
            soak(backend, options.postgres, options.minutes, options.clients, work)
            for backend in backends
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report.markdown(runs, load=os.getloadavg())
    print(text)
    folder = ROOT / "soak-results"
    folder.mkdir(exist_ok=True)
    path = folder / time.strftime("soak-%Y%m%d-%H%M.md", time.gmtime())
    path.write_text(text)
    print(f"soak: report written to {path.relative_to(ROOT)}")
    if not all(report.passed(run) for run in runs):
        raise SystemExit("soak FAILED: errors, or writes lost or stored twice (above)")


if __name__ == "__main__":
    main()
