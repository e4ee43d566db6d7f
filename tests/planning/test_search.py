"""Plan of Action items in the site search: found by their text in either language, with their
theme as the facet and a link to their page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from puebla.search.query import search
from tests.planning.sample_plan import make_plan

pytestmark = pytest.mark.django_db


def test_an_item_is_found_by_its_text_and_links_to_its_page():
    _plan, items = make_plan()
    with translation.override("en"):
        results = search(AnonymousUser(), "fraudulent documents", kinds=["planning.item"])
        hit = results.hits[0]
        assert (results.total, hit.record) == (1, items["t2.1.1"])
        assert hit.url == reverse("planning:item", args=[items["t2.1.1"].pk])
        assert (
            str(hit.title)
            == "2.1.1 IOM manual on the detection of <mark>fraudulent</mark> <mark>documents</mark>"
        )
        assert [(v.value, v.label) for v in results.facets["theme"]] == [
            ("policy", "Migration policy and management")
        ]


def test_an_item_s_spanish_text_is_found_accents_aside():
    _plan, items = make_plan()
    results = search(AnonymousUser(), "informacion redes", kinds=["planning.item"])
    assert [hit.record for hit in results.hits] == [items["t1.1.1"]]
    assert results.hits[0].language == "es"
