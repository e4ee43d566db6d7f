"""The search's periodic job (Huey; `puebla worker` runs it)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from puebla.search import directory


# Just after midnight in the region (UTC-6): an appointment that started or ended with the day
# changes who the contact page shows, and so who the search finds.
@db_periodic_task(crontab(hour="6", minute="10"))
def reindex_people_of_the_day() -> int:
    return directory.people_reindex()
