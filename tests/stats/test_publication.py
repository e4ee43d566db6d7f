"""Publication: the secretariat publishes a structure's approved figures as a release; the
public reads it as a page (chart and table), as SDMX-CSV and as labelled CSV; small counts of
the sensitive structure are hidden alike in all of them; unapproved figures reach nobody."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from puebla.followup.requests import services as requests
from puebla.stats import publishing, services
from puebla.stats.models import Release, ReleasedObservation
from puebla.stats.opendata import CONFIDENTIAL
from puebla.stats.suppression import hidden_cells
from tests.followup.factories import country, person
from tests.querybudget import assert_queries_constant
from tests.stats.conftest import ENTRIES_EXITS, RETURNS
from tests.stats.files import as_sent, csv_file, figures, read_back

pytestmark = pytest.mark.django_db

JANUARY = ["2026-01"]


def url(name, language="es", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def approve(round, rows, *, code, secretariat, accept=True):
    """`code`'s focal point uploads `rows` and submits them; the secretariat accepts them."""
    focal = person(code, focal=True)
    submission, checked = services.submission_upload(
        round=round, country=country(code), by=focal, upload=csv_file(rows)
    )
    assert submission is not None, checked.problems
    answer = requests.answer_submit(request=round.request, country=country(code), by=focal)
    if accept:
        requests.answer_accept(answer=answer, by=secretariat)
    return submission


def body(response) -> bytes:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


def total(rows, flow, period, country_code):
    (row,) = [
        row
        for row in rows
        if row["FLOW"] == flow
        and row["TIME_PERIOD"] == period
        and row["REF_AREA"] == country_code
        and all(row[key] == "_T" for key in row if key in ENTRIES_EXITS[1:] + RETURNS[1:])
    ]
    return int(row["OBS_VALUE"])


def test_approved_figures_are_published_and_read_back(client, monthly_round, secretariat):
    costa_rica = figures(ENTRIES_EXITS, ["2026-01", "2026-02"], country="CRI", seed=1)
    guatemala = figures(ENTRIES_EXITS, ["2026-01", "2026-02"], country="GTM", seed=2)
    approve(monthly_round, costa_rica, code="CR", secretariat=secretariat)
    # Guatemala's figures are submitted, not approved: they are published nowhere.
    approve(monthly_round, guatemala, code="GT", secretariat=secretariat, accept=False)
    structure = monthly_round.structure

    client.force_login(secretariat)
    page = url("stats:publish", pk=structure.pk)
    assert "Costa Rica" in client.get(page).content.decode()
    response = client.post(page, {"note_es": "", "note_en": ""}, follow=True)
    release = Release.objects.get()
    assert (release.number, release.observations_count) == (1, len(costa_rica))
    text = response.content.decode()
    assert "Se publicó la versión 1: " in text
    client.logout()

    # The page: the totals of the first flow per country and period, in Spanish figures.
    text = client.get(url("stats:latest", key="ENTRIES_EXITS")).content.decode()
    january = total(costa_rica, "ENTRY", "2026-01", "CRI")
    # Spanish groups thousands with a no-break space.
    assert f'<td class="number">{january:,}</td>'.replace(",", "\u00a0") in text
    assert "Guatemala" not in text.split('<h2 id="series-heading">')[1].split("<h2>")[0]
    assert "<svg" in text and "CC BY 4.0" in text

    # SDMX-CSV, read back by sdmx1 with the structure: the same numbers, cell for cell.
    data = client.get(url("stats:latest_file", key="ENTRIES_EXITS", file_format="sdmx.csv"))
    assert read_back(body(data), structure, ENTRIES_EXITS) == as_sent(costa_rica, ENTRIES_EXITS)

    # The labelled CSV in English: the country's and codes' names beside the codes.
    labelled = client.get(url("stats:latest_file", "en", key="ENTRIES_EXITS", file_format="csv"))
    rows = list(csv.reader(io.StringIO(body(labelled).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Reporting country code", "Reporting country", "Flow (code)", "Flow"]
    assert len(rows) == 1 + len(costa_rica)
    assert rows[1][:4] == ["CRI", "Costa Rica", "ENTRY", "Entries"]


def test_nothing_approved_nothing_published(client, monthly_round, secretariat):
    approve(
        monthly_round,
        figures(ENTRIES_EXITS, JANUARY),
        code="CR",
        secretariat=secretariat,
        accept=False,
    )
    client.force_login(secretariat)
    response = client.post(url("stats:publish", pk=monthly_round.structure.pk), {})
    assert response.status_code == 422
    assert "Aún no hay cifras aprobadas de esta estructura" in response.content.decode()
    assert not Release.objects.exists()
    client.logout()
    assert client.get(url("stats:latest", key="ENTRIES_EXITS")).status_code == 404
    file = url("stats:latest_file", key="ENTRIES_EXITS", file_format="sdmx.csv")
    assert client.get(file).status_code == 404


def test_a_correction_is_a_new_release_with_its_note(monthly_round, secretariat):
    structure = monthly_round.structure
    approve(
        monthly_round, figures(ENTRIES_EXITS, JANUARY, seed=3), code="CR", secretariat=secretariat
    )
    first = publishing.release_publish(structure=structure, by=secretariat)
    with translation.override("en"), pytest.raises(ValidationError, match="Nothing changed"):
        publishing.release_publish(structure=structure, by=secretariat, note_en="again")
    # Guatemala's figures approved later: a second release, which must say what it adds.
    approve(
        monthly_round,
        figures(ENTRIES_EXITS, JANUARY, country="GTM", seed=4),
        code="GT",
        secretariat=secretariat,
    )
    with translation.override("en"), pytest.raises(ValidationError, match="Say what this release"):
        publishing.release_publish(structure=structure, by=secretariat)
    second = publishing.release_publish(
        structure=structure, by=secretariat, note_en="Guatemala's figures added."
    )
    assert second.number == 2
    # The first release is unchanged: Costa Rica's figures only.
    assert set(first.observations.values_list("ref_area", flat=True)) == {"CRI"}
    assert set(second.observations.values_list("ref_area", flat=True)) == {"CRI", "GTM"}


def test_small_counts_are_hidden_alike_in_every_output(client, quarterly_round, secretariat):
    rows = figures(
        RETURNS, ["2026-Q1"], country="CRI", seed=5, values=lambda choose: choose.randint(0, 9)
    )
    approve(quarterly_round, rows, code="CR", secretariat=secretariat)
    release = publishing.release_publish(structure=quarterly_round.structure, by=secretariat)
    hidden = set(
        ReleasedObservation.objects.filter(release=release, confidential=True).values_list(
            "series_key", flat=True
        )
    )
    assert hidden and release.hidden_count == len(hidden)
    # Every small count hidden, and no hidden one recomputable: the suppression's own answer.
    cells = {tuple(row[key] for key in RETURNS): int(row["OBS_VALUE"]) for row in rows}
    expected = hidden_cells(cells, [None, "_T", "_T", "_T"], 5)
    assert hidden == {".".join(key) for key in expected}
    assert all(cells[key] >= 5 or cells[key] == 0 or key in expected for key in cells)

    # SDMX-CSV: a hidden cell has no value and CONF_STATUS C; no other cell has.
    data = client.get(url("stats:latest_file", key="RETURNS", file_format="sdmx.csv"))
    table = list(csv.DictReader(io.StringIO(body(data).decode())))
    confidential = {
        ".".join(row[key] for key in RETURNS) for row in table if row["CONF_STATUS"] == CONFIDENTIAL
    }
    assert confidential == hidden
    assert all(row["OBS_VALUE"] == "" for row in table if row["CONF_STATUS"] == CONFIDENTIAL)
    # The labelled CSV: the same cells, said confidential, with no figure.
    labelled = client.get(url("stats:latest_file", "en", key="RETURNS", file_format="csv"))
    lines = list(csv.reader(io.StringIO(body(labelled).decode("utf-8-sig"))))
    said = {".".join(line[2:10:2]) for line in lines[1:] if line[-1].startswith("confidential")}
    assert said == hidden
    assert all(line[-2] == "" for line in lines[1:] if line[-1].startswith("confidential"))
    # The page: a total hidden is shown as confidential, never as a number.
    text = client.get(url("stats:latest", key="RETURNS")).content.decode()
    flow_total = "RETURN._T._T._T"
    if flow_total in hidden:
        assert "conf." in text
    else:
        value = total(rows, "RETURN", "2026-Q1", "CRI")
        assert f'<td class="number">{value}</td>' in text


def test_the_public_page_costs_the_same_queries_however_many_figures(
    client, monthly_round, secretariat
):
    approve(
        monthly_round, figures(ENTRIES_EXITS, JANUARY, seed=6), code="CR", secretariat=secretariat
    )
    structure = monthly_round.structure
    publishing.release_publish(structure=structure, by=secretariat)

    def grow():
        approve(
            monthly_round,
            figures(ENTRIES_EXITS, ["2026-01", "2026-02", "2026-03"], country="GTM", seed=7),
            code="GT",
            secretariat=secretariat,
        )
        publishing.release_publish(structure=structure, by=secretariat, note_en="More figures.")

    before, after = assert_queries_constant(client, url("stats:latest", key="ENTRIES_EXITS"), grow)
    assert "Guatemala" not in before.content.decode()
    assert "Guatemala" in after.content.decode()


def test_a_numbered_page_says_whether_it_is_the_latest(client, monthly_round, secretariat):
    structure = monthly_round.structure
    approve(
        monthly_round, figures(ENTRIES_EXITS, JANUARY, seed=8), code="CR", secretariat=secretariat
    )
    publishing.release_publish(structure=structure, by=secretariat)
    # Signed in: every page rendered afresh (the page cache's entries go stale on commit).
    client.force_login(secretariat)
    first = client.get(url("stats:release", key="ENTRIES_EXITS", number=1)).content.decode()
    assert "(la más reciente)" in first and "Esta versión no cambia." not in first
    approve(
        monthly_round,
        figures(ENTRIES_EXITS, JANUARY, country="GTM", seed=9),
        code="GT",
        secretariat=secretariat,
    )
    publishing.release_publish(structure=structure, by=secretariat, note_es="Guatemala.")
    first = client.get(url("stats:release", key="ENTRIES_EXITS", number=1)).content.decode()
    second = client.get(url("stats:release", key="ENTRIES_EXITS", number=2)).content.decode()
    assert "Esta versión no cambia." in first and "(la más reciente)" not in first
    assert "(la más reciente)" in second and "Esta versión no cambia." not in second
