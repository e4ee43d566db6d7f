"""Migration 0003 of the fund, run forward and back on a database of its own (SQLite here,
PostgreSQL when DATABASE_URL is set): the cases' category and requester-kind keys become rows
of the secretariat's lists (Puebla's starting values, marked as such; a key they lack becomes a
row too), in the history as well; the ceiling becomes a setting; back again, the keys return."""

import base64
import json
import os
import subprocess
import sys

from tests.migrated import migrated_database
from tests.test_cli import ROOT, environment_for


def test_the_cases_keys_become_rows_of_the_settings_and_come_back(tmp_path):
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    with migrated_database(tmp_path, "fundsettings") as url:
        environment = environment_for(
            tmp_path, FUND_ENCRYPTION_KEYS=key, **({"DATABASE_URL": url} if url else {})
        )
        done = subprocess.run(
            [sys.executable, "-m", "tests.fund.settings_migration_program"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["forward"] == {
        "cases": [
            ["RF-ELDERLY", "elderly", "government"],
            ["RF-LEGACY", "legacy_category", "government"],
        ],
        "history": [["elderly", "government"]],
        "categories": [
            ["unaccompanied_child", "Unaccompanied child or adolescent", True],
            ["disability", "Person living with disability", True],
            ["elderly", "Elderly person over seventy", True],
            ["injury_or_illness", "Person with a physical or mental injury or illness", True],
            # A key no starting value has keeps its case's category, named by its key.
            ["legacy_category", "legacy_category", False],
        ],
        "elderly_age": 70,
        "ceiling": ["1000.00", True],
        "starting_history": 5,
    }
    assert report["backward"] == {
        "cases": [
            ["RF-ELDERLY", "elderly", "government"],
            ["RF-LEGACY", "legacy_category", "government"],
        ],
        "history": [["elderly", "government"]],
    }
