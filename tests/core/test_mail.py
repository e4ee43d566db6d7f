"""Mail through the job queue: after commit, with attachments, retried, never sent twice."""

import datetime

import pytest
from django.core import mail as outbox
from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from puebla.core import mail, mail_delivery
from puebla.core.models import OutgoingMail
from tests.core.flaky_mail import FlakyBackend

pytestmark = pytest.mark.django_db


def queue(**overrides):
    fields = {
        "to": ["Ana@Example.org", "ana@example.org", ""],
        "subject": "[RCM] Your nomination",
        "body": "Hello",
    }
    return mail.mail_queue(**(fields | overrides))


def test_mail_leaves_after_commit_once_per_address_with_its_attachment(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        queue(
            attachments=[("meeting.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")]
        )
        assert outbox.outbox == []  # nothing before the transaction commits
    [message] = outbox.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "[RCM] Your nomination"
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("meeting.ics", "text/calendar")
    assert content.startswith("BEGIN:VCALENDAR")
    stored = OutgoingMail.objects.get()
    assert stored.state == OutgoingMail.State.SENT
    assert stored.sent_at is not None


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue()
        raise RuntimeError("the change failed")
    assert outbox.outbox == []
    assert not OutgoingMail.objects.exists()


def test_delivering_twice_sends_once():
    stored = queue()
    assert mail_delivery.deliver(stored.pk) is True
    assert mail_delivery.deliver(stored.pk) is False
    assert len(outbox.outbox) == 1


def test_a_message_caught_mid_send_is_not_sent_again():
    stored = queue()
    OutgoingMail.objects.filter(pk=stored.pk).update(state=OutgoingMail.State.SENDING)
    assert mail_delivery.deliver(stored.pk) is False
    assert outbox.outbox == []


def test_a_failed_send_is_retried_by_the_queue_and_then_sent_once(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.flaky_mail.FlakyBackend"
    FlakyBackend.refusals_left = 1
    HUEY.flush()
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue()
    stored.refresh_from_db()
    assert stored.state == OutgoingMail.State.FAILED
    assert "SMTPServerDisconnected" in stored.last_error
    assert outbox.outbox == []
    # The queue kept the job for a later try: run it now, as the consumer would when due.
    [retry] = HUEY.scheduled()
    assert retry.retries == 4
    HUEY.execute(retry, timestamp=retry.eta)
    stored.refresh_from_db()
    assert (stored.state, stored.attempts) == (OutgoingMail.State.SENT, 2)
    assert len(outbox.outbox) == 1
    HUEY.execute(retry, timestamp=retry.eta)  # a duplicate of the job changes nothing
    assert len(outbox.outbox) == 1


def test_mail_written_while_the_queue_was_down_is_found_again():
    stored = queue()
    sent = queue(to=["luis@example.org"])
    mail_delivery.deliver(sent.pk)
    assert mail_delivery.stale_mail_ids(older_than=datetime.timedelta(minutes=15)) == []
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    OutgoingMail.objects.update(created_at=an_hour_ago)
    assert mail_delivery.stale_mail_ids(older_than=datetime.timedelta(minutes=15)) == [stored.pk]
