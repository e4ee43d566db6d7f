"""The backups' periodic jobs (Huey, run by `puebla worker`): the nightly archive, with the
old ones pruned, and the hourly removal of orphan files."""

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from puebla.backups.archive import backup_create, prune
from puebla.backups.storage_check import orphans_remove

logger = logging.getLogger("puebla.backups")


@db_periodic_task(crontab(minute="0", hour=str(settings.BACKUP_HOUR_UTC)))
def nightly_backup() -> None:
    if not settings.BACKUP_NIGHTLY:
        return
    report = backup_create(to=settings.BACKUP_DIR)
    removed = prune(settings.BACKUP_DIR)
    logger.info("nightly backup %s; %d older archives removed", report.archive.name, len(removed))


@db_periodic_task(crontab(minute="20"))
def orphan_files_remove() -> int:
    removed = orphans_remove()
    if removed:
        logger.info("removed %d orphan files: %s", len(removed), ", ".join(removed[:20]))
    return len(removed)
