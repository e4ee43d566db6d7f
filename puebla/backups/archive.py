"""`puebla backup` and `puebla restore`: one archive holds the whole instance but its keys.

An archive (`puebla-<UTC time>.tar.gz`) holds the manifest (puebla.backups.manifest), the
database's snapshot, every stored file as stored (the Reserve Fund's stay encrypted: no key is
ever written into an archive, so the keys must be kept apart, as the README says) and the job
queue's pending jobs. It is written under a temporary name and renamed when whole, so a
half-written archive is never taken for one.

A restore checks every member against the manifest before it writes anything, refuses a target
that is in use unless told to replace it, and checks the row counts and files afterwards.
"""

import datetime
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from puebla.backups import database, jobs, retention, stored_files
from puebla.backups.database import BackupFailed
from puebla.backups.manifest import MANIFEST_FILE, Manifest
from puebla.core import security_log
from puebla.core.pagecache import bump_content_version

ARCHIVE_PREFIX = "puebla-"
ARCHIVE_SUFFIX = ".tar.gz"
TIME_FORMAT = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class BackupReport:
    archive: Path
    manifest: Manifest


@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    how: str
    files: int
    jobs: int
    migrated_forward: bool


def backup_create(*, to: Path) -> BackupReport:
    """Write an archive of the instance into the folder `to` while it keeps serving."""
    to.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = timezone.now()
    with tempfile.TemporaryDirectory(dir=to, prefix=".partial-") as work:
        staging = Path(work) / "archive"
        (staging / "database").mkdir(parents=True)
        # The database first: a file uploaded meanwhile is then at worst an extra file in the
        # archive, never a record whose file is missing (stored files are not rewritten).
        snapshot = database.snapshot(staging / "database")
        manifest = Manifest(
            created_at=created.isoformat(),
            database_vendor=snapshot.vendor,
            database_file=f"database/{snapshot.file_name}",
            migrations=snapshot.migrations,
            row_counts=snapshot.row_counts,
        )
        manifest.jobs = jobs.write(staging)
        for alias, storage in stored_files.kept_storages().items():
            for name in stored_files.names(storage):
                copy = staging / "files" / alias / name
                copy.parent.mkdir(parents=True, exist_ok=True)
                with storage.open(name, "rb") as stored, copy.open("wb") as written:
                    shutil.copyfileobj(stored, written, stored_files.CHUNK)
        for member in sorted(path for path in staging.rglob("*") if path.is_file()):
            with member.open("rb") as readable:
                manifest.sha256[member.relative_to(staging).as_posix()] = stored_files.sha256_of(
                    readable
                )
        (staging / MANIFEST_FILE).write_text(manifest.to_json(), encoding="utf-8")
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(staging / MANIFEST_FILE, arcname=MANIFEST_FILE)  # first: read first
            for member in sorted(manifest.sha256):
                archive.add(staging / member, arcname=member)
        partial.chmod(0o600)
        final = _free_name(to, created)
        partial.replace(final)
    files = len(manifest.stored_files())
    security_log.backup_written(
        archive=final.name, rows=sum(manifest.row_counts.values()), files=files
    )
    return BackupReport(final, manifest)


def _free_name(folder: Path, created: datetime.datetime) -> Path:
    stem = f"{ARCHIVE_PREFIX}{created.astimezone(datetime.UTC).strftime(TIME_FORMAT)}"
    candidate, number = folder / f"{stem}{ARCHIVE_SUFFIX}", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{ARCHIVE_SUFFIX}"
    return candidate


def archives(folder: Path) -> dict[Path, datetime.datetime]:
    """The archives in `folder`, with the time each was made (from its name)."""
    found = {}
    for path in folder.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"):
        stamp = path.name.removeprefix(ARCHIVE_PREFIX).removesuffix(ARCHIVE_SUFFIX)
        try:
            made = datetime.datetime.strptime(stamp.split("-")[0], TIME_FORMAT)
        except ValueError:
            continue  # not one of ours: left alone
        found[path] = made.replace(tzinfo=datetime.UTC)
    return found


def prune(folder: Path) -> list[Path]:
    """Delete the archives the retention rule (BACKUP_KEEP) does not keep; those deleted."""
    days, weeks, months = settings.BACKUP_KEEP
    found = archives(folder)
    keep = retention.kept(found.values(), days=days, weeks=weeks, months=months)
    removed = sorted(path for path, made in found.items() if made not in keep)
    for path in removed:
        path.unlink()
    return removed


def backup_restore(archive: Path, *, replace: bool = False) -> RestoreReport:
    """Restore the instance from `archive` into the configured database and storages."""
    with tempfile.TemporaryDirectory(prefix="puebla-restore-") as work:
        unpacked = Path(work)
        manifest = _unpack(archive, unpacked)
        _check_members(manifest, unpacked)
        in_use = target_in_use()
        if in_use and not replace:
            raise BackupFailed(
                f"The target is in use ({in_use}). Restore into an empty database and storage, "
                "or give --replace to put the archive in place of everything it holds."
            )
        known = _migrations_known()
        newer = sorted(set(manifest.migrations) - known)
        if newer:
            raise BackupFailed(
                f"The archive was made by a newer Puebla ({manifest.puebla_version}): this one "
                f"lacks its migrations {newer[:3]}. Restore it with that version or a later one."
            )
        if manifest.database_vendor != database.vendor():
            # Rows are copied into the tables as this version creates them: the archive must
            # be at the same migrations.
            if set(manifest.migrations) != known:
                raise BackupFailed(
                    "Across database engines an archive restores only into the Puebla version "
                    f"that made it ({manifest.puebla_version}), at the same migrations."
                )
            call_command("migrate", interactive=False, verbosity=0)
        aliases = stored_files.kept_storages()
        missing = {alias for alias, _name in manifest.stored_files()} - set(aliases)
        if missing:
            raise BackupFailed(f"This instance has no storage named {sorted(missing)}.")
        how = database.restore(unpacked / manifest.database_file, manifest.database_vendor)
        _check_row_counts(manifest)
        migrated_forward = set(manifest.migrations) != known
        if migrated_forward:  # an older archive, brought up to this version
            call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if replace:
            for storage in aliases.values():
                stored_files.remove_every_file(storage)
        for (alias, name), digest in manifest.stored_files().items():
            with (unpacked / "files" / alias / name).open("rb") as readable:
                stored_files.put(aliases[alias], name, readable)
            if stored_files.stored_sha256(aliases[alias], name) != digest:
                raise BackupFailed(f"The file {name} differs from the archive once stored.")
        restored_jobs = jobs.restore(unpacked / jobs.JOBS_FILE)
    bump_content_version()  # pages cached before the restore show what it replaced
    security_log.backup_restored(
        archive=archive.name,
        replaced=replace,
        how=how,
        rows=sum(manifest.row_counts.values()),
        files=len(manifest.stored_files()),
    )
    return RestoreReport(
        manifest, how, len(manifest.stored_files()), restored_jobs, migrated_forward
    )


def target_in_use() -> str:
    """Why the target database and storage are not empty, or "" when they are."""
    reasons = []
    connection = connections["default"]
    users = get_user_model()._meta.db_table
    if users in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(users)}")  # noqa: S608
            accounts = cursor.fetchone()[0]
        if accounts:
            reasons.append(f"{accounts} accounts")
    files = sum(
        1 for storage in stored_files.kept_storages().values() for _ in stored_files.names(storage)
    )
    if files:
        reasons.append(f"{files} stored files")
    return ", ".join(reasons)


def _unpack(archive: Path, into: Path) -> Manifest:
    if not archive.is_file():
        raise BackupFailed(f"There is no archive at {archive}.")
    try:
        with tarfile.open(archive, "r:*") as opened:
            # The "data" filter refuses absolute names, links out of the folder and devices.
            opened.extractall(into, filter="data")
        return Manifest.from_json((into / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (tarfile.TarError, OSError, ValueError, KeyError, TypeError) as error:
        raise BackupFailed(f"{archive} is not a Puebla archive, or is damaged: {error}") from error


def _check_members(manifest: Manifest, unpacked: Path) -> None:
    present = {
        path.relative_to(unpacked).as_posix()
        for path in unpacked.rglob("*")
        if path.is_file() and path.name != MANIFEST_FILE
    }
    if present != set(manifest.sha256):
        absent, extra = set(manifest.sha256) - present, present - set(manifest.sha256)
        raise BackupFailed(
            f"The archive does not hold what its manifest lists: missing {sorted(absent)[:5]}, "
            f"unlisted {sorted(extra)[:5]}. Nothing was restored."
        )
    for member, digest in manifest.sha256.items():
        with (unpacked / member).open("rb") as readable:
            if stored_files.sha256_of(readable) != digest:
                raise BackupFailed(
                    f"{member} is damaged (its sha256 differs). Nothing was restored."
                )


def _migrations_known() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def _check_row_counts(manifest: Manifest) -> None:
    """The archive's tables as restored, before any later migration changes them."""
    connection = connections["default"]
    present = set(connection.introspection.table_names())
    differing = {}
    with connection.cursor() as cursor:
        for table, count in manifest.row_counts.items():
            restored = None
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                restored = cursor.fetchone()[0]
            if restored != count:
                differing[table] = (count, restored)
    if differing:
        raise BackupFailed(
            f"The restored tables differ from the archive's (table: archive, now): {differing}"
        )
