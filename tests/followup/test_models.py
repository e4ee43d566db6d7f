"""The follow-up's records: what they refuse, and the trace from a Vice-Ministerial meeting to
the evidence a country sent (meeting → declaration → commitment → Plan of Action item →
request → answers → files), followed in both directions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from puebla.followup.declarations.services import commitment_create, declaration_create
from puebla.followup.models import Answer, Declaration, InputRequest, ReminderRule, SentReminder
from puebla.followup.requests import services
from puebla.planning.models import GcmObjective, Item, Plan
from tests.followup.factories import country, make_request, pdf, person
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_a_declaration_belongs_to_a_vice_ministerial_meeting():
    ts = person(None)
    with pytest.raises(ValidationError, match="Vice"):
        declaration_create(meeting=make_meeting(kind="rcgm"), by=ts, title_en="X")
    with pytest.raises(ValidationError, match="Solo la Secretaría Técnica registra declaraciones"):
        declaration_create(
            meeting=make_meeting(kind="vice_ministerial"), by=person("CR", focal=True), title_en="X"
        )
    assert not Declaration.objects.exists()


def test_commitment_numbers_are_unique_per_declaration():
    ts = person(None)
    declaration = declaration_create(
        meeting=make_meeting(kind="vice_ministerial"), by=ts, title_en="Declaration"
    )
    commitment_create(declaration=declaration, by=ts, number="1", text_en="One")
    with pytest.raises(ValidationError, match="ya tiene un compromiso 1"):
        commitment_create(declaration=declaration, by=ts, number="1", text_es="Uno")
    with pytest.raises(ValidationError, match="Indique el texto en español, en inglés o en ambos"):
        commitment_create(declaration=declaration, by=ts, number="2")  # no text


def test_a_reminder_is_stamped_once_by_the_database():
    request = make_request(by=person(None))
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    stamp = {"request": request, "country": country("CR"), "scheduled_for": request.due_date}
    SentReminder.objects.create(**stamp, sent_at=now)
    with pytest.raises(IntegrityError):
        SentReminder.objects.create(**stamp, sent_at=now)


def test_rule_dates_and_the_close():
    rule = ReminderRule(offset_days=7, repeat_days=7)
    due = datetime.date(2026, 3, 1)
    assert rule.dates(due, datetime.date(2026, 3, 22)) == [
        datetime.date(2026, 3, 8),
        datetime.date(2026, 3, 15),
        datetime.date(2026, 3, 22),
    ]
    assert ReminderRule(offset_days=-3).dates(due, datetime.date(2026, 2, 25)) == []
    request = InputRequest(due_date=due, late_rule="closed")
    # Answers are on time until the end of the due date in San José (UTC-6).
    assert request.closes_at.isoformat() == "2026-03-02T00:00:00-06:00"
    assert not request.is_closed(datetime.datetime(2026, 3, 2, 5, 59, tzinfo=datetime.UTC))
    assert request.is_closed(datetime.datetime(2026, 3, 2, 6, 0, tzinfo=datetime.UTC))


def test_one_answer_per_request_and_country():
    request = make_request(by=person(None))
    Answer.objects.create(request=request, owner_country=country("CR"))
    with pytest.raises(IntegrityError):
        Answer.objects.create(request=request, owner_country=country("CR"))


def test_the_trace_from_meeting_to_evidence():
    ts, cr = person(None), person("CR", focal=True)
    meeting = make_meeting(kind="vice_ministerial", title_en="XXV Vice-Ministerial Meeting")
    plan = Plan.objects.create(slug="trace-plan", title_en="Plan")
    theme = Item.objects.create(plan=plan, level=Item.Level.THEME, position=1, key="policy")
    item = Item.objects.create(
        plan=plan,
        parent=theme,
        level=Item.Level.ACTION,
        position=2,
        key="policy/1.2.1",
        number="1.2.1",
    )
    objective = GcmObjective.objects.get_or_create(number=23, defaults={"title_en": "Cooperation"})[
        0
    ]
    declaration = declaration_create(meeting=meeting, by=ts, title_en="Declaration")
    commitment = commitment_create(
        declaration=declaration,
        by=ts,
        number="4",
        text_en="Share changes to migration legislation.",
        theme="policy",
        plan_items=[item],
        gcm_objectives=[objective],
        responsible_countries=[country("CR")],
    )
    request = make_request(by=ts, commitments=[commitment], codes=("CR",), title_en="", title_es="")
    answer = services.answer_submit(
        request=request, country=country("CR"), by=cr, text="See the law.", uploads=[pdf()]
    )

    # Forwards: meeting → declaration → commitment → item / request → answer → file.
    found = (
        meeting.declarations.get()
        .commitments.get()
        .requests.get()
        .answers.get(owner_country=country("CR"))
        .files.get()
    )
    assert found.answer == answer and found.original_name == "answer.pdf"
    assert list(commitment.plan_items.all()) == [item]
    assert list(commitment.gcm_objectives.all()) == [objective]
    assert request.title_in("en").startswith("4. Share changes")  # named by its commitment
    # Backwards: the evidence leads to the meeting; the plan item to its commitments.
    assert found.answer.request.commitments.get().declaration.meeting == meeting
    assert list(item.commitments.all()) == [commitment]
