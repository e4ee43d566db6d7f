import io
import logging
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from hypothesis import Phase
from hypothesis import settings as hypothesis_settings

from tests.clock import Clock, chosen_instant, runs_on_real_clock

CLOCK = Clock(chosen_instant())

# In CI a failing example is reported as found, not shrunk: shrinking once took five minutes of
# a run. The seed and the example printed are enough to reproduce it here, where it shrinks.
hypothesis_settings.register_profile(
    "ci", phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target], print_blob=True
)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")
# `make scan`: the hostile-input tests (tests/hostile) with many more examples each; they read
# this count (tests.hostile.hostile_settings), since a test's own max_examples would win.
hypothesis_settings.register_profile("scan", max_examples=500, deadline=None)


def pytest_configure(config):
    # Before any test module is imported: a module's constants read the chosen instant too.
    CLOCK.start()


def pytest_report_header(config):
    return f"clock: the run starts at {CLOCK.instant.isoformat()} (PUEBLA_TEST_CLOCK)"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    # Before the test's fixtures, module- and session-wide ones included: a real server's
    # fixtures (a TOTP code, a date sent to it) need the real clock.
    if runs_on_real_clock(item):
        CLOCK.stop()
    else:
        CLOCK.start()
    return (yield)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        CLOCK.start()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the RCM dataset, loaded once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_rcm", verbosity=0)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request activates its page's
    language for the thread, and the next test would otherwise inherit it."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back after a test, but a
    page cached from its data would outlive it."""
    from puebla.core import pagecache
    from puebla.search import columns  # imports models: not before Django is set up

    cache.clear()
    # Each process's pages and its copy of the version, which the shared cache does not hold.
    pagecache.forget()
    # The search's columns in memory look at their version (gone with the cache) at next use.
    columns.recheck()


@pytest.fixture
def sign_in(client):
    """sign_in(role) -> the user, with the test client signed in as them (MFA done if required)."""
    from tests.roles import make_user  # imports models: not before Django is set up

    def signed_in(role: str, **options):
        user = make_user(role, **options)
        client.force_login(user)  # after the password and TOTP steps, as allauth would
        return user

    return signed_in


@pytest.fixture
def log_lines():
    """What the configured console handler (the one every logger writes to) writes, as lines."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    buffer = io.StringIO()
    # Swapped by hand: setStream flushes the stream it replaces, which may be a capture of
    # standard error that pytest has closed since logging was configured.
    with handler.lock:
        previous, handler.stream = handler.stream, buffer
    yield lambda: buffer.getvalue().splitlines()
    with handler.lock:
        handler.stream = previous
