"""Fixtures for browser tests: the real production server, Chromium, a fresh page per test.

Browser tests talk to a separate server process with a database of its own, never to the test
database: SQLite in a temporary DATA_DIR, or, with DATABASE_URL set (CI's PostgreSQL pass), a
fresh PostgreSQL database on that server, dropped afterwards (bench.database). Either way: to prepare data for a journey, run a `puebla` command
against that server's data with the `puebla_command` fixture (e.g. to create an account).
They must not use the Django ORM in-process either: while Playwright runs, its event loop
counts as running in this thread, and Django refuses database calls from an async context.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from bench.server import PueblaServer
from tests.browser.support import save_screenshot, saved_screenshots
from tests.migrated import migrated_database

CHROMIUM = "/usr/bin/chromium"
# Playwright's own browser download does not work here; Debian's Chromium is driven instead,
# with everything that would reach the network on its own turned off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def puebla_server(tmp_path_factory):
    """`puebla setup` then `puebla serve` (DEBUG off) on a fresh temporary DATA_DIR, and a fresh
    database of the kind under test (the one DATABASE_URL names is never touched)."""
    data = tmp_path_factory.mktemp("puebla-data")
    with migrated_database(data, "browser") as database_url:
        server = PueblaServer(data, database_url=database_url)
        server.command("setup")
        server.start()
        yield server
        server.stop()


@pytest.fixture(scope="session")
def live_server_url(puebla_server) -> str:
    """The server's base URL, e.g. http://127.0.0.1:41234 (no trailing slash)."""
    return puebla_server.url


@pytest.fixture(scope="session")
def puebla_command(puebla_server):
    """Run `python -m puebla <command> ...` against the server's database; fails on error.

    e.g. puebla_command("shell", "-c", "...") or a management command that creates a user.
    """
    return puebla_server.command


# Package scope: Playwright's event loop must be gone before tests that use the database run.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_locale() -> str:
    """The browser's language; override in a module or test to browse as an English reader."""
    return "es-CR"


@pytest.fixture
def color_scheme() -> str:
    """The colour scheme the browser asks for; Pico CSS follows it (parametrize to check both)."""
    return "light"


@pytest.fixture
def page(request, browser, live_server_url, browser_locale, color_scheme):
    """A new page in a fresh browser context (no cookies), relative URLs on the server.

    The page as it is at the end of the test is saved as a screenshot named after the test.
    """
    context = browser.new_context(
        base_url=live_server_url, locale=browser_locale, color_scheme=color_scheme
    )
    # Every request any page makes must go to Puebla itself: no CDN, font or tracker.
    site = urlsplit(live_server_url).netloc
    off_site = []
    context.on(
        "request",
        lambda sent: (
            off_site.append(sent.url)
            if urlsplit(sent.url).scheme in ("http", "https") and urlsplit(sent.url).netloc != site
            else None
        ),
    )
    new_page = context.new_page()
    yield new_page
    if not new_page.is_closed() and new_page.url != "about:blank":
        save_screenshot(new_page, request.node.name)
    context.close()
    assert not off_site, f"requests to other hosts: {off_site}"


def pytest_terminal_summary(terminalreporter):
    if saved_screenshots:
        terminalreporter.section("browser screenshots")
        for path in saved_screenshots:
            terminalreporter.write_line(str(path))
