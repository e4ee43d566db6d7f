"""`puebla check-storage`: the stored files no record names (orphans) and the files records
name that are not stored (missing).

An orphan is what a failed upload leaves: the file is written before the transaction that
records it commits, and Django has no hook that runs on rollback, so a rolled-back upload, or
a server killed mid-upload, leaves its file. Nobody can reach it (no row names it, and the
storage has no public address); the worker removes orphans once they are older than any
upload could be (ORPHAN_GRACE), and `check-storage --remove-orphans` does it at once. A server
killed while an upload's body arrives leaves the part it received in FILE_UPLOAD_TEMP_DIR
(Django's temporary file, which the killed process could not delete): it goes the same way.

A record names a file through a FileField, or through a text column that a model declares in
`STORED_FILES = {"column": "storage alias"}` (the Reserve Fund's encrypted case files).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from puebla.backups import stored_files, tables

# Longer than any upload's transaction: a younger file may belong to one still under way.
ORPHAN_GRACE = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class StorageCheck:
    orphans: dict[str, list[str]]  # storage alias → names
    missing: dict[str, list[str]]


def named_files() -> dict[str, set[str]]:
    """Storage alias → the file names some record holds."""
    storage_alias = {
        stored_files.place(storage): alias
        for alias, storage in stored_files.kept_storages().items()
    }
    named: dict[str, set[str]] = defaultdict(set)
    for model in tables.model_tables():
        columns = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                alias = storage_alias.get(stored_files.place(field.storage))
                if alias is not None:
                    columns[field.attname] = alias
        columns |= getattr(model, "STORED_FILES", {})
        for column, alias in columns.items():
            names = model._base_manager.exclude(**{column: ""}).values_list(column, flat=True)
            named[alias].update(name for name in names.iterator() if name)
    return named


def storage_check() -> StorageCheck:
    named = named_files()
    orphans, missing = {}, {}
    for alias, storage in stored_files.kept_storages().items():
        stored = set(stored_files.names(storage))
        orphans[alias] = sorted(stored - named[alias])
        missing[alias] = sorted(named[alias] - stored)
    return StorageCheck(orphans, missing)


def orphans_remove(
    *, older_than: datetime.timedelta = ORPHAN_GRACE, now: datetime.datetime | None = None
) -> list[str]:
    """Delete the orphans and the parts of interrupted uploads older than `older_than`; their
    names (alias/name, and uploads/name)."""
    removed = []
    storages = stored_files.kept_storages()
    before = (now or timezone.now()) - older_than
    for alias, names in storage_check().orphans.items():
        storage = storages[alias]
        for name in names:
            if storage.get_modified_time(name) <= before:
                storage.delete(name)
                removed.append(f"{alias}/{name}")
    for part in interrupted_uploads():
        # An upload under way writes its part as it arrives: its time is the last chunk's.
        written = datetime.datetime.fromtimestamp(part.stat().st_mtime, datetime.UTC)
        if written <= before:
            part.unlink(missing_ok=True)
            removed.append(f"uploads/{part.name}")
    return removed


def interrupted_uploads() -> list[Path]:
    """The temporary files of uploads in FILE_UPLOAD_TEMP_DIR: those under way, and those a
    killed server left (Django names them `tmp<random>.upload<.extension>`)."""
    if not settings.FILE_UPLOAD_TEMP_DIR:
        return []  # the system's temporary folder, shared with others: not Puebla's to sweep
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    return sorted(path for path in folder.glob("*.upload*") if path.is_file())
