"""Jobs of the queue (Huey; DESIGN.md §4): the consumer, `puebla worker`, loads this module."""

import datetime

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from puebla.core import mail_delivery

# A failing mail server gets five more tries over about three hours.
MAIL_RETRIES = 5
MAIL_RETRY_DELAY = 60 * 30


@db_task(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_DELAY)
def deliver_mail(mail_id: int) -> bool:
    return mail_delivery.deliver(mail_id)


@db_periodic_task(crontab(minute="*/15"))
def requeue_stale_mail() -> None:
    """Mail written while the queue was unreachable is enqueued again (delivery stays once)."""
    for mail_id in mail_delivery.stale_mail_ids(older_than=datetime.timedelta(minutes=15)):
        deliver_mail(mail_id)
