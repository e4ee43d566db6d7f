"""Two real processes doing the same thing at the same moment, on a database of their own:
SQLite (its write lock) here, PostgreSQL (the row lock under test) when DATABASE_URL is set.

A race test names a program, a module run as `python -m PROGRAM MODE FOLDER`, with the modes
  setup   write what the race needs
  hold    do the first write, then keep its transaction open (`holding_until_go`)
  take    do the second write, the other person's click at the same moment
  report  print what came of it as JSON
and runs `Race.hold_then_take()`: the second must wait for the first (without the lock it
would finish at once, on data the first is changing), then both end well.
"""

import atexit
import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.database import fresh_database
from tests.migrated import migrated_database
from tests.test_cli import ROOT, environment_for

# How long the second process must still be waiting once the first holds its transaction.
WAITS_AT_LEAST = 3


class Race:
    def __init__(self, program: str, folder: Path, environment: dict):
        self.program, self.folder, self.environment = program, folder, environment

    def run(self, *arguments: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, *arguments],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done

    def start(self, mode: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", self.program, mode, str(self.folder)],
            cwd=ROOT,
            env=self.environment,
            stderr=subprocess.PIPE,
            text=True,
        )

    def hold_then_take(self) -> None:
        holder = self.start("hold")
        taker = None
        try:
            deadline = time.monotonic() + 120
            while not (self.folder / "holding").exists():
                assert holder.poll() is None, holder.stderr.read()
                assert time.monotonic() < deadline
                time.sleep(0.05)
            taker = self.start("take")
            with contextlib.suppress(subprocess.TimeoutExpired):
                taker.wait(timeout=WAITS_AT_LEAST)
            assert taker.poll() is None, "the second did not wait for the first"
            (self.folder / "go").touch()
            assert holder.wait(timeout=120) == 0, holder.stderr.read()
            assert taker.wait(timeout=120) == 0, taker.stderr.read()
        finally:  # a failed check must not leave a process holding its transaction open
            for process in (holder, taker):
                if process is not None and process.poll() is None:
                    process.kill()
                    process.wait()

    def report(self) -> dict:
        return json.loads(self.run("-m", self.program, "report", str(self.folder)).stdout)


# The RCM dataset in a migrated database, made once a run and copied for each race: a data
# folder (SQLite's database) and, on PostgreSQL, a template database (each race migrated and
# loaded its own before, some twenty seconds each).
_DATASET: dict[str, tuple[Path, str]] = {}


def _dataset() -> tuple[Path, str]:
    if "ready" not in _DATASET:
        folder = Path(tempfile.mkdtemp(prefix="puebla-race-dataset-"))
        cleanup = contextlib.ExitStack()
        database_url = cleanup.enter_context(migrated_database(folder / "data", "racedata"))
        environment = environment_for(
            folder / "data", **({"DATABASE_URL": database_url} if database_url else {})
        )
        loader = Race("puebla", folder, environment)
        loader.run("-m", "puebla", "load-rcm")  # on a copy that is migrated, its cache table made
        atexit.register(cleanup.close)  # after the folder goes: drops the template database
        atexit.register(shutil.rmtree, folder, True)
        _DATASET["ready"] = (folder / "data", database_url or "")
    return _DATASET["ready"]


@contextlib.contextmanager
def race(program: str, folder: Path, database_purpose: str) -> Iterator[Race]:
    """A fresh copy of a database with the RCM dataset, and the program's `setup` done."""
    data, template = _dataset()
    shutil.copytree(data, folder / "data", dirs_exist_ok=True)
    with fresh_database(database_purpose, template=template) as database_url:
        environment = environment_for(
            folder / "data", **({"DATABASE_URL": database_url} if database_url else {})
        )
        prepared = Race(program, folder, environment)
        prepared.run("-m", program, "setup", str(folder))
        yield prepared


@contextlib.contextmanager
def holding_until_go(folder: Path) -> Iterator[None]:
    """For a program's `hold` mode: around its write, inside its transaction, say it holds and
    wait for the test's go."""
    yield
    (folder / "holding").touch()
    while not (folder / "go").exists():
        time.sleep(0.05)
