"""The benchmark's way past the page cache (`?bench-render=1`) exists in bench mode only.

`make bench` measures public pages rendered, as a first visitor gets them, by asking the page
cache for a miss. Outside bench mode (settings.BENCH_MODE, PUEBLA_BENCH=1) the parameter must
be an unknown one like any other: the page still comes from the cache, so nobody can make a
production server render a page on every request.
"""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

import bench.__main__ as bench_driver
from puebla.core.pagecache import BENCH_HEADER, BENCH_RENDER_PARAMETER, public_page
from puebla.core.translation_marks import current_marks

pytestmark = pytest.mark.django_db

# A public page with one parameter of its own, which records what its view saw.
seen = []


@public_page(params=("colour",))
def colour_page(request):
    seen.append((request.get_full_path(), sorted(request.GET)))
    return HttpResponse(f"colour {request.GET.get('colour', 'none')}")


urlpatterns = [path("colours/", colour_page)]


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


def test_the_driver_names_the_parameter_and_header_as_the_page_cache_does():
    assert bench_driver.BENCH_RENDER_PARAMETER == BENCH_RENDER_PARAMETER == "bench-render"
    assert bench_driver.BENCH_HEADER == BENCH_HEADER


def test_bench_mode_is_off_unless_asked_for(settings):
    assert settings.BENCH_MODE is False  # PUEBLA_BENCH is not set for the tests


def test_without_bench_mode_the_parameter_is_ignored_and_the_page_is_cached(client):
    first, _ = get(client, "/es/")
    again, queries = get(client, f"/es/?{BENCH_RENDER_PARAMETER}=1")
    assert queries == 0  # from the cache
    assert again.content == first.content
    assert BENCH_HEADER not in again


@pytest.mark.urls(__name__)
def test_without_bench_mode_the_parameter_never_reaches_a_cached_pages_view(client):
    seen.clear()
    client.get("/colours/?colour=red")
    for _ in range(3):
        response = client.get(f"/colours/?colour=red&{BENCH_RENDER_PARAMETER}=1")
        assert response.content == b"colour red"
        assert BENCH_HEADER not in response
    assert seen == [("/colours/?colour=red", ["colour"])]


@pytest.mark.urls(__name__)
def test_in_bench_mode_the_parameter_renders_the_page_without_the_view_seeing_it(client, settings):
    settings.BENCH_MODE = True  # before the client's first request builds the middleware
    seen.clear()
    cached = client.get("/colours/?colour=red")
    assert cached[BENCH_HEADER] == "miss"  # the first rendering, stored
    assert client.get("/colours/?colour=red")[BENCH_HEADER] == "hit"
    for _ in range(2):
        rendered = client.get(f"/colours/?{BENCH_RENDER_PARAMETER}=1&colour=red")
        assert rendered[BENCH_HEADER] == "miss"
        assert rendered.content == b"colour red"
    # Rendered three times, each time exactly as for a visitor without the parameter.
    assert seen == [("/colours/?colour=red", ["colour"])] * 3
    hit = client.get("/colours/?colour=red")
    assert hit[BENCH_HEADER] == "hit"
    assert hit.content == b"colour red"


def test_in_bench_mode_a_real_page_costs_its_queries_each_time_it_is_asked_for(client, settings):
    settings.BENCH_MODE = True
    current_marks()  # the process loads the desk's marks once (tests.querybudget says why)
    _, first = get(client, "/es/miembros/")
    hit, cached = get(client, "/es/miembros/")
    rendered_page, rendered = get(client, f"/es/miembros/?{BENCH_RENDER_PARAMETER}=1")
    assert (hit[BENCH_HEADER], rendered_page[BENCH_HEADER]) == ("hit", "miss")
    assert cached == 0  # the tests' cache is in memory: no query even for the version
    assert rendered == first > 0
    # The page stored carries no bench header of its own: a hit says "hit" afresh.
    assert rendered_page.content == hit.content
