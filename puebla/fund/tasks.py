"""The Reserve Fund's periodic job (Huey; `puebla worker` runs it): personal data erased a set
time after a case ends (FUND_RETENTION_MONTHS; puebla.fund.erasure)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from puebla.fund import erasure


# Daily, at night in the region (UTC-6): a case is erased at most a day after it falls due.
@db_periodic_task(crontab(hour="8", minute="30"))
def erase_personal_data() -> int:
    return erasure.fund_erase_due()
