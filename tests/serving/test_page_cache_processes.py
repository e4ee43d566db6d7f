"""The page cache across processes (issue 35): each server process keeps its own copy of the
content version and reads the shared one at most every PAGE_CACHE_STALENESS_MS, so a cached
page costs no round trip to the database. The price is the bound the README states: an edit
made elsewhere shows in a process within that time. Here two real servers (`puebla serve`,
one process each, on one database) both serve a page from their cache; a third process edits
what the page shows; once the bound has passed, each serves the edit at its next request.
The process that makes an edit shows it at once (tests/core/test_compression.py)."""

import time
import urllib.request

import pytest

from bench.server import PueblaServer
from tests.migrated import migrated_database

STALENESS_MS = 1000  # the default, as the README states it
PAGE = "/en/members/"


def rename(server: PueblaServer, name: str) -> None:
    server.command(
        "shell",
        "-c",
        "from puebla.directory.models import Organisation\n"
        "Organisation.objects.update_or_create(slug='atlantis', defaults={"
        f"'name_en': {name!r}, 'kind': Organisation.Kind.FORUM"
        "})\n",
    )


def fetch(server: PueblaServer) -> tuple[str, str]:
    """(the page's text, whether it came from the cache: "hit" or "miss")."""
    with urllib.request.urlopen(server.url + PAGE, timeout=30) as response:  # noqa: S310 - ours
        return response.read().decode(), response.headers["X-Puebla-Page-Cache"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    data = tmp_path_factory.mktemp("page-cache-processes")
    with migrated_database(data, "pagecache") as database_url:
        # Bench mode, for the header that says whether a page came from the cache.
        environment = {"PUEBLA_BENCH": "1", "WEB_WORKERS": "1", "ACCESS_LOG": "0"}
        editor = PueblaServer(data, database_url=database_url, name="editor", env=environment)
        editor.command("collectstatic", "--noinput", "-v0")
        rename(editor, "Atlantis Forum")
        started = [
            PueblaServer(data, database_url=database_url, name=name, env=environment)
            for name in ("first", "second")
        ]
        try:
            for server in started:
                server.start(ready_path=PAGE)
            yield editor, started
        finally:
            for server in started:
                server.stop()


def test_an_edit_in_another_process_shows_in_every_server_once_the_bound_has_passed(servers):
    editor, started = servers
    for server in started:
        fetch(server)
        page, served = fetch(server)
        assert served == "hit"
        assert "Atlantis Forum" in page
    rename(editor, "Atlantis Forum (renamed)")
    time.sleep(STALENESS_MS / 1000 + 0.1)  # the bound, and a little for the clocks' grain
    for server in started:
        page, served = fetch(server)
        assert "Atlantis Forum (renamed)" in page
        assert served == "miss"  # rendered anew under the new version
        assert fetch(server) == (page, "hit")
