"""Property tests of the upload: any consistent file, in any accepted form, is stored figure for
figure, and once approved and published, sdmx1 reads the same numbers back from the release's
SDMX-CSV; one part changed breaks a total, and then nothing is written."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from puebla.followup.requests import services as requests
from puebla.stats import publishing, services
from puebla.stats.models import Observation, Release
from tests.followup.factories import country
from tests.stats.conftest import ENTRIES_EXITS
from tests.stats.files import (
    as_sent,
    csv_file,
    figures,
    read_back,
    sdmx_csv_file,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

WRITERS = {
    "csv": lambda rows: csv_file(rows),
    "csv;": lambda rows: csv_file(rows, delimiter=";"),
    "csv BOM": lambda rows: csv_file(rows, bom=True),
    "xlsx": lambda rows: xlsx_file(rows),
    "sdmx-csv": lambda rows: sdmx_csv_file(rows, "RCM:ENTRIES_EXITS(1.0)", delimiter=";"),
}
EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
months = st.lists(st.sampled_from(["2026-01", "2026-02", "2026-03"]), min_size=1, unique=True)


def stored():
    return {
        (o.series_key, o.period): (o.value, o.status)
        for o in Observation.objects.filter(submission__owner_country__iso_code="CR")
    }


@EXAMPLES
@given(
    seed=st.integers(0, 10_000),
    periods=months,
    writer=st.sampled_from(sorted(WRITERS)),
    largest=st.sampled_from([0, 3, 500, 2_000_000]),
)
def test_any_consistent_file_is_stored_figure_for_figure(
    monthly_round, focal_point, seed, periods, writer, largest
):
    rows = figures(
        ENTRIES_EXITS, periods, seed=seed, values=lambda choose: choose.randint(0, largest)
    )
    submission, checked = services.submission_upload(
        round=monthly_round, country=country("CR"), by=focal_point, upload=WRITERS[writer](rows)
    )
    assert checked.problems == []
    expected = {
        (".".join(row[key] for key in ENTRIES_EXITS), row["TIME_PERIOD"]): (
            int(row["OBS_VALUE"]),
            "A",
        )
        for row in rows
    }
    assert stored() == expected
    assert submission.rows == len(rows)


@EXAMPLES
@given(seed=st.integers(0, 10_000), data=st.data())
def test_one_changed_part_breaks_a_total_and_nothing_is_written(
    monthly_round, focal_point, english, seed, data
):
    good = figures(ENTRIES_EXITS, ["2026-02"], seed=seed + 1)
    services.submission_upload(
        round=monthly_round, country=country("CR"), by=focal_point, upload=csv_file(good)
    )
    before = stored()
    rows = figures(ENTRIES_EXITS, ["2026-01"], seed=seed)
    parts = [index for index, row in enumerate(rows) if "_T" not in row.values()]
    index = data.draw(st.sampled_from(parts))
    value = int(rows[index]["OBS_VALUE"])
    changed = data.draw(st.integers(0, value + 1000).filter(lambda new: new != value))
    rows[index]["OBS_VALUE"] = str(changed)
    submission, checked = services.submission_upload(
        round=monthly_round, country=country("CR"), by=focal_point, upload=csv_file(rows)
    )
    assert submission is None
    assert checked.problems
    assert all("is not the sum of its parts" in p.message for p in checked.problems)
    assert stored() == before


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    periods=months,
    writer=st.sampled_from(sorted(WRITERS)),
    largest=st.sampled_from([0, 3, 500, 2_000_000]),
)
def test_published_figures_read_back_by_sdmx1_are_the_uploaded_ones(
    monthly_round, focal_point, secretariat, seed, periods, writer, largest
):
    rows = figures(
        ENTRIES_EXITS, periods, seed=seed, values=lambda choose: choose.randint(0, largest)
    )
    services.submission_upload(
        round=monthly_round, country=country("CR"), by=focal_point, upload=WRITERS[writer](rows)
    )
    request = monthly_round.request
    answer = requests.answer_submit(request=request, country=country("CR"), by=focal_point)
    requests.answer_accept(answer=answer, by=secretariat)
    try:
        release = publishing.release_publish(structure=monthly_round.structure, by=secretariat)
        with release.sdmx_csv.open("rb") as file:
            published = read_back(file.read(), monthly_round.structure, ENTRIES_EXITS)
        assert published == as_sent(rows, ENTRIES_EXITS)
    finally:
        # The next example starts from nothing published and Costa Rica's figures open again.
        Release.objects.all().delete()
        requests.answer_reopen(answer=answer, by=secretariat, reason="Next example.")
