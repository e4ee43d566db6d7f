"""A search that finds nothing is not a dead end: the page offers the same words without the
filters, or "Did you mean" a corrected spelling, as the records write it. Never a word that
only records the reader may not see contain."""

import html
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from puebla.documents import services as documents
from puebla.search import suggestions
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant, queries_for
from tests.roles import make_user

pytestmark = pytest.mark.django_db

SUGGESTION = re.compile(r'<p class="way-out">(.*?)</p>', re.S)


def url(language="es", **params):
    with translation.override(language):
        path = reverse("search:results")
    return f"{path}?{urlencode(params)}"


def page(client, language="es", **params):
    response = client.get(url(language, **params))
    assert response.status_code == 200
    return response.content.decode()


def way_out(content: str) -> str | None:
    """The page's offer, as a reader reads it (tags dropped), or None."""
    found = SUGGESTION.search(content)
    if not found:
        return None
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def way_out_link(content: str) -> str:
    return html.unescape(re.search(r'<p class="way-out">.*?href="([^"]+)"', content, re.S)[1])


def link_query(link: str) -> dict:
    return {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}


@pytest.fixture
def trafico():
    return make_meeting(
        slug="trafico",
        title_es="Taller sobre el tráfico ilícito de migrantes",
        title_en="Workshop on the smuggling of migrants",
        description_es="El tráfico de migrantes y la protección de las personas.",
    )


def test_trafiko_suggests_trafico_with_its_accent_in_spanish_and_english(client, trafico):
    content = page(client, q="trafiko")
    assert "No hay resultados" in content or "Ningún resultado" in content or "trafiko" in content
    assert way_out(content) == "¿Quiso decir «tráfico»?"
    assert "«<em>tráfico</em>»" in content  # the corrected word is emphasised
    link = way_out_link(content)
    assert link_query(link) == {"q": "tráfico"}
    followed = client.get(link).content.decode()
    assert 'href="/es/reuniones/trafico/"' in followed

    content = page(client, "en", q="trafiko")
    assert way_out(content) == "Did you mean “tráfico”?"
    assert urlsplit(way_out_link(content)).path == "/en/search/"


def test_an_english_word_is_corrected_from_the_english_texts(client, trafico):
    content = page(client, "en", q="smugling of migrants")
    assert way_out(content) == "Did you mean “smuggling of migrants”?"
    assert "“<em>smuggling</em> of migrants”" in content


def test_only_the_misspelt_word_of_several_is_corrected(client, trafico):
    content = page(client, q="Trafiko de migrantes")
    assert way_out(content) == "¿Quiso decir «Tráfico de migrantes»?"
    assert "«<em>Tráfico</em> de migrantes»" in content
    assert link_query(way_out_link(content)) == {"q": "Tráfico de migrantes"}


def test_a_word_that_finds_nothing_offers_nothing(client, trafico):
    content = page(client, q="xyzzyq")
    assert way_out(content) is None
    assert "Revise la ortografía" in content or "ortograf" in content


def test_two_edits_correct_a_long_word_and_three_do_not(client):
    make_meeting(slug="desplazamiento", title_es="Desplazamiento por desastres")
    content = page(client, q="desplasamieto")  # z -> s, and the n left out
    assert way_out(content) == "¿Quiso decir «desplazamiento»?"
    content = page(client, q="desplasamiwto")  # one more
    assert way_out(content) is None


def test_a_short_word_takes_one_edit_and_one_of_three_letters_none(client):
    # A made-up word, one edit from nothing in the shipped data, ending in a letter the
    # Spanish stemmer keeps (a typo in an ending it drops would simply be found).
    make_meeting(slug="xibu", title_es="Xibu de trabajo de la red")
    assert way_out(page(client, q="xobu")) == "¿Quiso decir «xibu»?"
    assert way_out(page(client, q="xiby")) == "¿Quiso decir «xibu»?"
    # "rex" is one edit from "red", a word of the record: under 4 letters nothing is offered.
    assert way_out(page(client, q="rex")) is None
    # Two edits are too many for a word of 4 to 7 letters.
    assert way_out(page(client, q="xoby")) is None


def test_a_typo_in_the_first_letter_is_corrected(client, trafico):
    assert way_out(page(client, q="drafico")) == "¿Quiso decir «tráfico»?"
    assert way_out(page(client, q="rtafico")) == "¿Quiso decir «tráfico»?"


def test_the_most_frequent_of_equally_near_words_wins(client):
    make_meeting(slug="casa-1", title_es="Casa del migrante")
    make_meeting(slug="cosa-1", title_es="Una cosa")
    make_meeting(slug="cosa-2", title_es="Otra cosa")
    assert way_out(page(client, q="cesa")) == "¿Quiso decir «cosa»?"


def test_a_word_only_a_secretariat_document_has_is_never_suggested(client, sign_in):
    secretariat = make_user("secretariat")
    documents.document_create(
        fields={
            "slug": "internal-memo",
            "kind": "manual",
            "title_es": "Nota interna sobre Quetzaltenango",
            "audience": "secretariat",
        },
        by=secretariat,
    )
    # A visitor's misspelling, one edit away: nothing, and not the word, anywhere on the page.
    content = page(client, q="quetzaltenangu")
    assert way_out(content) is None
    assert "etzaltenango" not in content.lower().replace("quetzaltenangu", "")
    content = page(client, "en", q="quetzaltenangu")
    assert way_out(content) is None
    # A member-state official may not see it either.
    sign_in("official_a")
    assert way_out(page(client, q="quetzaltenangu")) is None
    # The secretariat, who may see the document, is offered the word.
    client.force_login(secretariat)
    assert way_out(page(client, q="quetzaltenangu")) == "¿Quiso decir «quetzaltenango»?"


def test_a_correction_is_never_a_word_of_a_hidden_record_even_when_more_frequent(client):
    # "zorzal" (twice, secretariat only) and "zorral" (once, public) are both one edit from
    # "zorxal": the visitor is offered only what they can find, the secretariat the more
    # frequent word.
    make_meeting(slug="hidden", title_es="Zorzal reservado", audience="secretariat")
    make_meeting(slug="hidden-2", title_es="Zorzal interno", audience="secretariat")
    make_meeting(slug="public", title_es="Un zorral")
    assert way_out(page(client, q="zorxal")) == "¿Quiso decir «zorral»?"
    client.force_login(make_user("secretariat"))
    assert way_out(page(client, q="zorxal")) == "¿Quiso decir «zorzal»?"


def test_filters_that_empty_the_results_offer_the_search_without_them(client):
    make_meeting(slug="zafra", title_es="La zafra de la caña")
    content = page(client, q="zafra", year="2031")
    assert way_out(content) == "1 resultado sin los filtros"
    link = way_out_link(content)
    assert link_query(link) == {"q": "zafra"}
    followed = client.get(link).content.decode()
    assert 'href="/es/reuniones/zafra/"' in followed
    content = page(client, "en", q="zafra", year="2031", kind="meetings.meeting")
    assert way_out(content) == "1 result without the filters"


def test_without_the_filters_nothing_either_falls_through_to_did_you_mean(client):
    make_meeting(slug="zafra", title_es="La zafra de la caña")
    content = page(client, q="safra", kind="meetings.meeting")
    assert way_out(content) == "¿Quiso decir «zafra»?"
    # The link keeps the filters: the correction was found with them.
    assert link_query(way_out_link(content)) == {"q": "zafra", "kind": "meetings.meeting"}
    # A correction that finds nothing with the filters is not offered.
    content = page(client, q="safra", year="2031")
    assert way_out(content) is None


def test_the_vocabulary_follows_the_records(client):
    meeting = make_meeting(slug="zafra", title_es="La zafra de la caña")
    assert way_out(page(client, q="safra")) == "¿Quiso decir «zafra»?"
    meeting.title_es = "La cosecha de la caña"
    meeting.save()
    assert way_out(page(client, q="safra")) is None
    meeting.delete()
    assert way_out(page(client, q="cosecho")) is None


def test_a_page_with_a_suggestion_costs_a_bounded_number_of_queries(client, trafico):
    response, _queries = queries_for(client, url(q="trafiko"))
    assert way_out(response.content.decode()) == "¿Quiso decir «tráfico»?"

    def grow():
        for number in range(5):
            make_meeting(
                slug=f"more-{number}",
                title_es=f"Tráfico de migrantes, informe {number}",
                description_es="Tráfica, tráficos, tráfago, traficante.",
            )

    _before, after = assert_queries_constant(client, url(q="trafiko"), grow)
    assert way_out(after.content.decode()) == "¿Quiso decir «tráfico»?"
    # The search that found nothing, the vocabulary (loaded once), and the corrected search
    # that found the records: 11 queries on SQLite and PostgreSQL alike.
    assert len(queries_for(client, url(q="trafiko"))[1]) <= 12


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.text(max_size=60), language=st.sampled_from(["es", "en", "fr", ""]))
def test_the_suggester_never_raises_on_any_text(trafico, query, language):
    suggestion = suggestions.did_you_mean(AnonymousUser(), query, reader_language=language)
    if suggestion is not None:
        assert suggestion.total > 0
        assert str(suggestion.html())
