"""The meetings' periodic jobs (Huey; `puebla worker` runs them)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from puebla.meetings import delegations


# Mid-morning in the region (UTC-6), so a reminder arrives in working hours.
@db_periodic_task(crontab(hour="15", minute="0"))
def send_deadline_reminders() -> int:
    return delegations.deadline_reminders_send()
