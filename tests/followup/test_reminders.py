"""Reminders across time on a given clock: the default schedule (14 and 3 days before, on the
day, weekly after), only to countries that have not submitted, in each recipient's language
with the due date and the link, once whatever runs again; escalation; the digest."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from puebla.followup.models import (
    HeadOfDelegation,
    InputRequest,
    ReminderPreference,
    SentReminder,
)
from puebla.followup.requests import reminders, services
from puebla.followup.requests.links import request_link
from tests.followup.factories import country, make_request, person

pytestmark = pytest.mark.django_db


def today():
    """Read when a test asks: a date read at import is stale once the run crosses midnight."""
    return timezone.localdate()


def at(days: int, hour: int = 9) -> datetime.datetime:
    """A moment `days` after today, in the secretariat's time zone."""
    day = today() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def run(days: int, capture) -> list:
    mail.outbox.clear()
    with capture(execute=True):
        reminders.reminders_send(now=at(days))
    return list(mail.outbox)


@pytest.fixture
def people():
    return {
        "ts": person(None),
        "cr": person("CR", focal=True, language="es"),
        "gt": person("GT", focal=True, language="en"),
    }


def test_the_default_schedule_across_time(people, django_capture_on_commit_callbacks):
    request = make_request(by=people["ts"], due_in=30, title_en="Law changes")
    sent_on = {}
    for day in range(0, 60):
        messages = run(day, django_capture_on_commit_callbacks)
        if messages:
            sent_on[day] = sorted(message.to[0] for message in messages)
    both = sorted([people["cr"].email, people["gt"].email])
    assert sent_on == {16: both, 27: both, 30: both, 37: both, 44: both, 51: both, 58: both}
    assert SentReminder.objects.filter(request=request).count() == 14


def test_mail_in_the_recipients_language_with_due_date_and_link(
    people, django_capture_on_commit_callbacks
):
    request = make_request(by=people["ts"], due_in=4, title_es="Leyes", title_en="Laws")
    to = {message.to[0]: message for message in run(1, django_capture_on_commit_callbacks)}
    due = request.due_date
    spanish, english = to[people["cr"].email], to[people["gt"].email]
    assert spanish.subject.startswith("[CRM] Recordatorio: Leyes (fecha límite: ")
    assert f"{due.day} de " in spanish.subject
    assert "Costa Rica aún no ha enviado su respuesta" in spanish.body
    assert request_link(request.pk, "es") in spanish.body
    assert english.subject.startswith("[RCM] Reminder: Laws (due ")
    assert str(due.year) in english.subject
    assert "Guatemala has not yet submitted its answer" in english.body
    assert request_link(request.pk, "en") in english.body


def test_overdue_wording_and_escalation_to_the_head(people, django_capture_on_commit_callbacks):
    HeadOfDelegation.objects.create(
        country=country("GT"), full_name="Jefa", email="head-gt@example.org", language="en"
    )
    make_request(by=people["ts"], due_in=1, escalate_to_head=True, title_en="Laws")
    before = {m.to[0] for m in run(1, django_capture_on_commit_callbacks)}  # on the due date
    assert "head-gt@example.org" not in before
    after = {m.to[0]: m for m in run(8, django_capture_on_commit_callbacks)}
    assert after["head-gt@example.org"].subject.startswith("[RCM] Overdue: Laws")
    assert "has passed and Guatemala has not submitted" in after["head-gt@example.org"].body


def test_who_is_reminded_is_configurable(people, django_capture_on_commit_callbacks):
    official = person("CR", language="en")
    make_request(by=people["ts"], codes=("CR",), due_in=4, remind_officials=True)
    assert {m.to[0] for m in run(1, django_capture_on_commit_callbacks)} == {
        people["cr"].email,
        official.email,
    }


def test_configured_schedule_and_text(people, django_capture_on_commit_callbacks):
    request = make_request(
        by=people["ts"],
        codes=("GT",),
        due_in=10,
        schedule=[(-5, None)],
        reminder_text_en="Please use the template.",
    )
    assert [d for d in range(0, 20) if run(d, django_capture_on_commit_callbacks)] == [5]
    services.reminder_schedule_set(request=request, by=people["ts"], schedule=[(-1, None)])
    messages = []
    for day in range(5, 20):
        messages += run(day, django_capture_on_commit_callbacks)
    assert len(messages) == 1 and "Please use the template." in messages[0].body


def test_submitted_countries_are_not_reminded(people, django_capture_on_commit_callbacks):
    request = make_request(by=people["ts"], due_in=4)
    services.answer_submit(request=request, country=country("CR"), by=people["cr"], text="Hecho")
    assert [m.to[0] for m in run(1, django_capture_on_commit_callbacks)] == [people["gt"].email]


def test_a_returned_answer_is_reminded_again(people, django_capture_on_commit_callbacks):
    request = make_request(by=people["ts"], codes=("CR",), due_in=4)
    answer = services.answer_submit(
        request=request, country=country("CR"), by=people["cr"], text="Hecho"
    )
    services.answer_return(answer=answer, by=people["ts"], comment="Falta la fecha.")
    assert [m.to[0] for m in run(1, django_capture_on_commit_callbacks)] == [people["cr"].email]


def test_running_again_sends_nothing_and_a_missed_day_sends_one(
    people, django_capture_on_commit_callbacks
):
    make_request(by=people["ts"], codes=("GT",), due_in=30)
    assert run(20, django_capture_on_commit_callbacks) != []  # day 16's reminder, late, once
    assert run(20, django_capture_on_commit_callbacks) == []
    assert run(21, django_capture_on_commit_callbacks) == []
    with django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        call_command("send_followup_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


def test_closed_requests_stop_reminding_after_the_close(people, django_capture_on_commit_callbacks):
    make_request(by=people["ts"], codes=("GT",), due_in=4, late_rule="closed")
    days = [d for d in range(0, 30) if run(d, django_capture_on_commit_callbacks)]
    assert days == [1, 4]  # day -14 is before the request was made; none after the close


def test_digest_one_mail_for_all_pending_requests(people, django_capture_on_commit_callbacks):
    ReminderPreference.objects.create(user=people["gt"], digest=True)
    first = make_request(by=people["ts"], due_in=4, title_en="First")
    second = make_request(by=people["ts"], due_in=4, title_en="Second")
    later = make_request(by=people["ts"], due_in=40, title_en="Later")
    messages = run(1, django_capture_on_commit_callbacks)
    to_gt = [m for m in messages if m.to == [people["gt"].email]]
    assert len(to_gt) == 1
    digest = to_gt[0]
    assert digest.subject == "[RCM] Pending requests for input: 3"
    for request in (first, second, later):
        assert request.title_en in digest.body
        assert request_link(request.pk, "en") in digest.body
    # The focal point who did not choose it gets one mail a request.
    assert len([m for m in messages if m.to == [people["cr"].email]]) == 2
    assert run(1, django_capture_on_commit_callbacks) == []  # once a day


def test_a_digest_lost_to_a_failed_run_goes_with_the_next_one(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    """The run stamps its reminders, then fails before the digest (the worker killed, say):
    the next run, the next morning, owes the reader that digest and sends it, once."""
    ReminderPreference.objects.create(user=people["gt"], digest=True)
    make_request(by=people["ts"], due_in=4, title_en="First")
    mail_digest = reminders._mail_digest

    def fails(*args, **kwargs):
        raise ConnectionError("the worker died here")

    monkeypatch.setattr(reminders, "_mail_digest", fails)
    with pytest.raises(ConnectionError):
        run(1, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[people["cr"].email]]  # her reminder went
    monkeypatch.setattr(reminders, "_mail_digest", mail_digest)
    messages = run(2, django_capture_on_commit_callbacks)
    assert [(m.to, m.subject) for m in messages] == [
        ([people["gt"].email], "[RCM] Pending requests for input: 1")
    ]
    assert run(3, django_capture_on_commit_callbacks) == []


def test_puebla_send_reminders_runs_the_follow_up_too(people, django_capture_on_commit_callbacks):
    from puebla.cli import main

    request = make_request(by=people["ts"], codes=("GT",), due_in=30)
    # Made a month ago, due in three days: its "3 days before" reminder is due today.
    InputRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30),
        due_date=today() + datetime.timedelta(days=3),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        main(["send-reminders"])
    assert [m.to for m in mail.outbox] == [[people["gt"].email]]
    assert mail.outbox[0].subject.startswith("[RCM] Reminder: ")


def test_reminder_settings_changed_after_creation(people, django_capture_on_commit_callbacks):
    head = services.head_of_delegation_set(
        country=country("GT"), by=people["ts"], full_name="Jefe", email="Head-GT@example.org"
    )
    assert head.email == "head-gt@example.org"
    request = make_request(by=people["ts"], codes=("GT",), due_in=4)
    services.reminder_schedule_set(
        request=request, by=people["ts"], remind_head=True, reminder_text_en="Use the template."
    )
    assert request.reminder_rules.count() == 4  # the schedule is left as it was
    to = {m.to[0]: m for m in run(1, django_capture_on_commit_callbacks)}
    assert set(to) == {people["gt"].email, "head-gt@example.org"}
    assert "Use the template." in to[people["gt"].email].body
    assert to["head-gt@example.org"].subject.startswith("[CRM] Recordatorio")  # head's language
    with pytest.raises(ValidationError, match="Solo la Secretaría Técnica designa a los jefes"):
        services.head_of_delegation_set(
            country=country("GT"), by=people["gt"], full_name="X", email="x@example.org"
        )


def test_digest_is_for_focal_points(people):
    assert services.digest_preference_set(user=people["gt"], digest=True).digest
    assert not services.digest_preference_set(user=people["gt"], digest=False).digest
    with pytest.raises(ValidationError, match="El resumen es para los puntos focales"):
        services.digest_preference_set(user=person("GT"), digest=True)
