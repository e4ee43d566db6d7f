"""The Plan of Action's periodic job (Huey; `puebla worker` runs it)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from puebla.planning import services


# Once a day, early in the morning in the region (UTC-6): an activity completed more than two
# years ago moves to the Historical Plan of Action (services.items_archive).
@db_periodic_task(crontab(hour="9", minute="30"))
def archive_completed_activities() -> int:
    return services.items_archive()
