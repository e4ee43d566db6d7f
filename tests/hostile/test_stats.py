"""Statistics uploads (stats:round), as a country's focal point sends them: any file, any
name, and text shaped like the template with any cells. Accepted, the kept file holds the
bytes sent and the figures are the file's rows; refused, the page lists the problems and
nothing is written (no row, no stored file)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import example, given
from hypothesis import strategies as st

from puebla.stats import services
from puebla.stats.models import DataStructure, Submission
from tests.followup.factories import country, person
from tests.hostile import hostile_settings, inputs, multipart
from tests.hostile.kept import assert_nothing_written, kept, read_stored, rolled_back
from tests.roles import make_user
from tests.stats.conftest import ENTRIES_EXITS
from tests.stats.files import csv_file, figures

pytestmark = pytest.mark.django_db

HEADER = ["REF_AREA", *ENTRIES_EXITS, "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS"]
# Cells a hand-made file holds: right codes, near misses, numbers in every form, nothing.
CELLS = st.one_of(
    st.sampled_from(
        ["CRI", "GTM", "ENTRY", "EXIT", "F", "M", "_T", "_U", "Y_LT18", "Y18T29", "2026-01",
         "2026-M01", "2026-Q1", "0", "7", "-1", "1.5", "1,5", "1.234", "=1+1", "M", "A", "",
         " ", "\u00a0", "NaN", "inf", "1e3", "٣", "²", "9" * 30]
    ),
    st.text(max_size=8),
)  # fmt: skip


@st.composite
def template_like(draw) -> bytes:
    header = draw(st.one_of(st.just(HEADER), st.permutations(HEADER), st.lists(CELLS, max_size=9)))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=10), max_size=12))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return buffer.getvalue().encode(encoding, errors="replace")


def good_file() -> bytes:
    return csv_file(figures(ENTRIES_EXITS, ["2026-01"])).read()


@pytest.fixture
def round_and_focal_point():
    round = services.round_create(
        by=make_user("secretariat", email="ts-hostile-stats@example.org"),
        structure=DataStructure.objects.get(key="ENTRIES_EXITS"),
        period_start="2026-01",
        period_end="2026-01",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        countries=[country("CR")],
    )
    return round, person("CR", focal=True)


@hostile_settings(25)
@given(
    name=inputs.file_names,
    content=st.one_of(inputs.file_contents, template_like()),
)
@example(name="cifras.csv", content=good_file())
@example(name="..\\cifras.csv", content=good_file()[:-7])
def test_any_statistics_file_is_kept_as_sent_or_refused_with_nothing_written(
    client, round_and_focal_point, name, content
):
    round, focal_point = round_and_focal_point
    client.force_login(focal_point)
    with translation.override("en"):
        address = reverse("stats:round", kwargs={"pk": round.pk})
    with rolled_back() as before:
        response = multipart.post(client, address, [], [("file", name, content)])
        assert response.status_code in (302, 200, 400, 422), response.status_code
        if response.status_code != 302:
            if response.status_code == 422:
                assert "The file was not taken" in response.content.decode() or (
                    "changed by more than half" in response.content.decode()
                )
            assert_nothing_written(before)
            return
        [(alias, stored_name)] = kept().new_files(before)
        submission = Submission.objects.get(round=round)
        assert submission.original_file.name == stored_name
        assert read_stored(alias, stored_name) == content
        assert submission.observations.count() == submission.rows > 0
