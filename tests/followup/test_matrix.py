"""The comparative matrix: countries by topics for a cycle, and what changed since the
previous cycle (topics matched by key), from submitted entries only."""

import pytest
from django.core.exceptions import ValidationError

from puebla.followup.matrix import services as matrix_services
from puebla.followup.matrix.comparison import matrix_of
from puebla.followup.models import MatrixEntry
from tests.followup.factories import country, person
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cycles():
    ts = person(None)
    first_meeting = make_meeting(
        kind="rcgm", start_date="2024-03-01", start_precision="day", title_en="RCGM March"
    )
    second_meeting = make_meeting(
        kind="rcgm", start_date="2024-10-01", start_precision="day", title_en="RCGM October"
    )
    first = matrix_services.cycle_create(meeting=first_meeting, by=ts)
    matrix_services.topic_add(cycle=first, by=ts, key="asylum", title_es="Asilo", title_en="Asylum")
    matrix_services.topic_add(
        cycle=first, by=ts, key="labour", title_es="Trabajo", title_en="Labour"
    )
    second = matrix_services.cycle_create(meeting=second_meeting, by=ts)
    return ts, first, second


def test_a_new_cycle_follows_the_previous_and_takes_its_topics(two_cycles):
    _ts, first, second = two_cycles
    assert second.previous == first
    assert [t.key for t in second.topics.all()] == ["asylum", "labour"]


def test_matrix_and_its_diff_between_cycles(two_cycles):
    _ts, first, second = two_cycles
    cr, gt = person("CR", focal=True), person("GT", focal=True)
    old = {t.key: t for t in first.topics.all()}
    new = {t.key: t for t in second.topics.all()}
    matrix_services.entry_save(
        topic=old["asylum"], country=country("CR"), by=cr, policy="Ley A", submit=True
    )
    matrix_services.entry_save(
        topic=old["labour"], country=country("CR"), by=cr, legislation="Decreto 1", submit=True
    )
    matrix_services.entry_save(
        topic=new["asylum"], country=country("CR"), by=cr, policy="Ley A", submit=True
    )
    matrix_services.entry_save(
        topic=new["labour"], country=country("CR"), by=cr, legislation="Decreto 2", submit=True
    )
    matrix_services.entry_save(
        topic=new["asylum"], country=country("GT"), by=gt, regulations="R", submit=True
    )
    matrix_services.entry_save(
        topic=new["labour"], country=country("GT"), by=gt, policy="draft only"
    )

    table = matrix_of(second)
    assert len(table.countries) == 11  # every member state has a row
    costa_rica, guatemala = country("CR"), country("GT")
    topic = {t.key: t for t in table.topics}
    assert table.cell(costa_rica, topic["asylum"]).changes == {
        "policy": "unchanged",
        "legislation": "",
        "regulations": "",
    }
    labour = table.cell(costa_rica, topic["labour"])
    assert labour.changes["legislation"] == "changed"
    assert (labour.text("legislation"), labour.previous_text("legislation")) == (
        "Decreto 2",
        "Decreto 1",
    )
    assert table.cell(guatemala, topic["asylum"]).changes["regulations"] == "new"
    assert table.cell(guatemala, topic["labour"]).entry is None  # a draft is not in the matrix
    assert not table.cell(costa_rica, topic["asylum"]).changed
    assert labour.changed


def test_withdrawn_text_is_shown_as_such(two_cycles):
    ts, first, second = two_cycles
    old = first.topics.get(key="asylum")
    new = second.topics.get(key="asylum")
    matrix_services.entry_save(
        topic=old, country=country("MX"), by=ts, policy="Programa", submit=True
    )
    matrix_services.entry_save(
        topic=new, country=country("MX"), by=ts, legislation="Ley", submit=True
    )
    cell = matrix_of(second).cell(country("MX"), new)
    assert cell.changes == {"policy": "withdrawn", "legislation": "new", "regulations": ""}


def test_a_submitted_entry_edited_again_is_a_draft_not_in_the_matrix(two_cycles):
    _ts, first, _second = two_cycles
    topic = first.topics.get(key="asylum")
    cr = person("CR", focal=True)
    matrix_services.entry_save(
        topic=topic, country=country("CR"), by=cr, policy="Ley A", submit=True
    )
    matrix_services.entry_save(topic=topic, country=country("CR"), by=cr, policy="Ley B, a draft")
    assert matrix_of(first).cell(country("CR"), topic).entry is None


def test_entries_are_country_owned_and_checked(two_cycles):
    ts, first, _second = two_cycles
    topic = first.topics.get(key="asylum")
    cr, gt = person("CR", focal=True), person("GT", focal=True)
    entry = matrix_services.entry_save(topic=topic, country=country("CR"), by=cr, policy="x")
    assert set(MatrixEntry.objects.visible_to(gt)) == set()
    assert set(MatrixEntry.objects.visible_to(cr)) == {entry}
    with pytest.raises(ValidationError, match="Solo los puntos focales de Costa Rica"):
        matrix_services.entry_save(topic=topic, country=country("CR"), by=gt, policy="y")
    with pytest.raises(ValidationError, match="Indique qué cambió"):
        matrix_services.entry_save(topic=topic, country=country("CR"), by=cr, submit=True)
    with pytest.raises(ValidationError, match="pertenece a una reunión del GRCM"):
        matrix_services.cycle_create(meeting=make_meeting(kind="workshop"), by=ts)
    with pytest.raises(ValidationError, match="ya tiene su ciclo de la matriz"):
        matrix_services.cycle_create(meeting=first.meeting, by=ts)


def test_publishing_opens_submitted_entries_and_ends_their_editing(two_cycles):
    ts, first, _second = two_cycles
    topic = first.topics.get(key="asylum")
    cr, gt = person("CR", focal=True), person("GT", focal=True)
    submitted = matrix_services.entry_save(
        topic=topic, country=country("CR"), by=cr, policy="x", submit=True
    )
    draft = matrix_services.entry_save(topic=topic, country=country("MX"), by=ts, policy="y")
    with pytest.raises(ValidationError, match="Solo la Secretaría Técnica publica la matriz"):
        matrix_services.cycle_publish(cycle=first, by=cr, audience="members")
    assert matrix_services.cycle_publish(cycle=first, by=ts, audience="members") == 1
    assert set(MatrixEntry.objects.visible_to(gt)) == {submitted}  # not Mexico's draft
    assert draft not in MatrixEntry.objects.visible_to(gt)
    with pytest.raises(ValidationError, match="La matriz se publicó"):
        matrix_services.entry_save(topic=topic, country=country("CR"), by=cr, policy="changed")
