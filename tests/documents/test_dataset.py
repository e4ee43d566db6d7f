"""The documents the seeds name: counts per seed, sample fields, quotes, nothing more precise or
more translated than the seeds, and a page for each that says what is not given."""

import html
import re
from collections import Counter

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from puebla import rcm
from puebla.core.datasets import load_dataset
from puebla.documents import dataset
from puebla.documents.models import Document, Theme
from puebla.meetings.models import Meeting
from tests.seeds import SEEDS

FILE = rcm.FOLDER / "documents.yaml"
S000, S001, S002, S003, S004 = (
    "000_190f8ec4f9cce0c1.txt",
    "001_a9ae808082891cad.txt",
    "002_b88516f6a8eb4702.txt",
    "003_b95cf4364af503c6.txt",
    "004_d69214afa6cd72ab.txt",
)
# The Plan of Action's topics as seed 004 writes them (one in Spanish), and their themes.
TOPICS = {
    "MIGRATION POLICY AND MANAGEMENT": Theme.POLICY,
    "DERECHOS HUMANOS": Theme.RIGHTS,
    "LINK BETWEEN MIGRATION AND DEVELOPMENT": Theme.DEVELOPMENT,
}
DATED = {
    "plan-of-action": 2009,
    "declaration-xxiv-rcm": 2019,  # inferred: the seed dates the meeting
    "special-declaration-gcm-2017": 2017,
    "guidelines-women-2018": 2018,
    "guidelines-children-2016": 2016,
    "guide-disasters-2016": 2016,
    "managua-extraordinary-declaration-2014": 2014,
}

pytestmark = pytest.mark.django_db


def records() -> list[dict]:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))["documents"]


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def evidence_text(record: dict) -> str:
    return normalise(" ".join(as_list(record["evidence"]))).lower()


@pytest.mark.parametrize("record", records(), ids=lambda record: record["slug"])
def test_each_record_quotes_the_seed_it_cites(record):
    seed_text = normalise(
        " ".join((SEEDS / s).read_text(encoding="utf-8") for s in as_list(record["source"]))
    )
    for quote in as_list(record["evidence"]):
        assert normalise(quote) in seed_text, f"{record['slug']}: {quote!r}"


def test_documents_per_seed():
    per_seed = Counter(source for record in records() for source in as_list(record["source"]))
    # Seed 000: the Plan of Action, the guidelines it endorsed (two sets) and the guidelines and
    # the work plan its seminars and workshops were to develop.
    assert per_seed[S000] == 6
    # Seed 001: its "recent examples" (two guidelines, a guide, a declaration), the GCM
    # declaration, the guidelines that helped Honduras, and the smuggling network's name.
    assert per_seed[S001] == 7
    # Seed 002: the documents the events page names (a regional document, a protocol, two
    # guidelines, two work plans, a campaign).
    assert per_seed[S002] == 7
    assert per_seed[S003] == 3  # the Strategic Plan, the Draft Charter, the XXIV declaration
    # Seed 004: the Plan of Action, its historical part, two networks' work plans, the IOM
    # manual, the comparative matrix, the airfares report, the guidelines on repatriation.
    assert per_seed[S004] == 8
    assert Document.objects.filter(slug__in=[r["slug"] for r in records()]).count() == 29
    kinds = Counter(record["kind"] for record in records())
    assert kinds == {
        "guideline": 11,
        "work_plan": 5,
        "declaration": 3,
        "plan": 3,
        "other": 3,
        "manual": 1,
        "matrix": 1,
        "report": 1,
        "campaign": 1,
    }


def test_every_record_is_loaded_public():
    documents = Document.objects.filter(slug__in=[r["slug"] for r in records()])
    assert set(documents.values_list("audience", flat=True)) == {"public"}


def test_a_year_only_where_the_seed_states_one():
    for record in records():
        document = Document.objects.get(slug=record["slug"])
        assert document.year == DATED.get(record["slug"]), record["slug"]
        if document.year and not document.is_inferred("year"):
            assert str(document.year) in evidence_text(record), record["slug"]
    # The one day the seeds give: the update of the Plan of Action.
    dated = Document.objects.filter(date__isnull=False)
    assert [(d.slug, d.date.isoformat()) for d in dated] == [("plan-of-action", "2009-11-13")]
    assert "November 13, 2009" in Document.objects.get(slug="plan-of-action").evidence
    # A meeting's year is not its document's: the seminar of 2003, the Vancouver RCGM of 2005,
    # the Strategic Plan reviewed in 2019.
    for slug in [
        "regional-work-plan-smuggling-trafficking",
        "report-reduced-airfares",
        "strategic-plan-2019-2022",
        "guidelines-unaccompanied-children-attention",
    ]:
        document = Document.objects.get(slug=slug)
        assert document.year is None and document.note_en and document.note_es, slug


def test_the_seeds_give_no_spanish_title_and_none_is_invented():
    for record in records():
        assert set(record["title"]) == {"en"}, record["slug"]
    for document in Document.objects.filter(slug__in=[r["slug"] for r in records()]):
        assert document.title_en and document.title_es == "", document.slug


def test_meetings_and_themes_are_stated_in_the_evidence_or_marked_inferred():
    """The rule the directory's tests apply to `stated` fields, for the two fields not written
    the way the seeds write them: a meeting by the meeting record's title or one of its quotes,
    a theme by the Plan of Action topic it comes under."""
    for record in records():
        evidence = evidence_text(record)
        inferred = as_list(record.get("inferred", []))
        if record.get("meeting") and "meeting" not in inferred:
            meeting = Meeting.objects.get(slug=record["meeting"])
            quotes = [normalise(q).lower() for q in meeting.evidence.splitlines() if q.strip()]
            assert normalise(meeting.title_en).lower() in evidence or any(
                quote in evidence for quote in quotes
            ), record["slug"]
        if record.get("theme"):
            topics = [topic for topic in TOPICS if topic.lower() in evidence]
            assert [TOPICS[topic] for topic in topics] == [record["theme"]], record["slug"]
        if inferred:
            assert record["note"]["es"] and record["note"]["en"], record["slug"]


def test_sample_fields():
    gcm = Document.objects.get(slug="special-declaration-gcm-2017")
    assert (gcm.kind, gcm.year, gcm.body.slug, gcm.meeting.slug) == (
        "declaration",
        2017,
        "vice-ministerial-meeting",
        "xxii-rcm",
    )
    assert gcm.inferred_fields == {"meeting"} and "XXII" in gcm.note_en and "XXII" in gcm.note_es
    assert gcm.source == S001 and gcm.theme == ""

    plan = Document.objects.get(slug="counter-smuggling-work-plan")
    assert (plan.kind, plan.body.slug, plan.meeting.slug, plan.year) == (
        "work_plan",
        "network-smuggling-trafficking",
        "counter-smuggling-workplan",
        None,
    )
    assert plan.source.splitlines() == [S002, S001] and not plan.inferred_fields

    matrix = Document.objects.get(slug="comparative-matrix")
    assert (matrix.kind, matrix.theme, matrix.body.slug, matrix.meeting) == (
        "matrix",
        Theme.POLICY,
        "rcgm",
        None,
    )
    assert matrix.is_inferred("title") and not matrix.is_inferred("theme")
    assert "bi-annually" in matrix.summary_en and "bi-annually" in matrix.summary_es

    consular = Document.objects.get(slug="work-plan-consular-network")
    assert (consular.theme, consular.body.slug) == (Theme.RIGHTS, "network-consular-protection")
    assert consular.inferred_fields == {"title", "body", "theme"}

    strategic = Document.objects.get(slug="strategic-plan-2019-2022")
    assert strategic.title_en == "Conference Strategic Plan 2019-2022"
    assert (strategic.kind, strategic.meeting.slug, strategic.body) == (
        "plan",
        "rcgm-2019-guatemala",
        None,
    )


def page(client, document: Document, language: str = "en") -> str:
    with translation.override(language):
        url = reverse("documents:document", kwargs={"slug": document.slug})
    response = client.get(url)
    assert response.status_code == 200, document.slug
    return html.unescape(response.content.decode())


def test_each_document_page_answers_and_says_what_is_not_given(client):
    documents = Document.objects.filter(slug__in=[r["slug"] for r in records()])
    assert documents.count() == 29
    for document in documents:
        shown = page(client, document)
        assert document.title_en in shown
        empty = [document.year is None, document.body is None, document.theme == ""]
        assert shown.count("not given") == sum(empty), document.slug
        assert "Puebla holds no file of this document" in shown
    # Every field empty: the guidelines the events page cites, with neither year nor body.
    cited = Document.objects.get(slug="guidelines-established-by-the-rcm")
    assert page(client, cited).count("not given") == 3


def test_the_spanish_page_shows_the_english_title_as_english(client):
    document = Document.objects.get(slug="guidelines-women-2018")
    shown = page(client, document, "es")
    assert "Guidelines on Assistance and Protection of Women in the Context of Migration" in shown
    assert 'lang="en"' in shown


def test_a_second_load_changes_nothing():
    report = load_dataset(rcm.FOLDER, dataset.FILES)
    assert not report.changed
    assert report.unchanged["documents"] == 29
