"""The follow-up's periodic jobs (Huey; `puebla worker` runs them)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from puebla.followup.requests import reminders


# Every morning in the region (UTC-6): a reminder arrives in working hours. A second run the
# same day sends nothing again (puebla.followup.requests.reminders).
@db_periodic_task(crontab(hour="14", minute="30"))
def send_followup_reminders() -> int:
    return reminders.reminders_send()
