"""Mail that leaves after its transaction commits, through the job queue, at most once.

`mail_queue` writes the message in the caller's transaction and enqueues its delivery on
commit: a rolled-back change sends nothing, and a web request never waits for the mail server.
The job (puebla.core.tasks) sends it through puebla.core.mail_delivery, which claims the
message first, so a retried or repeated job never sends it twice.
"""

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from puebla.core.models import OutgoingMail
from puebla.core.tasks import deliver_mail


def mail_queue(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, str, str]] = (),
) -> OutgoingMail | None:
    """Write a message to `to` (duplicates and blanks dropped) and send it after commit.

    `attachments` are (file name, text content, MIME type). Returns None when nobody is left
    to write to.
    """
    recipients = list(dict.fromkeys(address.strip().lower() for address in to if address))
    if not recipients:
        return None
    mail = OutgoingMail.objects.create(
        to=recipients,
        subject=subject,
        body=body,
        attachments=[
            {"filename": name, "content": content, "mimetype": mimetype}
            for name, content, mimetype in attachments
        ],
    )
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue(mail_id: int) -> None:
    deliver_mail(mail_id)


def subject_prefixed(subject: str) -> str:
    """A mail subject with the process's acronym in the active language: [RCM] or [CRM]."""
    prefix = _("[RCM]")
    return f"{prefix} {subject}"
