"""Hostile input against every importer and upload path (issue 32, item 5).

Each test sends generated input through the entry point a person or an operator uses (a page,
through the test client signed in with the right role; a management command) and checks one
property: never a server error; either the input is accepted and what is kept is what was sent,
or it is refused with a message and nothing is written (tests/hostile/kept.py).

How many examples: `examples(n)` gives `n` in the normal suite, and the `scan` profile's count
under `make scan` (`pytest tests/hostile --hypothesis-profile=scan`). A test's own
`max_examples` would otherwise override the profile's.
"""

from hypothesis import HealthCheck, settings

SCAN = "scan"


def hostile_settings(examples: int, *, scanned: int | None = None) -> settings:
    """Hypothesis settings for a hostile test: `examples` examples, or under `make scan` the
    scan profile's count (`scanned` instead for a test whose examples take seconds each)."""
    if settings.get_current_profile_name() == SCAN:
        examples = scanned or settings.get_profile(SCAN).max_examples
    return settings(
        max_examples=examples,
        deadline=None,
        # The page's record and the signed-in person are made once per test, not per example:
        # each example runs in a savepoint rolled back after it (kept.rolled_back).
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
