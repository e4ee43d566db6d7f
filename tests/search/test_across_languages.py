"""A query in one language finds the records written only in the other, through the thesaurus
of the Conference's terms, and the page says so: what was searched for besides, and which hits
were found in their other language's text."""

import pytest
from django.contrib.auth.models import AnonymousUser

from puebla.search.query import search
from tests.meetings.factories import make_meeting
from tests.search.test_thesaurus import PAIRS

pytestmark = pytest.mark.django_db

anonymous = AnonymousUser()


def titles(results):
    return {str(hit.record.slug) for hit in results.hits}


@pytest.mark.parametrize(("spanish", "english"), PAIRS[:7])
def test_a_spanish_term_finds_a_record_written_only_in_english(spanish, english):
    make_meeting(
        slug="english-only", title_es="", title_en=f"Regional workshop on {english} in Zanzibar"
    )
    found = search(anonymous, f"{spanish} zanzibar")
    assert titles(found) == {"english-only"}
    assert found.hits[0].language == "en"


@pytest.mark.parametrize(("spanish", "english"), PAIRS[:7])
def test_an_english_term_finds_a_record_written_only_in_spanish(spanish, english):
    make_meeting(
        slug="spanish-only", title_en="", title_es=f"Taller regional sobre {spanish} en Zanzíbar"
    )
    found = search(anonymous, f"{english} zanzibar")
    assert titles(found) == {"spanish-only"}
    assert found.hits[0].language == "es"


def test_without_the_thesaurus_the_other_language_is_not_found():
    make_meeting(slug="english-only", title_es="", title_en="Workshop on smuggling in Zanzibar")
    assert search(anonymous, "contrabando zanzibar").total == 0


def test_the_page_says_what_else_it_searched_for_and_where_it_found_it(client):
    make_meeting(
        slug="english-only",
        title_es="",
        title_en="Trafficking in persons: a workshop in Zanzibar",
    )
    page = client.get("/es/buscar/", {"q": "trata de personas zanzíbar"}).content.decode()
    assert "También se buscó, según el tesauro de términos de la Conferencia:" in page
    assert "«trafficking in persons zanzíbar»" in page
    assert "encontrado en su texto en inglés" in page
    assert "<mark>Trafficking</mark> <mark>in</mark>" not in page  # "in" is a stop word
    assert "<mark>Trafficking</mark>" in page
