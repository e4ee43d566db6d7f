"""The meetings the seeds name: counts per seed, sample fields, quotes, dates no finer than known."""

import html
import re
from collections import Counter

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from puebla import rcm
from puebla.core.datasets import load_dataset
from puebla.meetings import dataset
from puebla.meetings.models import City, Meeting
from puebla.meetings.precision import Precision, is_consistent
from tests.seeds import SEEDS

FILE = rcm.FOLDER / "meetings.yaml"
S000, S001, S002, S003, S004 = (
    "000_190f8ec4f9cce0c1.txt",
    "001_a9ae808082891cad.txt",
    "002_b88516f6a8eb4702.txt",
    "003_b95cf4364af503c6.txt",
    "004_d69214afa6cd72ab.txt",
)

pytestmark = pytest.mark.django_db


def records(list_key: str) -> list[dict]:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))[list_key]


def sources(record: dict) -> list[str]:
    return record["source"] if isinstance(record["source"], list) else [record["source"]]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    "record", records("cities") + records("meetings"), ids=lambda record: record["slug"]
)
def test_each_record_quotes_the_seed_it_cites(record):
    seed_text = normalise(
        " ".join((SEEDS / s).read_text(encoding="utf-8") for s in sources(record))
    )
    evidence = record["evidence"]
    for quote in evidence if isinstance(evidence, list) else [evidence]:
        assert normalise(quote) in seed_text, f"{record['slug']}: {quote!r}"


def test_meetings_per_seed():
    per_seed = Counter(source for record in records("meetings") for source in sources(record))
    # Seed 002: the 40 meetings of the events page, and the RCGM's and the two networks'
    # meetings of the XXI RCM.
    assert per_seed[S002] == 43
    # Seed 000: 28 seminars and workshops with their years, and the first meeting in Puebla.
    assert per_seed[S000] == 29
    assert per_seed[S003] == 2  # the XXIV Conference and its RCGM meeting
    # The XIV Conference, the RCGM in Vancouver, the human-rights seminar Honduras and RNCOM
    # proposed, and the workshop in Guatemala with its dates to be defined.
    assert per_seed[S004] == 4
    assert per_seed[S001] == 3  # dates the XXII Conference; the two workshops of 2018 (SDGs)
    assert Meeting.objects.count() == 80


def test_every_record_is_loaded_public():
    assert set(Meeting.objects.values_list("audience", flat=True)) == {"public"}


def test_dates_are_no_finer_than_their_sources():
    for meeting in Meeting.objects.all():
        assert is_consistent(meeting.start_date, meeting.start_precision), meeting.slug
        assert is_consistent(meeting.end_date, meeting.end_precision), meeting.slug
    exact = set(Meeting.objects.filter(start_precision="day").values_list("slug", flat=True))
    assert exact == {
        "xxi-rcm",
        "rcgm-2016-san-pedro-sula",
        "network-consular-protection-2016-san-pedro-sula",
        "network-smuggling-trafficking-2016-san-pedro-sula",
        "xxiv-rcm",
        "rcgm-2019-guatemala",
    }
    puebla = Meeting.objects.get(slug="first-rcm-puebla-1996")
    assert (puebla.start_date.isoformat(), puebla.start_precision) == ("1996-03-01", "month")
    # A seed that gives days but no year is not dated at all.
    consular = Meeting.objects.get(slug="workshop-international-protection-consular-mexico")
    assert consular.start_precision == Precision.NOT_GIVEN and consular.start_date is None


def test_an_inferred_date_carries_a_note_in_both_languages():
    for record in records("meetings"):
        if record["slug"] in {"xix-rcm", "xx-rcm", "xxii-rcm", "xiv-rcm"}:
            assert record["start_precision"] == "year"
            assert "start_date" in record["inferred"]
            assert "inferred" in record["note"]["en"] and "deduce" in record["note"]["es"]
    xx = Meeting.objects.get(slug="xx-rcm")
    assert xx.is_inferred("start_date") and not xx.is_inferred("title")
    assert xx.note_es.startswith("El año se deduce del número de la Conferencia")


def test_sample_fields():
    xxi = Meeting.objects.get(slug="xxi-rcm")
    assert (xxi.start_date.isoformat(), xxi.end_date.isoformat()) == ("2016-11-15", "2016-11-18")
    assert (xxi.city.slug, xxi.host_country.iso_code, xxi.body.slug) == (
        "san-pedro-sula",
        "HN",
        "vice-ministerial-meeting",
    )
    assert xxi.status == Meeting.Status.HELD
    assert [item.date.day for item in xxi.agenda_items.all()] == [15, 15, 17]

    reintegration = Meeting.objects.get(slug="workshop-social-reintegration-civil-society")
    assert reintegration.documents_language == Meeting.DocumentsLanguage.SPANISH
    assert reintegration.convened_by_presidency
    assert list(reintegration.supporting_organisations.values_list("slug", flat=True)) == ["iom"]
    assert "flight, food, accomodation" in reintegration.costs_note_en

    adhoc = Meeting.objects.get(slug="adhoc-extra-regional-3")
    assert adhoc.participant_profile_en.startswith("Two officers directly involved")
    assert adhoc.seats_per_country is None and adhoc.nomination_deadline is None

    plenary = Meeting.objects.get(slug="plenary-rcm-sacm-1")
    assert plenary.city.name_en == "Montevideo" and plenary.host_country is None


def test_titles_the_seeds_give_in_one_language_have_no_invented_translation():
    both = {"workshop-child-best-interests-sgbv", "virtual-workshop-consular-registration"}
    for meeting in Meeting.objects.all():
        assert meeting.title_en, meeting.slug
        assert bool(meeting.title_es) == (meeting.slug in both), meeting.slug
    assert Meeting.objects.get(slug="virtual-workshop-consular-registration").title_es.startswith(
        "Taller Virtual para el diálogo"
    )


def test_a_city_written_several_ways_is_one_city():
    mexico = City.objects.get(slug="mexico-city")
    assert (mexico.name_es, mexico.name_en, mexico.country.iso_code) == (
        "Ciudad de México",
        "Mexico City",
        "MX",
    )
    in_mexico_city = {
        "workshop-passport-integrity",  # "Mexico D.F."
        "adhoc-extra-regional-4",  # "México D.F."
        "workshop-international-protection-consular-mexico",  # "Ciudad de México"
        "xx-rcm",
    }
    assert in_mexico_city <= set(mexico.meetings.values_list("slug", flat=True))
    guatemala = City.objects.get(slug="guatemala-city")
    assert "workshop-unscrupulous-consultants" in set(  # "Ciudad de Guatemala"
        guatemala.meetings.values_list("slug", flat=True)
    )
    assert (
        City.objects.get(slug="san-jose")
        .meetings.filter(slug="workshop-migration-health-san-jose")
        .exists()
    )  # "SAN JOSÉ"
    assert City.objects.count() == 12


def test_a_spanish_city_name_from_outside_the_seeds_shows_its_source(client):
    """Every city is named in Spanish, from the seeds or, where they give English only, from a
    public source the reader is shown."""
    for city in City.objects.all():
        assert city.name_es, city.slug
    panama = City.objects.get(slug="panama-city")
    assert (panama.name_es, panama.name_en) == ("Ciudad de Panamá", "Panama City")
    assert panama.is_inferred("name")
    with translation.override("es"):
        page = client.get(reverse("meetings:meeting", args=["adhoc-extra-continental"]))
    content = html.unescape(page.content.decode())
    assert "Ciudad de Panamá" in content
    assert "Panama City" not in content.split("Deducido")[0]  # no English name as Spanish
    assert "Wikipedia en español, artículo «Panamá (ciudad)»" in content


def test_a_second_load_changes_nothing():
    report = load_dataset(rcm.FOLDER, dataset.FILES)
    assert not report.changed
    assert report.unchanged["meetings"] == 80
