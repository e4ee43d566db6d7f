"""The code lists and the two structures Puebla starts with (migration 0002_structures)."""

import pytest

from puebla.stats.models import Code, CodeList, DataStructure
from puebla.stats.validation import dimension_specs

pytestmark = pytest.mark.django_db


def test_countries_in_both_languages_with_unknown_stateless_and_total():
    codes = {code.code: code for code in Code.objects.filter(code_list__key="CL_AREA")}
    assert len(codes) == 249 + 3
    assert (codes["BLZ"].name_es, codes["BLZ"].name_en) == ("Belice", "Belize")
    assert (codes["USA"].name_es, codes["USA"].name_en) == ("Estados Unidos", "United States")
    assert codes["DOM"].name_es == "República Dominicana"
    assert codes["XXA"].name_en == "Stateless" and "ICAO Doc 9303" in codes["XXA"].note
    assert codes["_U"].name_es == "Desconocido"
    assert codes["_T"].is_total and not codes["GTM"].is_total
    assert "ISO 3166-1 alpha-3" in CodeList.objects.get(key="CL_AREA").source


def test_each_list_and_its_source():
    assert set(CodeList.objects.values_list("key", flat=True)) == {
        "CL_AREA",
        "CL_SEX",
        "CL_AGE",
        "CL_FLOW",
    }
    flows = Code.objects.filter(code_list__key="CL_FLOW")
    assert [code.code for code in flows] == ["ENTRY", "EXIT", "RETURN", "DEPORTATION"]
    assert [code.name_es for code in flows] == ["Entradas", "Salidas", "Retornos", "Deportaciones"]
    sexes = Code.objects.filter(code_list__key="CL_SEX")
    assert [code.code for code in sexes] == ["F", "M", "_U", "_T"]
    # The age bands are not from the RCM's sources, and say so.
    assert "not taken from the RCM's sources" in CodeList.objects.get(key="CL_AGE").source


def test_the_two_structures():
    entries = DataStructure.objects.get(key="ENTRIES_EXITS", version=1)
    assert entries.frequency == "M" and not entries.sensitive
    specs = {spec.key: spec for spec in dimension_specs(entries)}
    assert list(specs) == ["FLOW", "NATIONALITY", "SEX", "AGE"]
    assert specs["FLOW"].codes == {"ENTRY", "EXIT"} and specs["FLOW"].total is None
    assert specs["SEX"].total == "_T" and "XXA" in specs["NATIONALITY"].codes
    returns = DataStructure.objects.get(key="RETURNS", version=1)
    assert returns.frequency == "Q" and returns.sensitive
    assert returns.suppression_threshold == 5
    specs = {spec.key: spec for spec in dimension_specs(returns)}
    assert list(specs) == ["FLOW", "RETURN_COUNTRY", "SEX", "AGE"]
    assert specs["FLOW"].codes == {"RETURN", "DEPORTATION"}
