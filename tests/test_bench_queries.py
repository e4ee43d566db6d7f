"""The benchmark's query counter (bench/queries.py) sees what the report says it counts.

Its "cached" figure must be a page-cache hit (it once counted a second rendering, since it
asked with a query string the cache never stores), its "rendered" one a miss, and its
signed-in one a member's page.
"""

import pytest
from django.test import Client

from bench import queries
from bench.member import EMAIL, signed_in_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_mode(settings):
    settings.BENCH_MODE = True


@pytest.mark.parametrize("path", ["/es/", "/es/reuniones/?when=past&year=2015"])
def test_the_counter_sees_a_cache_hit_and_a_rendering(bench_mode, path):
    counted = queries.public_page_queries(Client(), path)
    # The tests' cache is in memory, so a hit runs no query at all (with the database cache,
    # the one query that reads the content version); a rendering runs the page's.
    assert counted["cached"] == 0
    assert counted["rendered"] > 0


def test_the_counter_refuses_a_count_it_cannot_tell_is_a_hit():
    # Outside bench mode no response says where it came from: the counter stops rather
    # than report a rendering as a hit.
    with pytest.raises(SystemExit, match=r"not (hit|miss)"):
        queries.public_page_queries(Client(), "/es/")


def test_the_counter_refuses_a_page_that_does_not_answer_200(bench_mode):
    with pytest.raises(SystemExit, match="answered 302"):
        queries.signed_in_page_queries(Client(), "/es/intranet/")  # to the sign-in page


def test_the_benchs_member_is_signed_in_with_the_cookie_it_prints(bench_mode):
    member = signed_in_member()
    assert member["email"] == EMAIL
    name, value = member["cookie"].split("=", 1)
    client = Client()
    client.cookies[name] = value
    assert queries.signed_in_page_queries(client, "/es/intranet/") > 0
    assert queries.signed_in_page_queries(client, "/es/intranet/avisos/") > 0
    # A second run finds the account and signs it in again.
    assert signed_in_member()["email"] == EMAIL


def test_the_benchs_secretariat_reaches_the_completeness_matrix(bench_mode):
    # Its second factor is set up, so the gate lets its session through to the page.
    from bench.__main__ import SECRETARIAT_PATHS
    from bench.member import signed_in_secretariat

    name, value = signed_in_secretariat().split("=", 1)
    client = Client()
    client.cookies[name] = value
    for path in SECRETARIAT_PATHS:
        assert queries.signed_in_page_queries(client, path) > 0
