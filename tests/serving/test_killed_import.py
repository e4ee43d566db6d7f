"""A process killed in the middle of an import (issue 32): `puebla import-plan --commit` is
killed (SIGKILL, as a power cut or the out-of-memory killer would) while it holds its write
transaction, which the test sees from outside the process (SQLite's write lock, or
PostgreSQL's lock on the items' table). Afterwards the plan is not there at all, not half of
it; the same command run again imports it whole."""

import contextlib
import csv
import sqlite3
import subprocess
import sys
import time

from bench.server import ROOT, PueblaServer
from tests.migrated import DATABASE_FILE, migrated_database

OBJECTIVES = 600  # three items each: long enough to be caught writing on any machine
COUNT = (
    "from puebla.planning.models import Item, Plan\n"
    "print('count:', Plan.objects.filter(slug='drill-kill').count(), "
    "Item.objects.filter(plan__slug='drill-kill').count())\n"
)


def plan_table(path) -> None:
    """A Plan of Action in Puebla's CSV, one theme, each objective with an action and an
    activity."""
    theme = "MIGRATION POLICY AND MANAGEMENT"
    rows = [
        ["PLAN OF ACTION REGIONAL CONFERENCE ON MIGRATION (RCM)"],
        ["Updated: 2009-11-13"],
        [
            "TOPICS",
            "OBJECTIVES",
            "IMPLEMENTATION ACTIONS",
            "ACTIVITIES",
            "SCHEDULE",
            "STATUS",
            "PROGRESS",
        ],
    ]
    for number in range(1, OBJECTIVES + 1):
        rows += [
            [theme, f"{number}. To exchange information on migration policy ({number}).", "", ""],
            [theme, "", f"{number}.1 To hold meeting {number} of the liaison officers.", ""],
            [theme, "", "", f"{number}.1.1 Report {number} to the RCGM.", "Ongoing", "Ongoing"],
        ]
    with path.open("w", newline="") as written:
        csv.writer(written).writerows(
            row + [""] * (7 - len(row)) if len(row) > 2 else row for row in rows
        )


def writing(instance: PueblaServer, url: str | None) -> bool:
    """Whether another process holds a write transaction on the plan's items."""
    if url is None:
        with contextlib.closing(
            sqlite3.connect(instance.data_dir / DATABASE_FILE, timeout=0)
        ) as database:
            try:
                database.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                return "locked" in str(error)
            database.rollback()
            return False
    import psycopg

    with psycopg.connect(url) as database:
        held = database.execute(
            "SELECT COUNT(*) FROM pg_locks JOIN pg_class ON pg_locks.relation = pg_class.oid "
            "WHERE pg_class.relname = 'planning_item' AND pg_locks.mode = 'RowExclusiveLock' "
            "AND pg_locks.pid <> pg_backend_pid()"
        ).fetchone()[0]
    return held > 0


def counts(instance: PueblaServer) -> tuple[int, int]:
    output = instance.command("shell", "-c", COUNT).stdout
    plans, items = output.split("count: ", 1)[1].split()
    return int(plans), int(items)


def test_an_import_killed_while_writing_leaves_nothing_and_runs_again_whole(tmp_path):
    table = tmp_path / "plan.csv"
    plan_table(table)
    with migrated_database(tmp_path / "data", "killimport") as url:
        instance = PueblaServer(tmp_path / "data", database_url=url, name="import")
        instance.command("setup")  # the RCM's data: the plan's themes among it
        command = ["-m", "puebla", "import-plan", str(table), "--plan", "drill-kill", "--commit"]
        log = tmp_path / "import.log"
        with log.open("w") as errors:
            importing = subprocess.Popen(
                [sys.executable, *command],
                cwd=ROOT,
                env=instance.environment,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        try:
            deadline = time.monotonic() + 300
            while not writing(instance, url):
                assert importing.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, "the import was never seen writing"
                time.sleep(0.05)
            time.sleep(0.5)  # well inside its transaction
        finally:
            importing.kill()
            importing.wait(timeout=30)
        assert counts(instance) == (0, 0)
        instance.python(*command, timeout=600)
        plans, items = counts(instance)
    assert plans == 1
    assert items == 3 * OBJECTIVES + 1  # an objective, its action and activity each; the theme
