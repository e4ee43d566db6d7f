"""alternatives(): a query in one language also in the other's words, from the shipped
thesaurus, whatever the accents, capitals and endings; any text in, never the query back."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from puebla.search import thesaurus
from puebla.search.thesaurus import MOST_ALTERNATIVES, alternatives
from puebla.search.thesaurus_models import ThesaurusPair
from puebla.search.thesaurus_services import pair_delete, pair_save
from tests.roles import make_user

pytestmark = pytest.mark.django_db

# The pairs the issue names, each looked for in both directions.
PAIRS = [
    ("trata de personas", "trafficking in persons"),
    ("tráfico ilícito de migrantes", "migrant smuggling"),
    ("retorno asistido", "assisted return"),
    ("fondo de reserva", "reserve fund"),
    ("niñez no acompañada", "unaccompanied children"),
    ("protección consular", "consular protection"),
    ("remesas", "remittances"),
    ("retorno", "return"),
    ("migración", "migration"),
    ("trata", "trafficking"),
    ("refugiados", "refugees"),
]


@pytest.mark.parametrize(("spanish", "english"), PAIRS)
def test_each_pair_is_found_both_ways(spanish, english):
    assert english in alternatives(spanish)
    assert spanish in alternatives(english)


def test_the_rest_of_the_query_stays_as_typed():
    assert "trafficking in persons Guatemala" in alternatives("trata de personas Guatemala")
    assert "trata de personas en Guatemala" in alternatives("trafficking in persons en Guatemala")


def test_accents_capitals_plurals_and_endings_do_not_matter():
    assert "assisted return" in alternatives("Retornos Asistidos")
    assert "consular protection" in alternatives("PROTECCION CONSULAR")
    assert "remesas" in alternatives("remittance")
    assert "la trafficking in persons de Honduras" in alternatives(
        "la trata de personas de Honduras"
    )


def test_the_longest_term_wins_where_terms_overlap():
    found = alternatives("retorno asistido")
    assert "assisted return" in found
    assert "return asistido" not in found


def test_a_query_without_a_term_has_no_alternative():
    assert alternatives("Guatemala 2019") == []
    assert alternatives("") == []
    assert alternatives("   ") == []


def test_a_term_with_several_counterparts_gives_each_in_a_fixed_order():
    found = alternatives("tráfico ilícito de migrantes")
    assert found == sorted(found, key=str.casefold)
    assert {"migrant smuggling", "smuggling of migrants"} <= set(found)
    assert alternatives("tráfico ilícito de migrantes") == found


def test_a_pair_saved_or_deleted_takes_effect_at_once():
    by = make_user("secretariat")
    assert alternatives("movilidad humana") == []
    pair = pair_save(
        pair=None,
        fields={
            "term_es": "movilidad humana",
            "term_en": "human mobility",
            "source": "A test pair.",
        },
        by=by,
    )
    assert alternatives("movilidad humana") == ["human mobility"]
    pair_delete(pair=pair, by=by)
    assert alternatives("movilidad humana") == []


def test_the_pairs_are_read_from_memory_until_the_version_changes(django_assert_num_queries):
    thesaurus._cache.recheck()
    alternatives("remesas")  # loads the pairs (one query) if this process has not yet
    thesaurus._cache.recheck()  # looks at the version again: unchanged, so nothing to load
    with django_assert_num_queries(0):
        assert alternatives("remesas") == ["remittances"]
        assert alternatives("trata de personas") != []
    thesaurus.thesaurus_changed()
    with django_assert_num_queries(1):
        alternatives("remesas")


def test_the_list_is_capped():
    query = " ".join(["trata de personas", "tráfico ilícito de migrantes", "retorno"] * 3)
    assert 0 < len(alternatives(query)) <= MOST_ALTERNATIVES


@pytest.fixture(scope="module")
def _pairs_loaded(django_db_blocker):
    with django_db_blocker.unblock():
        ThesaurusPair.objects.exists()


TERMS = [word for pair in PAIRS for word in pair]
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(TERMS), st.text(max_size=12)), max_size=8).map(" ".join),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERIES)
def test_any_text_gives_a_few_other_phrasings_never_itself(query):
    found = alternatives(query)
    assert isinstance(found, list) and len(found) <= MOST_ALTERNATIVES
    assert query not in found
    assert len(set(found)) == len(found)
    assert alternatives(query) == found
