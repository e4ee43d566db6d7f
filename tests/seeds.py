"""The five source documents beside the checkout (`../shared/seeds`): part of the checkout's
contract, as the README says. A test that reads them fails when they are missing; none skips."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
