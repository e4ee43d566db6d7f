"""Migration 0003 of the follow-up, run forward and back on a database of its own (SQLite here,
PostgreSQL when DATABASE_URL is set): the commitment a request named becomes its first
followed-up commitment and back; an answer's history keeps "on behalf of" only for the
secretariat writing for a country, and gets it back on every step when reversed."""

import json
import subprocess
import sys

from tests.migrated import migrated_database
from tests.test_cli import ROOT, environment_for


def test_a_request_commitment_and_the_history_migrate_forward_and_back(tmp_path):
    with migrated_database(tmp_path, "commitments") as url:
        environment = environment_for(tmp_path, **({"DATABASE_URL": url} if url else {}))
        done = subprocess.run(
            [sys.executable, "-m", "tests.followup.commitments_migration_program"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["forward"] == {
        "commitments": ["3"],
        # The focal point acted for their own country; the secretariat decided for itself;
        # only its submission was on Costa Rica's behalf.
        "history": [["draft", None], ["submitted", "CR"], ["accepted", None]],
    }
    assert report["backward"] == {
        "commitment": "3",
        "history": [["draft", "CR"], ["submitted", "CR"], ["accepted", "CR"]],
    }
