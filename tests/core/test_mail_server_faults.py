"""Mail against a real SMTP conversation on loopback (tests/core/smtp_server.py), through
Django's SMTP backend as production sends it: a server that refuses, one that never answers,
then one that accepts. Each failure is recorded with its next try; the message arrives once,
with one Message-ID."""

import datetime

import pytest
from django.utils import timezone

from puebla.core import mail, mail_delivery
from puebla.core.models import OutgoingMail
from tests.core.smtp_server import SmtpServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    started = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", started.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    yield started
    started.close()


def queued() -> OutgoingMail:
    return mail.mail_queue(to=["focal@example.org"], subject="[RCM] Reminder", body="Hola")


@pytest.mark.parametrize(
    ("mode", "error"),
    [(SmtpServer.REFUSE, "SMTPSenderRefused"), (SmtpServer.SILENT, "timed out")],
)
def test_a_refusing_or_silent_server_delays_the_message_and_a_later_try_sends_it_once(
    server, mode, error
):
    server.mode = mode
    stored = queued()
    now = timezone.now()
    assert mail_delivery.deliver(stored.pk, now=now) is False
    stored.refresh_from_db()
    assert stored.state == OutgoingMail.State.FAILED
    assert error in stored.last_error
    assert server.messages == []
    server.mode = SmtpServer.ACCEPT
    due = stored.next_attempt_at
    assert due == now + datetime.timedelta(minutes=5)
    assert mail_delivery.deliver(stored.pk, now=due) is True
    assert mail_delivery.deliver(stored.pk, now=due) is False
    [message] = server.messages
    assert message["Subject"] == "[RCM] Reminder"
    assert message["To"] == "focal@example.org"
    assert message["Message-ID"] == mail_delivery.message_id(stored)
