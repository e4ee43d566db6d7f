"""The seeds are beside the checkout: a run without them fails here, saying so, rather than
skipping the tests that read them (issue 28)."""

from tests.seeds import SEEDS


def test_the_seeds_are_beside_the_checkout():
    assert SEEDS.is_dir(), f"{SEEDS} is missing: the seeds are part of the checkout's contract."
    assert len(list(SEEDS.glob("*.txt"))) == 5
