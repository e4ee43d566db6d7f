"""Mail through the job queue: after commit, with attachments, retried, never sent twice."""

import datetime

import pytest
from django.core import mail as outbox
from django.db import transaction
from django.utils import timezone

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


def test_a_message_a_worker_was_sending_is_sent_again_only_once_its_lease_is_over():
    """A worker that took a message and died holding it: within the lease, another job may be
    the live worker's duplicate and leaves it; after it, the message goes, once."""
    stored = queue()
    taken = timezone.now()
    OutgoingMail.objects.filter(pk=stored.pk).update(
        state=OutgoingMail.State.SENDING, claimed_at=taken, attempts=1
    )
    within = taken + mail_delivery.CLAIM_LEASE - datetime.timedelta(seconds=1)
    assert mail_delivery.due_mail_ids(now=within) == []
    assert mail_delivery.deliver(stored.pk, now=within) is False
    after = taken + mail_delivery.CLAIM_LEASE + datetime.timedelta(seconds=1)
    assert mail_delivery.due_mail_ids(now=after) == [stored.pk]
    assert mail_delivery.deliver(stored.pk, now=after) is True
    assert mail_delivery.deliver(stored.pk, now=after) is False
    [message] = outbox.outbox
    assert message.extra_headers["Message-ID"] == mail_delivery.message_id(stored)
    stored.refresh_from_db()
    assert (stored.state, stored.attempts) == (OutgoingMail.State.SENT, 2)


def test_a_failed_send_is_tried_again_when_due_and_then_sent_once(settings):
    settings.EMAIL_BACKEND = "tests.core.flaky_mail.FlakyBackend"
    FlakyBackend.refusals_left = 1
    stored = queue()
    now = timezone.now()
    assert mail_delivery.deliver(stored.pk, now=now) is False
    stored.refresh_from_db()
    assert stored.state == OutgoingMail.State.FAILED
    assert "SMTPServerDisconnected" in stored.last_error
    assert stored.next_attempt_at == now + datetime.timedelta(minutes=5)
    assert outbox.outbox == []
    early = now + datetime.timedelta(minutes=4)
    assert mail_delivery.due_mail_ids(now=early) == []
    assert mail_delivery.deliver(stored.pk, now=early) is False  # a stray job changes nothing
    due = now + datetime.timedelta(minutes=5)
    assert mail_delivery.due_mail_ids(now=due) == [stored.pk]
    assert mail_delivery.deliver(stored.pk, now=due) is True
    stored.refresh_from_db()
    assert (stored.state, stored.attempts, stored.last_error) == (OutgoingMail.State.SENT, 2, "")
    assert mail_delivery.deliver(stored.pk, now=due) is False
    assert len(outbox.outbox) == 1


def test_the_tries_back_off_and_stop_after_a_day(settings):
    settings.EMAIL_BACKEND = "tests.core.flaky_mail.FlakyBackend"
    FlakyBackend.refusals_left = mail_delivery.MAX_ATTEMPTS
    stored = queue()
    now, waits = timezone.now(), []
    for _try in range(mail_delivery.MAX_ATTEMPTS - 1):
        assert mail_delivery.deliver(stored.pk, now=now) is False
        stored.refresh_from_db()
        waits.append(int((stored.next_attempt_at - now).total_seconds() // 60))
        now = stored.next_attempt_at
    assert waits == [5, 15, 45, 135, 360, 360, 360]
    assert mail_delivery.deliver(stored.pk, now=now) is False
    stored.refresh_from_db()
    assert (stored.state, stored.attempts) == (OutgoingMail.State.GAVE_UP, 8)
    assert stored.next_attempt_at is None
    assert mail_delivery.due_mail_ids(now=now + datetime.timedelta(days=30)) == []
    assert outbox.outbox == []


def test_mail_written_while_the_queue_was_down_is_found_again():
    stored = queue()
    sent = queue(to=["luis@example.org"])
    mail_delivery.deliver(sent.pk)
    now = timezone.now()
    assert mail_delivery.due_mail_ids(now=now) == []
    assert mail_delivery.due_mail_ids(now=now + mail_delivery.LOST_AFTER) == [stored.pk]
