"""The thesaurus in the intranet: the secretariat lists, adds, edits and deletes pairs (a new
pair takes effect in the search at once); everyone else gets "not found"; bad input is
explained beside its field and writes nothing; deleting asks first."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.search.thesaurus import alternatives
from puebla.search.thesaurus_models import ThesaurusPair
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def pair_data(**overrides):
    return {
        "term_es": "movilidad humana",
        "term_en": "human mobility",
        "source": 'es — a named glossary, https://example.org: "movilidad humana"',
        "note": "",
        **overrides,
    }


def test_the_secretariat_adds_a_pair_and_the_search_uses_it_at_once(client, sign_in):
    sign_in("secretariat")
    assert alternatives("movilidad humana") == []
    response = client.post(en("search:thesaurus_new"), pair_data())
    assert response.status_code == 302
    pair = ThesaurusPair.objects.get(term_es="movilidad humana")
    assert pair.created_by.email == pair.updated_by.email
    assert pair.history.first().history_user == pair.created_by
    assert alternatives("Movilidad Humana Guatemala") == ["human mobility Guatemala"]
    page = client.get(en("search:thesaurus") + "?q=movilidad").content.decode()
    assert "movilidad humana" in page and "human mobility" in page
    assert "https://example.org" in page


def test_the_list_shows_each_pair_with_its_source(client, sign_in):
    sign_in("secretariat")
    page = client.get(en("search:thesaurus") + "?q=trata de personas").content.decode()
    assert "trafficking in persons" in page
    assert "Prevent, combat and eradicate trafficking in persons" in page
    page = client.get(en("search:thesaurus") + "?q=no such term at all").content.decode()
    assert "No pair contains" in page


def test_editing_changes_the_pair_and_the_search(client, sign_in):
    sign_in("secretariat")
    pair = ThesaurusPair.objects.get(term_es="remesas")
    data = pair_data(term_es="remesas", term_en="remittance flows", source=pair.source)
    assert client.post(en("search:thesaurus_edit", pk=pair.pk), data).status_code == 302
    pair.refresh_from_db()
    assert pair.term_en == "remittance flows"
    assert alternatives("remesas") == ["remittance flows"]
    assert pair.history.count() >= 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"term_es": ""}, "term_es", "Write the term: it is empty."),
        ({"term_en": "Movilidad Humana"}, "term_en", "The two terms are the same word for word"),
        (
            {"term_es": "Trata de Personas", "term_en": "Trafficking in persons"},
            "term_es",
            "This pair is already in the thesaurus",
        ),
        (
            {"term_es": "uno dos tres cuatro cinco seis siete ocho nueve diez once"},
            "term_es",
            "A term has at most 10 words",
        ),
        ({"term_es": "¡¿…?!"}, "term_es", "The term must contain at least one word."),
        ({"source": ""}, "source", "Say where each term comes from"),
    ],
)
def test_bad_input_is_explained_beside_its_field_and_writes_nothing(
    client, sign_in, overrides, field, message
):
    sign_in("secretariat")
    before = ThesaurusPair.objects.count()
    page = client.post(en("search:thesaurus_new"), pair_data(**overrides)).content.decode()
    assert message in page
    assert "Nothing has been saved yet." in page
    assert f'href="#id_{field}"' in page  # the summary links to the field
    # The message is tied to its field: screen readers read it with the field.
    assert f'id="id_{field}_error"' in page
    assert re.search(rf'aria-describedby="[^"]*\bid_{field}_error\b[^"]*"', page)
    assert ThesaurusPair.objects.count() == before


def test_deleting_asks_first_and_keeps_the_history(client, sign_in):
    sign_in("secretariat")
    pair = ThesaurusPair.objects.get(term_es="remesas")
    page = client.get(en("search:thesaurus_delete", pk=pair.pk)).content.decode()
    assert "will no longer look for the other" in page
    assert ThesaurusPair.objects.filter(pk=pair.pk).exists()
    assert client.post(en("search:thesaurus_delete", pk=pair.pk)).status_code == 302
    assert not ThesaurusPair.objects.filter(pk=pair.pk).exists()
    assert ThesaurusPair.history.filter(id=pair.pk, history_type="-").exists()
    assert alternatives("remesas") == []


@pytest.mark.parametrize("role", ["official_a", "liaison_officer", "observer_organisation"])
def test_anyone_but_the_secretariat_gets_not_found_and_writes_nothing(client, role):
    client.force_login(make_user(role))
    pair = ThesaurusPair.objects.get(term_es="remesas")
    before = ThesaurusPair.objects.count()
    for url in (
        en("search:thesaurus"),
        en("search:thesaurus_new"),
        en("search:thesaurus_edit", pk=pair.pk),
        en("search:thesaurus_delete", pk=pair.pk),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, pair_data()).status_code == 404
    assert ThesaurusPair.objects.count() == before
    assert "remittances" in alternatives("remesas")


def test_the_secretariat_finds_the_thesaurus_in_the_intranet_menu(client, sign_in):
    sign_in("secretariat")
    page = client.get(en("intranet:home")).content.decode()
    assert f'href="{en("search:thesaurus")}"' in page


def test_the_list_costs_the_same_queries_however_many_pairs(client, sign_in):
    user = sign_in("secretariat")

    def grow():
        for number in range(30):
            ThesaurusPair.objects.create(
                term_es=f"término {number}",
                term_en=f"term {number}",
                source="test",
                created_by=user,
            )

    _before, after = assert_queries_constant(client, en("search:thesaurus"), grow)
    assert "término 1" in after.content.decode() or "Next page" in after.content.decode()
