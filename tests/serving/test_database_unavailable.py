"""A database that cannot be reached (issue 32): `puebla serve` answers every page that needs
it with a 503 in the page's language, with Retry-After and no trace of the error; static files
still go out. The server is given a PostgreSQL address where nothing listens (on both suites:
an SQLite file cannot be made unreachable to a process that runs as root, and a locked one
is waited for, tests/serving/test_concurrent_writers.py)."""

import urllib.error
import urllib.request

import pytest

from bench.server import PueblaServer, free_port


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("database-unavailable")
    nowhere = f"postgres://postgres@127.0.0.1:{free_port()}/nowhere"  # nothing listens there
    instance = PueblaServer(data, database_url=nowhere, name="unavailable")
    instance.command("collectstatic", "--noinput", "-v0")
    instance.start(ready_path="/favicon.ico")
    try:
        yield instance
    finally:
        instance.stop()


def fetch(server: PueblaServer, path: str) -> tuple[int, object, str]:
    """(status, headers (any case), body)."""
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as answer:  # noqa: S310
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.parametrize(
    ("path", "language", "title"),
    [
        ("/es/", "es", "Temporalmente no disponible"),
        ("/es/miembros/", "es", "Temporalmente no disponible"),
        ("/en/members/", "en", "Temporarily unavailable"),
        ("/en/meetings/", "en", "Temporarily unavailable"),
    ],
)
def test_a_page_that_needs_the_database_says_it_is_unavailable(server, path, language, title):
    status, headers, page = fetch(server, path)
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_the_error_is_logged_for_the_operator(server):
    fetch(server, "/es/")
    assert "OperationalError" in server.log_path.read_text()
