"""Two focal points of one country take its last seat at the same moment: one gets it, the
other goes on the waiting list, never two seats. Real processes on a database of their own:
SQLite (its write lock) here, PostgreSQL (the meeting's row lock) when DATABASE_URL is set."""

import contextlib
import json
import subprocess
import sys
import time

from bench.database import fresh_database
from tests.test_cli import ROOT, environment_for


def test_the_last_seat_taken_twice_at_once_is_given_once(tmp_path):
    with fresh_database("race") as database_url:
        environment = environment_for(
            tmp_path / "data", **({"DATABASE_URL": database_url} if database_url else {})
        )

        def run(*arguments: str) -> subprocess.CompletedProcess:
            done = subprocess.run(
                [sys.executable, *arguments],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert done.returncode == 0, done.stderr
            return done

        def start(mode: str) -> subprocess.Popen:
            return subprocess.Popen(
                [sys.executable, "-m", "tests.meetings.nomination_race", mode, str(tmp_path)],
                cwd=ROOT,
                env=environment,
                stderr=subprocess.PIPE,
                text=True,
            )

        run("-m", "puebla", "migrate")
        run("-m", "puebla", "createcachetable")
        run("-m", "puebla", "load-rcm")
        run("-m", "tests.meetings.nomination_race", "setup", str(tmp_path))

        holder = start("hold")  # has taken the seat, not yet committed
        deadline = time.monotonic() + 120
        while not (tmp_path / "holding").exists():
            assert holder.poll() is None, holder.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        taker = start("take")
        # The second must wait for the first; without the lock it would finish now, with a
        # second seat.
        with contextlib.suppress(subprocess.TimeoutExpired):
            taker.wait(timeout=3)
        (tmp_path / "go").touch()
        assert holder.wait(timeout=120) == 0, holder.stderr.read()
        assert taker.wait(timeout=120) == 0, taker.stderr.read()

        report = run("-m", "tests.meetings.nomination_race", "report", str(tmp_path))
        assert json.loads(report.stdout) == {"first": "nominated", "second": "waiting"}
