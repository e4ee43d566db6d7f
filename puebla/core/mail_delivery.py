"""Sending a queued message (puebla.core.mail) from the job queue's worker: retried with
backoff until sent, and sent once.

`deliver` claims the message before sending it (one conditional UPDATE, so two jobs for one
message cannot both win). A refused or timed-out send is marked failed with the time of its
next try, further apart each time (`retry_delay`); after MAX_ATTEMPTS it is given up and the
admin shows it. A message whose worker died holding it (claimed longer than CLAIM_LEASE ago) is
sent again. The worker's periodic job (`requeue_due_mail` in puebla.core.tasks) enqueues what
is due: the database, not the queue, holds the schedule.

Once: a send that the mail server accepted is never repeated, except when the worker died
between the server's answer and the record of it. The message then goes again with the same
Message-ID header, which mail servers and clients use to recognise a duplicate.
"""

import datetime
import logging
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from puebla.core.models import OutgoingMail

logger = logging.getLogger("puebla.core.mail")

# Far longer than a send may take (EMAIL_TIMEOUT bounds each step of the conversation).
CLAIM_LEASE = datetime.timedelta(minutes=10)
# A message enqueued this long ago and still waiting lost its job (the queue was down).
LOST_AFTER = datetime.timedelta(minutes=15)
FIRST_RETRY = datetime.timedelta(minutes=5)
LONGEST_RETRY = datetime.timedelta(hours=6)
# 5, 15 and 45 minutes, 2 h 15, then every 6 hours: given up after about a day.
MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long after its `attempts`-th failed try a message is tried again."""
    return min(FIRST_RETRY * 3 ** (attempts - 1), LONGEST_RETRY)


def deliver(mail_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Send the message if it is due; True when this call sent it."""
    now = now or timezone.now()
    claimed = (
        OutgoingMail.objects.filter(pk=mail_id)
        .filter(_due(now))
        .update(state=OutgoingMail.State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        headers={"Message-ID": message_id(mail)},
    )
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send()
    except Exception as error:  # whatever the backend raises: the message must not be lost
        _failed(mail, error, now=now)
        return False
    OutgoingMail.objects.filter(pk=mail_id).update(
        state=OutgoingMail.State.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return True


def _failed(mail: OutgoingMail, error: Exception, *, now) -> None:
    reason = f"{type(error).__name__}: {error}"
    if mail.attempts >= MAX_ATTEMPTS:
        OutgoingMail.objects.filter(pk=mail.pk).update(
            state=OutgoingMail.State.GAVE_UP, last_error=reason, next_attempt_at=None
        )
        logger.error("mail %s given up after %s tries (%s)", mail.pk, mail.attempts, reason)
        return
    retry_at = now + retry_delay(mail.attempts)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        state=OutgoingMail.State.FAILED, last_error=reason, next_attempt_at=retry_at
    )
    logger.warning(
        "mail %s failed (%s); try %s at %s",
        mail.pk,
        type(error).__name__,
        mail.attempts + 1,
        retry_at,
    )


def _due(now: datetime.datetime, *, queued_before: datetime.datetime | None = None) -> Q:
    waiting = Q(state=OutgoingMail.State.QUEUED)
    if queued_before is not None:
        waiting &= Q(created_at__lt=queued_before)
    return (
        waiting
        | Q(state=OutgoingMail.State.FAILED, next_attempt_at__lte=now)
        | Q(state=OutgoingMail.State.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    )


def due_mail_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Messages whose job is owed: a retry that is due, a worker that died holding one, or a
    message still waiting long after it was written (its job was lost)."""
    now = now or timezone.now()
    return list(
        OutgoingMail.objects.filter(_due(now, queued_before=now - LOST_AFTER))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def message_id(mail: OutgoingMail) -> str:
    """The same header at every try of one message, unique to it."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "puebla.invalid"
    return f"<puebla-mail-{mail.pk}-{mail.created_at:%Y%m%d%H%M%S%f}@{domain}>"
