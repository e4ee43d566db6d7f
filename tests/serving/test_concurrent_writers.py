"""Writers at the same moment on the production server (issue 32): eight focal points sign
in at once and each changes a setting twenty times, through `puebla serve` (two processes,
four threads each) on the suite's database. On SQLite every write takes the database's one
write lock (transactions start IMMEDIATE and wait up to 20 s for it), so none of them may meet
"database is locked": every answer is the page that says it was saved, and each person's
last choice is what is stored."""

import concurrent.futures
import json

import pytest

from bench.browser import Browser
from bench.server import PueblaServer
from tests.migrated import migrated_database

WRITERS = 8
WRITES_EACH = 20
PASSWORD = "focal-point-password-for-concurrent-writes-42"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("concurrent-writers")
    with migrated_database(data, "writers") as url:
        instance = PueblaServer(data, database_url=url, name="writers")
        instance.command("setup")
        instance.command(
            "shell",
            "-c",
            "from puebla.accounts.roles import role_user_create\n"
            f"for number in range({WRITERS}):\n"
            "    role_user_create('focal_point_a', email=f'focal{number}@example.org', "
            f"password={PASSWORD!r})\n",
        )
        instance.start()
        try:
            yield instance
        finally:
            instance.stop()


def write(server: PueblaServer, number: int) -> list[str]:
    """Sign in, then switch the digest on and off; the confirmation each time."""
    browser = Browser(server.url)
    browser.post(
        "/en/accounts/login/", {"login": f"focal{number}@example.org", "password": PASSWORD}
    )
    confirmations = []
    for write_number in range(WRITES_EACH):
        fields = {"digest": "on"} if write_number % 2 == 0 else {}
        page = browser.post("/en/intranet/follow-up/digest/", fields)
        confirmations.append(
            "one mail listing all"
            if "You will receive one mail listing all" in page
            else "a reminder for each"
            if "You will receive a reminder for each request" in page
            else page[:300]
        )
    return confirmations


def test_concurrent_writers_all_succeed_and_their_last_writes_are_stored(server):
    with concurrent.futures.ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(lambda number: write(server, number), range(WRITERS)))
    expected = ["one mail listing all", "a reminder for each"] * (WRITES_EACH // 2)
    assert results == [expected] * WRITERS
    log = server.log_path.read_text()
    assert "database is locked" not in log
    assert '"status": 500' not in log and '"status": 503' not in log
    stored = server.command(
        "shell",
        "-c",
        "import json\n"
        "from puebla.followup.models import ReminderPreference\n"
        "print('stored:', json.dumps(sorted(ReminderPreference.objects.values_list("
        "'user__email', 'digest'))))\n",
    ).stdout
    assert json.loads(stored.split("stored: ", 1)[1]) == [
        [f"focal{number}@example.org", False] for number in range(WRITERS)
    ]
