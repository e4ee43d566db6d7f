"""Property tests: whatever a dataset file holds, loading either succeeds or writes nothing."""

import pytest
import yaml
from django.core import serializers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from puebla.core.datasets import DatasetError, DatasetFile, load_dataset
from puebla.directory.dataset import PRESIDENCIES
from puebla.directory.models import Presidency

pytestmark = pytest.mark.django_db

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(max_size=30),
    st.dates().map(str),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
RECORDS = st.builds(
    lambda known, unknown: {**unknown, **known},
    st.fixed_dictionaries(
        {},
        optional={
            "year": st.one_of(st.integers(min_value=1980, max_value=2300), VALUES),
            "country": st.one_of(st.sampled_from(["CR", "GT", "XX", "cr", ""]), VALUES),
            "motto": st.one_of(
                st.dictionaries(st.sampled_from(["es", "en", "fr"]), st.text(max_size=40)), VALUES
            ),
            "source": st.one_of(st.just("003_b95cf4364af503c6.txt"), VALUES),
        },
    ),
    st.dictionaries(st.text(max_size=8), VALUES, max_size=2),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.one_of(st.lists(RECORDS, max_size=4), VALUES))
def test_any_file_content_loads_or_is_refused_without_writing(tmp_path, records):
    (tmp_path / "presidencies.yaml").write_text(
        yaml.safe_dump({"presidencies": records}), encoding="utf-8"
    )
    before = serializers.serialize("json", Presidency.objects.order_by("pk"))
    try:
        load_dataset(tmp_path, [DatasetFile("presidencies.yaml", "presidencies", PRESIDENCIES)])
    except DatasetError as error:
        assert error.problems, "a refused load must say why"
        assert all(problem.file == "presidencies.yaml" for problem in error.problems)
        assert serializers.serialize("json", Presidency.objects.order_by("pk")) == before


def load_presidencies(tmp_path, records):
    (tmp_path / "presidencies.yaml").write_text(
        yaml.safe_dump({"presidencies": records}, allow_unicode=True), encoding="utf-8"
    )
    return load_dataset(tmp_path, [DatasetFile("presidencies.yaml", "presidencies", PRESIDENCIES)])


SOURCE = {"source": "003_b95cf4364af503c6.txt", "evidence": "the XXX RCM in Panama"}


def test_the_provenance_of_a_record_is_stored_with_it(tmp_path):
    load_presidencies(
        tmp_path,
        [
            {
                "year": 2025,
                "country": "PA",
                **SOURCE,
                "inferred": ["year", "country"],
                "note": {"es": "Deducido de la sede.", "en": "Inferred from the host."},
            }
        ],
    )
    presidency = Presidency.objects.get(year=2025)
    assert (presidency.source, presidency.evidence) == (SOURCE["source"], SOURCE["evidence"])
    assert presidency.inferred_fields == {"year", "country"}
    assert (presidency.note_es, presidency.note_en) == (
        "Deducido de la sede.",
        "Inferred from the host.",
    )


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"inferred": ["country"]}, "field 'note': must say why the inferred fields are inferred"),
        (
            {"inferred": ["country"], "note": "Inferred."},
            "field 'note': needs a value per language",
        ),
        (
            {"inferred": ["capital"], "note": {"en": "Why"}},
            "field 'inferred': must list field names among",
        ),
        ({"evidence": []}, "field 'evidence': must quote the passage(s)"),
        ({"evidence": [{"a": "b"}]}, "field 'evidence': must quote the passage(s)"),
    ],
)
def test_a_record_with_incomplete_provenance_is_refused(tmp_path, extra, expected):
    with pytest.raises(DatasetError) as raised:
        load_presidencies(tmp_path, [{"year": 2025, "country": "PA", **SOURCE, **extra}])
    assert expected in str(raised.value)
    assert not Presidency.objects.filter(year=2025).exists()
