"""Whatever a query string holds, a public list or search page answers without a server error
(issue 27 finding 8: `/en/search/?q=migration&body=99999999999999999999` was a 500 on SQLite).
Out-of-range and malformed filter values are ignored, as unknown ones are."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from puebla.core.gates import ATTRIBUTE, Access

pytestmark = pytest.mark.django_db

# Filter names the pages read, and values a probe tries on them.
NAMES = ["q", "body", "year", "kind", "theme", "language", "page", "when", "country", "status"]
NAMES += ["level", "responsible", "detail", "plan", "folder", "meeting", "sort", "type", "x"]
HUGE = ["99999999999999999999", "-1", "0", "1e309", "NaN", "9" * 400, "1.5", "٣", "²", "\x00"]


def public_pages() -> list[str]:
    """Every public page without an argument in its address, in English."""
    found = []

    def walk(patterns, names=()):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = (pattern.namespace,) if pattern.namespace else ()
                walk(pattern.url_patterns, names + namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view = getattr(pattern.callback, "view_class", pattern.callback)
                if getattr(view, ATTRIBUTE, None) == Access.PUBLIC and not (
                    pattern.pattern.regex.groupindex
                ):
                    found.append(":".join((*names, pattern.name)))

    walk(get_resolver().url_patterns)
    with translation.override("en"):
        return sorted({reverse(name) for name in found if not name.startswith("admin")})


PAGES = public_pages()
values = st.one_of(st.sampled_from(HUGE), st.text(max_size=30), st.integers().map(str))
query_strings = st.lists(st.tuples(st.sampled_from(NAMES), values), max_size=4)


def test_the_public_pages_are_found():
    assert {"/en/search/", "/en/meetings/", "/en/plan-of-action/"} <= set(PAGES)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(page=st.sampled_from(PAGES), query=query_strings)
@example(page="/en/search/", query=[("q", "migration"), ("body", "99999999999999999999")])
def test_no_query_string_makes_a_public_page_fail(page, query):
    response = Client(raise_request_exception=False).get(page, dict(query))
    assert response.status_code < 500, (page, query)
