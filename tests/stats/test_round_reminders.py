"""A statistics round is reminded as any request for input, on the suite's clock: three days
before its due date both countries are reminded; once Costa Rica has uploaded and submitted
its figures, only Guatemala is, and the follow-up's completeness counts Costa Rica's as
received and on time."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from puebla.followup.requests import completeness, reminders
from puebla.followup.requests import services as requests
from puebla.stats import services
from puebla.stats.models import DataStructure
from tests.followup.factories import country, person
from tests.stats.conftest import RETURNS
from tests.stats.files import csv_file, figures

pytestmark = pytest.mark.django_db


def at(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def test_reminders_and_completeness_of_a_round(secretariat, django_capture_on_commit_callbacks):
    costa_rica = person("CR", focal=True, language="es")
    guatemala = person("GT", focal=True, language="en")
    round = services.round_create(
        by=secretariat,
        structure=DataStructure.objects.get(key="RETURNS"),
        period_start="2026-Q1",
        period_end="2026-Q1",
        due_date=timezone.localdate() + datetime.timedelta(days=10),
        countries=[country("CR"), country("GT")],
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_send(now=at(7))  # three days before the due date
    reminded = {message.to[0]: message for message in mail.outbox}
    assert set(reminded) == {costa_rica.email, guatemala.email}
    assert "Returns by country of return, sex and age: 2026-Q1" in reminded[guatemala.email].subject

    services.submission_upload(
        round=round,
        country=country("CR"),
        by=costa_rica,
        upload=csv_file(figures(RETURNS, ["2026-Q1"])),
    )
    requests.answer_submit(request=round.request, country=country("CR"), by=costa_rica)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_send(now=at(10))  # the due date
    assert [message.to[0] for message in mail.outbox] == [guatemala.email]
    counts = completeness.completeness(now=at(11))
    assert counts.per_country[country("CR").pk].received == 1
    assert counts.per_country[country("CR").pk].on_time == 1
    assert counts.per_country[country("GT").pk].received == 0
