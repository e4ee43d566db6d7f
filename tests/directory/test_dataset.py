"""The RCM dataset: what it holds, that it cites its seeds truly, and how loading behaves."""

import calendar
import re
import shutil
from pathlib import Path

import pytest
import yaml
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from puebla import rcm
from puebla.core.datasets import DatasetError, Ref, Spec, load_dataset
from puebla.directory.dataset import BODIES, PRESIDENCIES
from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Fact,
    Membership,
    Milestone,
    Organisation,
    Person,
    Presidency,
)
from puebla.intranet.models import Notice
from tests.seeds import SEEDS

DIRECTORY_MODELS = [
    Country,
    Organisation,
    Membership,
    Body,
    Presidency,
    Person,
    Appointment,
    Milestone,
]

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    return "".join(
        serializers.serialize("json", model.objects.order_by("pk")) for model in DIRECTORY_MODELS
    )


def test_member_and_observer_states_are_those_of_the_seeds():
    current = Membership.objects.current()
    members = set(current.filter(status="member").values_list("country__iso_code", flat=True))
    observers = set(
        current.filter(status="observer", country__isnull=False).values_list(
            "country__iso_code", flat=True
        )
    )
    assert members == {"BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"}
    assert observers == {"AR", "CO", "EC", "JM", "PE"}
    assert Country.objects.get(iso_code="DO").name_es == "República Dominicana"


def test_every_observer_organisation_named_in_the_seeds_is_an_observer():
    observers = set(
        Membership.objects.current()
        .filter(status="observer", organisation__isnull=False)
        .values_list("organisation__acronym_en", "organisation__name_en")
    )
    acronyms = {acronym for acronym, _name in observers}
    assert {"IACHR", "IOM", "ECLAC/CELADE", "UNHCR", "SICA", "UNFPA", "SEGIB", "ICRC"} <= acronyms
    assert "UN Special Rapporteur for the Human Rights of Migrants" in {
        name for _acronym, name in observers
    }
    assert len(observers) == 9
    rncom = Organisation.objects.get(slug="rncom")
    assert rncom.kind == Organisation.Kind.CIVIL_SOCIETY
    assert not rncom.memberships.exists()
    assert Organisation.objects.get(slug="iom").hosts_secretariat


def test_bodies_include_networks_working_groups_and_ad_hoc_groups():
    kinds = {
        kind: set(Body.objects.filter(kind=kind).values_list("slug", flat=True))
        for kind in Body.Kind.values
    }
    assert len(kinds["liaison_network"]) == 3
    assert len(kinds["working_group"]) == 4
    assert kinds["ad_hoc_group"] == {"adhoc-extra-regional-migrants", "adhoc-migrant-children"}
    assert Body.objects.get(slug="rcgm").reports_to.slug == "vice-ministerial-meeting"
    secretariat = Body.objects.get(kind="secretariat")
    assert (secretariat.established, secretariat.email, secretariat.phone) == (
        2001,
        "cmst@iom.int",
        "(506) 8851-1009",
    )


def test_presidencies_mottos_contacts_and_founding_facts():
    costa_rica = Presidency.objects.get(year=2020)
    assert costa_rica.country.iso_code == "CR"
    assert costa_rica.motto_en == "Towards migration in action."
    assert costa_rica.motto_es == ""  # the seeds give no Spanish motto; none is invented
    assert Presidency.objects.get(year=2019).country.iso_code == "GT"
    staff = Appointment.objects.filter(body__slug="technical-secretariat").order_by("position")
    assert [(a.person.email, a.title_en) for a in staff] == [
        ("obush@iom.int", "Coordinator"),
        ("rrodas@iom.int", "Information Technology Specialist"),
        ("mmunozc@iom.int", "Project Assistant"),
    ]
    puebla = Milestone.objects.get(slug="first-meeting-puebla")
    assert (puebla.year, puebla.month) == (1996, 3)
    assert Milestone.objects.get(slug="tuxtla-ii").month == 2


def test_a_second_load_changes_nothing():
    before = snapshot()
    report = load_dataset(rcm.FOLDER, rcm.files())
    assert not report.changed
    assert sum(report.unchanged.values()) > 80
    assert snapshot() == before


def dataset_records():
    for dataset_file in rcm.files():
        if dataset_file.spec is None:  # loaded by its own function (the search thesaurus)
            continue
        content = yaml.safe_load((rcm.FOLDER / dataset_file.name).read_text(encoding="utf-8"))
        for record in content[dataset_file.list_key]:
            yield dataset_file.name, record


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    ("file_name", "record"), list(dataset_records()), ids=lambda value: str(value)[:40]
)
def test_each_record_cites_a_seed_that_holds_its_evidence(file_name, record):
    sources = record["source"] if isinstance(record["source"], list) else [record["source"]]
    seed_text = normalise(
        " ".join((SEEDS / source).read_text(encoding="utf-8") for source in sources)
    )
    evidence = record.get("evidence", [])
    for quote in evidence if isinstance(evidence, list) else [evidence]:
        assert normalise(quote) in seed_text, f"{file_name}: {quote!r} is not in {sources}"


# The mechanical rule that keeps the data honest: each Spec names the fields a reader takes as
# facts (`stated`: names, dates, contacts, who presided). Each such value must appear word for
# word in the record's own evidence, or the record must list the field under `inferred` and say
# why in its note, in both languages. Descriptions and notes are our own words, reviewed by
# reading them.
# A country is stated as a year's presidency only by a passage that says so.
PRESIDENCY_WORDS = re.compile(r"presiden|\bPPT\b", re.IGNORECASE)


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def literal_forms(spec: Spec, field: str, value) -> list[str]:
    """The ways a value may be written in a seed (the seeds are in English)."""
    kind = spec.fields[field]
    if isinstance(value, dict):
        return [value["en"]] if value.get("en") else []
    if isinstance(kind, Ref):
        target = kind.model._default_manager.get(**{kind.key: value})
        return [
            text
            for text in (getattr(target, "name_en", ""), getattr(target, "acronym_en", ""))
            if text
        ]
    if field == "month":
        return [calendar.month_name[value]]
    return [str(value)]


def unstated_values(spec: Spec, record: dict, evidence: list[str]):
    quotes = [normalise(quote).lower() for quote in evidence]
    for field in sorted(spec.stated):
        if record.get(field) in (None, "") or field in as_list(record.get("inferred", [])):
            continue
        forms = [normalise(form).lower() for form in literal_forms(spec, field, record[field])]
        found = [quote for quote in quotes if any(form in quote for form in forms)]
        if spec.model is Presidency and field == "country":
            found = [quote for quote in found if PRESIDENCY_WORDS.search(quote)]
        if forms and not found:
            yield field, record[field]


def spec_records():
    for dataset_file in rcm.files():
        if dataset_file.spec is None:  # loaded by its own function (the search thesaurus)
            continue
        content = yaml.safe_load((rcm.FOLDER / dataset_file.name).read_text(encoding="utf-8"))
        for record in content[dataset_file.list_key]:
            yield dataset_file.name, dataset_file.spec, record


@pytest.mark.parametrize(
    ("file_name", "spec", "record"), list(spec_records()), ids=lambda value: str(value)[:40]
)
def test_every_value_not_stated_in_the_evidence_is_marked_inferred_with_a_note(
    file_name, spec, record
):
    evidence = as_list(record.get("evidence", []))
    assert evidence and all(evidence), f"{file_name}: every record quotes its source"
    unstated = list(unstated_values(spec, record, evidence))
    for name, nested_spec in spec.nested.items():
        for nested in record.get(name, []):
            nested_evidence = as_list(nested.get("evidence", evidence))
            unstated += unstated_values(nested_spec, nested, nested_evidence)
            assert not nested.get("inferred") or nested.get("note"), f"{file_name}: {nested}"
    assert not unstated, (
        f"{file_name}: {unstated} not found in the record's evidence: quote the passage that "
        "states it, or list the field under `inferred` with a note"
    )
    if record.get("inferred"):
        note = record.get("note") or {}
        assert note.get("es") and note.get("en"), f"{file_name}: a note in es and en says why"


def test_the_rule_catches_values_the_evidence_does_not_state():
    workshop = ["This workshop is convened by the Government of Honduras (PPT)"]
    assert list(unstated_values(PRESIDENCIES, {"year": 2016, "country": "HN"}, workshop)) == [
        ("year", 2016)
    ]
    hosted = {"year": 2015, "country": "MX"}
    assert list(unstated_values(PRESIDENCIES, hosted, ["XX RCM Mexico 2015"])) == [
        ("country", "MX")
    ]
    assert not list(
        unstated_values(PRESIDENCIES, {**hosted, "inferred": ["country"]}, ["XX RCM Mexico 2015"])
    )
    group = {"name": {"en": "Working group on borders"}, "established": 2019}
    assert list(unstated_values(BODIES, group, ["the four Working Groups"])) == [
        ("established", 2019),
        ("name", {"en": "Working group on borders"}),
    ]


def test_provenance_is_stored_on_the_records():
    stated = Presidency.objects.get(year=2020)
    assert stated.source == "003_b95cf4364af503c6.txt"
    assert "Costa Rica will hold the Presidency Pro Tempore of RCM for 2020" in stated.evidence
    assert not stated.inferred_fields and not stated.note_en
    honduras = Presidency.objects.get(year=2016)
    assert honduras.inferred_fields == {"year", "country"}
    assert "San Pedro Sula" in honduras.note_en and "San Pedro Sula" in honduras.note_es
    rcgm = Body.objects.get(slug="rcgm")
    assert rcgm.is_inferred("reports_to") and not rcgm.is_inferred("name")
    # A nested record without a source of its own keeps its parent's.
    coordinator = Appointment.objects.get(person__slug="oliver-bush")
    assert coordinator.source == "000_190f8ec4f9cce0c1.txt"
    assert "Oliver Bush Coordinator" in coordinator.evidence
    assert Notice.objects.get(slug="consular-network-work-plan").is_inferred("title")


def test_what_the_seeds_do_not_state_is_left_empty():
    assert not Notice.objects.filter(published_on__isnull=False).exists()
    for slug in ["wg-emerging-trends", "wg-human-rights", "wg-migration-development", "wg-borders"]:
        group = Body.objects.get(slug=slug)
        assert group.established is None and group.reports_to is None
        assert group.inferred_fields == {"name", "description"}
    for slug in [
        "network-migrant-children",
        "adhoc-extra-regional-migrants",
        "adhoc-migrant-children",
    ]:
        assert Body.objects.get(slug=slug).reports_to is None
    rcgm = Body.objects.get(slug="rcgm")
    assert "twice" not in rcgm.description_en and "dos veces" not in rcgm.description_es
    puebla = Milestone.objects.get(slug="first-meeting-puebla")
    assert "name" not in puebla.description_en and "nombre" not in puebla.description_es
    relaunch = Milestone.objects.get(slug="relaunch")
    assert "review" in relaunch.description_en and "created" not in relaunch.description_en
    # Official names and quotations the seeds give only in English get no Spanish.
    for slug in ["guidelines-women-2018", "managua-declaration-2014", "reserve-fund-established"]:
        milestone = Milestone.objects.get(slug=slug)
        assert milestone.title_en and milestone.title_es == ""
    assert Organisation.objects.get(slug="sacm").name_es == ""
    costa_rica = Notice.objects.get(slug="costa-rica-ppt-2020")
    assert "Hacia una migración" not in costa_rica.body_es


def test_the_organisations_milestones_tenets_and_funding_the_seeds_name_are_recorded():
    names = set(Organisation.objects.values_list("name_en", flat=True))
    assert {
        "South American Conference on Migration",
        "Committee on Migration Issues of the OAS",
        "Platform on Disaster Displacement",
        "Regional Coalition Against Trafficking in Persons and Migrant Smuggling",
        "Commission of Police Chiefs and Directors for Central America, the Caribbean and Colombia",
        "FYBEMID",
        "CEAM",
    } <= names
    dated = set(Milestone.objects.values_list("slug", "year", "month"))
    assert {
        ("virtual-secretariat-schedule", 2003, None),
        ("plan-of-action-update-2009", 2009, 11),
        ("managua-declaration-2014", 2014, None),
        ("guidelines-children-2016", 2016, None),
        ("guide-disasters-2016", 2016, None),
        ("gcm-declaration-2017", 2017, None),
        ("guidelines-women-2018", 2018, None),
    } <= dated
    assert Fact.objects.filter(topic=Fact.Topic.TENET).count() == 3
    assert "annual fees" in " ".join(
        Fact.objects.filter(topic=Fact.Topic.FUNDING).values_list("text_en", flat=True)
    )


def test_the_consular_network_has_one_name_everywhere():
    network = Body.objects.get(slug="network-consular-protection")
    notice = Notice.objects.get(slug="consular-network-work-plan")
    assert network.name_en in notice.title_en and network.name_es in notice.title_es
    assert list(notice.audience_bodies.all()) == [network]


@pytest.fixture
def dataset_copy(tmp_path):
    folder = tmp_path / "rcm"
    shutil.copytree(rcm.FOLDER, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_reference_names_file_record_and_value_and_writes_nothing(dataset_copy):
    # Changes that would be written before the bad record is reached: a new country and a
    # renamed one. Neither may survive the failed load.
    edit(dataset_copy, "countries.yaml", "en: Belize}", "en: Belize (renamed)}")
    edit(
        dataset_copy,
        "countries.yaml",
        "countries:\n",
        "countries:\n  - {iso_code: UY, name: {es: Uruguay, en: Uruguay}, source: 002_b88516f6a8eb4702.txt}\n",
    )
    edit(
        dataset_copy,
        "presidencies.yaml",
        "  - year: 2020\n    country: CR",
        "  - year: 2020\n    country: XX",
    )
    before = snapshot()

    with pytest.raises(CommandError) as raised:
        call_command("load_rcm", folder=dataset_copy)

    message = str(raised.value)
    assert "nothing was written" in message
    assert (
        "presidencies.yaml, record 8 (2020), field 'country': unknown country iso_code (value: 'XX')"
        in message
    )
    assert snapshot() == before
    assert not Country.objects.filter(iso_code="UY").exists()
    assert Country.objects.get(iso_code="BZ").name_en == "Belize"


def test_every_problem_is_reported_at_once(dataset_copy):
    edit(dataset_copy, "bodies.yaml", "kind: working_group", "kind: committee")
    edit(dataset_copy, "milestones.yaml", "month: 3", "mnth: 3")
    edit(dataset_copy, "people.yaml", "email: obush@iom.int", "email: not-an-address")

    with pytest.raises(DatasetError) as raised:
        load_dataset(dataset_copy, rcm.files())

    shown = [str(problem) for problem in raised.value.problems]
    assert any(
        "bodies.yaml, record 6 (wg-emerging-trends), field 'kind'" in line and "'committee'" in line
        for line in shown
    )
    assert any(
        "milestones.yaml, record 2 (first-meeting-puebla), field 'mnth': is not a field" in line
        for line in shown
    )
    assert any(
        "people.yaml, record 1 (oliver-bush), field 'email'" in line and "not-an-address" in line
        for line in shown
    )


def test_a_record_without_its_source_is_refused(dataset_copy):
    edit(
        dataset_copy,
        "presidencies.yaml",
        "    source: 003_b95cf4364af503c6.txt\n    evidence: Costa Rica",
        "    evidence: Costa Rica",
    )
    with pytest.raises(
        DatasetError, match=r"record 8 \(2020\), field 'source': must name the seed file"
    ):
        load_dataset(dataset_copy, rcm.files())


def test_an_unreadable_file_is_reported(dataset_copy):
    (dataset_copy / "bodies.yaml").write_text("bodies: [unclosed", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bodies.yaml, whole file: cannot be read"):
        load_dataset(dataset_copy, rcm.files())


def test_a_value_removed_from_the_file_leaves_the_database_too(dataset_copy):
    # How a correction reaches an installed site: an invented value deleted from the file is
    # not kept from an earlier load.
    edit(dataset_copy, "bodies.yaml", "    established: 2001\n", "")
    edit(dataset_copy, "people.yaml", "    email_is_public: true\n", "")
    report = load_dataset(dataset_copy, rcm.files())
    assert report.updated["bodies"] == 1 and report.updated["people"] == 1
    assert Body.objects.get(slug="technical-secretariat").established is None
    assert not Person.objects.get(slug="oliver-bush").email_is_public


def test_a_changed_record_is_updated_in_place(dataset_copy):
    edit(
        dataset_copy,
        "presidencies.yaml",
        "en: Towards migration in action.",
        "en: Towards migration in action.\n      es: Hacia una migración en acción.",
    )
    report = load_dataset(dataset_copy, rcm.files())
    assert report.updated["presidencies pro-tempore"] == 1
    assert Presidency.objects.get(year=2020).motto_es == "Hacia una migración en acción."
    assert Presidency.objects.filter(year=2020).count() == 1
