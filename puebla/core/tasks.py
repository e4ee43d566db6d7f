"""Jobs of the queue (Huey; DESIGN.md §4): the consumer, `puebla worker`, loads this module."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from puebla.core import mail_delivery


# No retries here: a failed send records its next try in the database (mail_delivery), which
# outlives the worker and the queue.
@db_task()
def deliver_mail(mail_id: int) -> bool:
    return mail_delivery.deliver(mail_id)


@db_periodic_task(crontab(minute="*/5"))
def requeue_due_mail() -> int:
    """Enqueue the mail whose try is due, whose worker died, or whose job was lost."""
    due = mail_delivery.due_mail_ids()
    for mail_id in due:
        deliver_mail(mail_id)
    return len(due)
