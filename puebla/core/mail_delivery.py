"""Sending a queued message (puebla.core.mail) from the job queue's worker, at most once.

`deliver` claims the message before sending it, so a retried or repeated job never sends it
twice; a send that raises marks it failed, and the job queue retries it (puebla.core.tasks).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone

from puebla.core.models import OutgoingMail

logger = logging.getLogger("puebla.core.mail")


def deliver(mail_id: int) -> bool:
    """Send the message if it is still waiting (or failed before); True when this call sent it.

    Claiming is one conditional UPDATE, so two jobs for one message cannot both win. A message
    left "being sent" (the worker died mid-send) is not sent again: the mail server may already
    have it, and a duplicate is the worse error; the admin shows it.
    """
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, state__in=[OutgoingMail.State.QUEUED, OutgoingMail.State.FAILED]
    ).update(state=OutgoingMail.State.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMessage(
        subject=mail.subject, body=mail.body, from_email=settings.DEFAULT_FROM_EMAIL, to=mail.to
    )
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send()
    except Exception as error:
        OutgoingMail.objects.filter(pk=mail_id).update(
            state=OutgoingMail.State.FAILED, last_error=f"{type(error).__name__}: {error}"
        )
        logger.warning("mail %s failed (%s); it will be retried", mail_id, type(error).__name__)
        raise
    OutgoingMail.objects.filter(pk=mail_id).update(
        state=OutgoingMail.State.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def stale_mail_ids(*, older_than) -> list[int]:
    """Messages still waiting after `older_than` (a lost enqueue: the queue was down)."""
    return list(
        OutgoingMail.objects.filter(
            state=OutgoingMail.State.QUEUED, created_at__lt=timezone.now() - older_than
        ).values_list("pk", flat=True)
    )
