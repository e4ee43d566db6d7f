"""The job queue's part of an archive: jobs waiting to run and jobs scheduled for later (a
retry of a refused mail, say), as the queue stores them, so a restored instance runs them.

Unsent mail itself is in the database (puebla.core.models.OutgoingMail): its jobs are here, and
the worker's periodic requeue sends any message whose job was lost.
"""

import base64
import datetime
import json
from pathlib import Path

from huey.contrib.djhuey import HUEY

JOBS_FILE = "jobs.json"


def write(into: Path) -> int:
    """Write the pending jobs into the folder `into`; how many."""
    waiting = [_text(data) for data in HUEY.storage.enqueued_items()]
    scheduled = []
    for data in HUEY.storage.scheduled_items():
        eta = HUEY.deserialize_task(data).eta
        scheduled.append({"job": _text(data), "eta": eta.isoformat() if eta else None})
    (into / JOBS_FILE).write_text(json.dumps({"waiting": waiting, "scheduled": scheduled}))
    return len(waiting) + len(scheduled)


def restore(path: Path) -> int:
    """Put the archive's jobs in the queue; how many."""
    jobs = json.loads(path.read_text())
    for job in jobs["waiting"]:
        HUEY.storage.enqueue(base64.b64decode(job))
    for job in jobs["scheduled"]:
        eta = job["eta"] and datetime.datetime.fromisoformat(job["eta"])
        HUEY.storage.add_to_schedule(base64.b64decode(job["job"]), eta)
    return len(jobs["waiting"]) + len(jobs["scheduled"])


def _text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
