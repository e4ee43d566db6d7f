"""Two workers send the reminders at the same moment: every country is reminded once, never
twice. Real processes on a database of their own: SQLite (its write lock) here, PostgreSQL
(the unique index on SentReminder: the second insert waits for the first, then fails) when
DATABASE_URL is set."""

import contextlib
import json
import subprocess
import sys
import time

from bench.database import fresh_database
from tests.test_cli import ROOT, environment_for


def test_two_workers_at_once_send_each_reminder_once(tmp_path):
    with fresh_database("reminders") as database_url:
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
                [sys.executable, "-m", "tests.followup.reminder_race", mode, str(tmp_path)],
                cwd=ROOT,
                env=environment,
                stderr=subprocess.PIPE,
                text=True,
            )

        run("-m", "puebla", "migrate")
        run("-m", "puebla", "createcachetable")
        run("-m", "puebla", "load-rcm")
        run("-m", "tests.followup.reminder_race", "setup", str(tmp_path))

        holder = start("hold")  # has stamped and queued every reminder, not yet committed
        deadline = time.monotonic() + 120
        while not (tmp_path / "holding").exists():
            assert holder.poll() is None, holder.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        taker = start("take")
        # The second must wait for the first; without the claim it would finish now, having
        # sent every reminder a second time.
        with contextlib.suppress(subprocess.TimeoutExpired):
            taker.wait(timeout=3)
        (tmp_path / "go").touch()
        assert holder.wait(timeout=120) == 0, holder.stderr.read()
        assert taker.wait(timeout=120) == 0, taker.stderr.read()
        run("-m", "tests.followup.reminder_race", "take", str(tmp_path))  # and a third, later

        report = json.loads(
            run("-m", "tests.followup.reminder_race", "report", str(tmp_path)).stdout
        )
        assert report["stamped"] == 11
        assert len(report["mails"]) == 11
        assert set(report["mails"].values()) == {1}
