"""Demo mode's example statistics: published for both structures, said to be examples on the
page, in the chart and in every row of every file; made once; never outside demo mode."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from puebla.stats.models import Release

pytestmark = pytest.mark.django_db


def test_no_example_figures_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="only in demo mode"):
        call_command("demo_statistics")
    assert not Release.objects.exists()


def test_example_figures_are_published_once_and_say_so_everywhere(client, settings):
    settings.DEMO_MODE = True
    call_command("demo_statistics", stdout=io.StringIO())
    call_command("demo_statistics", stdout=io.StringIO())  # a second `make run`: nothing more
    releases = {release.structure.key: release for release in Release.objects.all()}
    assert set(releases) == {"ENTRIES_EXITS", "RETURNS"}
    assert all(release.example and release.number == 1 for release in releases.values())
    # The sensitive structure's small counts are hidden, as real ones would be.
    assert releases["RETURNS"].hidden_count > 0 and releases["ENTRIES_EXITS"].hidden_count == 0

    with translation.override("es"):
        page = client.get(reverse("stats:latest", kwargs={"key": "RETURNS"}))
        sdmx = client.get(
            reverse("stats:latest_file", kwargs={"key": "RETURNS", "file_format": "sdmx.csv"})
        )
        labelled = client.get(
            reverse("stats:latest_file", kwargs={"key": "RETURNS", "file_format": "csv"})
        )
    text = page.content.decode()
    assert "Cifras de ejemplo, no son datos reales." in text
    # In the chart's drawing too, as its title.
    chart = text.split('<figure class="statistics-chart">')[1].split("</figure>")[0]
    assert "Cifras de ejemplo, no son datos reales." in chart.split("<figcaption>")[0]
    rows = list(csv.DictReader(io.StringIO(b"".join(sdmx.streaming_content).decode())))
    assert rows and {row["NOTE"] for row in rows} == {"example figures, not real data"}
    lines = list(csv.reader(io.StringIO(b"".join(labelled.streaming_content).decode("utf-8-sig"))))
    assert all("cifras de ejemplo, no son datos reales" in line[-1] for line in lines[1:])
    assert len(lines) - 1 == len(rows) == releases["RETURNS"].observations_count
