"""The search page: a form anyone can use with a keyboard and a screen reader, the results a
person may see, never from the page cache."""

import html
from urllib.parse import urlencode

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from puebla.directory.models import Body
from puebla.search.query import PER_PAGE
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant

pytestmark = pytest.mark.django_db


def url(language="en", **params):
    with translation.override(language):
        path = reverse("search:results")
    return f"{path}?{urlencode(params)}" if params else path


def page(client, language="en", **params):
    response = client.get(url(language, **params))
    assert response.status_code == 200
    return response.content.decode()


def test_the_form_is_labelled_and_marked_as_a_search(client):
    content = page(client)
    # The landmark is the <search> element: Pico CSS draws any role="search" as one pill.
    assert '<search aria-label="Search the site">' in content
    assert '<form method="get" action="/en/search/" class="filters">' in content
    assert '<label for="search-q">Search for</label>' in content
    assert 'id="search-q" name="q"' in content
    assert "Search the documents, meetings and bodies of the Conference" in content  # empty state
    assert "results-heading" not in content


def test_results_are_counted_in_a_heading_and_the_title_with_matches_marked(client):
    make_meeting(slug="sugar", title_en="Sugar cane harvest", description_en="The harvests.")
    content = page(client, q="harvesting")
    assert '<h2 id="results-heading">1 result for “harvesting”</h2>' in content
    assert "<title>Search for “harvesting”: 1 result" in content
    assert '<a href="/en/meetings/sugar/">Sugar cane <mark>harvest</mark></a>' in content
    assert "The <mark>harvests</mark>." in content


def test_a_hit_in_the_other_language_says_its_language(client):
    make_meeting(slug="zafra", title_es="La zafra", title_en="")
    content = page(client, q="zafra")
    assert '<a href="/en/meetings/zafra/" lang="es">La <mark>zafra</mark></a>' in content


def test_no_results_and_no_words(client):
    content = page(client, q="xyzzy")
    assert '<h2 id="results-heading">No results for “xyzzy”</h2>' in content
    assert "Check the spelling" in content
    content = page(client, q="xyzzy", year="2031")
    assert "Remove a filter" in content
    content = page(client, q="a no")
    assert "Give a word to search for" in content


def test_the_query_is_escaped(client):
    content = page(client, q='"><script>alert(1)</script>')
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_filters_offer_the_facets_and_keep_the_choice(client):
    rcgm = Body.objects.get(slug="rcgm")
    make_meeting(slug="zafra", title_es="Zafra", body=rcgm)
    content = page(client, q="zafra", body=rcgm.pk)
    assert '<label for="search-body">Body</label>' in content
    assert f'<option value="{rcgm.pk}" selected>{rcgm.name_en} (1)</option>' in content
    assert '<option value="meetings.meeting">Meetings (1)</option>' in content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "zafra", "year": "abc", "page": "-3", "body": "x"},
        {"q": "zafra", "page": "99999999999999"},
        {"q": "x" * 5000},
        {"q": "zafra\x00"},
    ],
)
def test_bad_parameters_are_dropped_not_errors(client, params):
    make_meeting(title_es="Zafra")
    client.get(url(**params))  # no exception
    assert client.get(url(**params)).status_code == 200


def test_pages_keep_the_query_and_filters(client):
    for number in range(PER_PAGE + 1):
        make_meeting(slug=f"zafra-{number:02}", title_es=f"Zafra {number}")
    content = html.unescape(page(client, q="zafra", kind="meetings.meeting"))
    assert '<nav aria-label="Pages of results">' in content
    assert 'href="?q=zafra&kind=meetings.meeting&page=2" rel="next"' in content
    content = html.unescape(page(client, q="zafra", kind="meetings.meeting", page=2))
    assert 'href="?q=zafra&kind=meetings.meeting&page=1" rel="prev"' in content
    assert '<ol class="hits" start="21">' in content


def test_restricted_records_show_only_to_those_who_may_see_them_and_say_so(
    client, sign_in, restricted
):
    for language in ("es", "en"):
        content = html.unescape(page(client, language, q="jornaleros harvest"))
        assert "reservada" not in content and "members-only" not in content
        assert "Restricted" not in content
    sign_in("official_a")
    content = page(client, q="harvest")
    assert "Seasonal <mark>harvest</mark> workers: members-only meeting" in content
    assert "<strong>Visible to: member states and the Technical Secretariat</strong>" in content
    assert "consular network" not in content


def test_the_page_is_never_served_from_the_page_cache(client):
    with translation.override("en"):
        assert not getattr(resolve(url()).func, "public_page", False)
    assert "No results" in page(client, q="zafra")
    make_meeting(title_es="Zafra")
    assert "1 result for" in page(client, q="zafra")


def test_the_page_takes_no_post(client):
    assert client.post(url(), {"q": "zafra"}).status_code == 405


@pytest.mark.parametrize("role", ["anonymous", "official_a", "secretariat"])
def test_query_budget(client, sign_in, restricted, role):
    """As many queries for a few hits as for a full page of them. Each kind on the page costs
    one query for its records, so the page shows both kinds before and after: the body ranks
    first (the word in its name), the meetings added match in their text only."""
    if role != "anonymous":
        sign_in(role)
    body = Body.objects.get(slug="rcgm")
    body.name_es = "Grupo de los jornaleros"
    body.save()
    make_meeting(title_es="Jornaleros públicos", body=body)

    def grow():
        for number in range(PER_PAGE + 5):
            make_meeting(title_es=f"Reunión {number}", description_es="Con jornaleros.", body=body)

    before, after = assert_queries_constant(client, url(q="jornaleros"), grow)
    for response in (before, after):
        assert "Grupo de los <mark>jornaleros</mark>" in response.content.decode()
    assert before.content.decode().count("<article") < PER_PAGE
    assert after.content.decode().count("<article") == PER_PAGE
