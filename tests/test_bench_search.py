"""`make bench-search`'s generator and timer work at a small size: documents of every
audience are written and indexed, and a member finds at least what a visitor finds."""

import pytest

from bench import search as bench_search

pytestmark = pytest.mark.django_db


def test_the_search_bench_generates_indexes_and_measures():
    made = bench_search.generate(60, 7)
    assert made["documents"] == 60
    assert made["indexed"]["documents.document"] >= 60
    measured = bench_search.measure(2)["results"]
    assert len(measured) == 2 * len(bench_search.QUERIES)
    for anonymous, member in zip(measured[::2], measured[1::2], strict=True):
        assert (anonymous["reader"], member["reader"]) == ("anonymous", "member")
        assert member["total"] >= anonymous["total"]
        assert 0 < anonymous["p50"] <= anonymous["p95"]
    assert any(result["total"] for result in measured)
