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
