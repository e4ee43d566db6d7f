"""The restore drill's steps, run against real `puebla` processes (see the package docstring).

`prepare(engine, data_dir, purpose)` gives each instance its database: a context manager that
yields the DATABASE_URL (None for SQLite in `data_dir`). `make drill` starts from empty
databases; the test suite from migrated copies (tests/migrated.py), to save the migrations'
minute.
"""

import contextlib
import hashlib
import json
import subprocess
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.browser import Browser
from bench.database import fresh_database
from bench.server import ROOT, PueblaServer
from bench.steps import result_of
from drill.instance import WRITTEN_TABLE

PATHS = ("sqlite>sqlite", "sqlite>postgresql", "postgresql>postgresql")
# Pages read while the backup runs, as visitors would.
READ_WHILE_BACKING_UP = ("/es/", "/es/miembros/", "/en/members/", "/es/reuniones/")

Prepare = Callable[[str, Path, str], contextlib.AbstractContextManager]


class DrillFailed(AssertionError):
    pass


@dataclass
class Backup:
    archive: Path
    manifest: dict
    digest: dict
    account: dict
    pages_read: int
    rows_written: int


@dataclass
class Restored:
    path: str
    tables: int
    rows: int
    files: int
    jobs: int
    downloads: int


def empty_database(postgres_url: str) -> Prepare:
    @contextlib.contextmanager
    def prepare(engine: str, data_dir: Path, purpose: str):
        with fresh_database(purpose, url=postgres_url if engine == "postgresql" else "") as url:
            yield url

    return prepare


def drill(work: Path, paths: tuple[str, ...], prepare: Prepare, say=print) -> list[Restored]:
    results = []
    for source_engine in dict.fromkeys(path.split(">")[0] for path in paths):
        with prepare(source_engine, work / f"source-{source_engine}", "drillsource") as url:
            say(f"drill: {source_engine}: an instance with the RCM and demo data, backed up")
            backup = back_up_while_serving(work, source_engine, url)
            say(
                f"drill: {backup.archive.name}: {len(backup.manifest['row_counts'])} tables, "
                f"{sum(backup.manifest['row_counts'].values())} rows, "
                f"{sum(1 for m in backup.manifest['sha256'] if m.startswith('files/'))} files, "
                f"{backup.manifest['jobs']} jobs; {backup.pages_read} pages read and "
                f"{backup.rows_written} rows written meanwhile"
            )
        for path in paths:
            if not path.startswith(f"{source_engine}>"):
                continue
            target_engine = path.split(">")[1]
            target_dir = work / f"target-{path.replace('>', '-to-')}"
            with prepare(target_engine, target_dir, "drilltarget") as target_url:
                result = restore_and_compare(path, backup, target_dir, target_url)
            say(
                f"drill: {path}: {result.tables} tables and {result.rows} rows equal, "
                f"{result.files} files identical, {result.jobs} jobs queued, signed in, "
                f"{result.downloads} downloads identical"
            )
            results.append(result)
    return results


def back_up_while_serving(work: Path, engine: str, url: str | None) -> Backup:
    source = PueblaServer(work / f"source-{engine}", database_url=url, name="source", env=DEMO)
    source.command("setup")
    account = instance_json(source, "populate")
    source.start()
    stop = work / f"stop-writing-{engine}"
    writer = subprocess.Popen(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "drill.instance", "write-until", str(stop)],
        cwd=ROOT,
        env=source.environment,
        stdout=subprocess.PIPE,
        text=True,
    )
    reader = Reader(source.url)
    try:
        reader.start()
        time.sleep(1)  # both under way
        made = source.command("backup", "--to", str(work / "archives")).stdout
        time.sleep(0.5)  # and still after it
    finally:
        stop.touch()
        written = result_of(writer.communicate(timeout=60)[0])["written"]
        reader.stop()
        source.stop()
    if reader.errors:
        raise DrillFailed(f"pages failed while backing up: {reader.errors[:5]}")
    archive = Path(made.splitlines()[0])
    manifest = read_manifest(archive)
    backed_up = manifest["row_counts"][WRITTEN_TABLE]
    digest = instance_json(source, "digest", f"{WRITTEN_TABLE}={backed_up}")
    if written == 0 or digest["tables"][WRITTEN_TABLE]["rows"] != backed_up:
        raise DrillFailed(f"the writer wrote {written} rows; the archive holds {backed_up}")
    return Backup(archive, manifest, digest, account, reader.pages, written)


def restore_and_compare(path: str, backup: Backup, target_dir: Path, url: str | None) -> Restored:
    target = PueblaServer(target_dir, database_url=url, name="target")
    report = target.command("restore", str(backup.archive)).stdout
    restored = instance_json(target, "digest")
    differing = [
        table
        for table, digest in backup.digest["tables"].items()
        if restored["tables"].get(table) != digest
    ]
    if differing:
        raise DrillFailed(f"{path}: tables differ after the restore: {differing}")
    if restored["files"] != backup.digest["files"]:
        raise DrillFailed(f"{path}: the stored files differ after the restore")
    storage = target.command("check-storage").stdout
    if "documents: 0 orphan files, 0 missing" not in storage:
        raise DrillFailed(f"{path}: the restored storage and records disagree:\n{storage}")
    jobs = backup.manifest["jobs"]
    if f"pending jobs: {jobs}" not in report:
        raise DrillFailed(f"{path}: {jobs} jobs were archived; the restore said:\n{report}")
    target.command("collectstatic", "--noinput", "-v0")
    target.start()
    try:
        downloads = sign_in_and_download(target, backup.account)
    finally:
        target.stop()
    return Restored(
        path=path,
        tables=len(restored["tables"]),
        rows=sum(table["rows"] for table in restored["tables"].values()),
        files=len(restored["files"]),
        jobs=jobs,
        downloads=downloads,
    )


def sign_in_and_download(server: PueblaServer, account: dict) -> int:
    browser = Browser(server.url)
    browser.post(
        "/es/accounts/login/", {"login": account["email"], "password": account["password"]}
    )
    if not browser.url.endswith(account["home"]):
        raise DrillFailed(f"signing in on the restored copy ended at {browser.url}")
    for download in account["downloads"]:
        body = browser.get_bytes(download["url"])
        if hashlib.sha256(body).hexdigest() != download["sha256"]:
            raise DrillFailed(f"{download['url']} differs from the original's file")
    if not account["downloads"]:
        raise DrillFailed("the member may download no document: nothing was checked")
    return len(account["downloads"])


class Reader:
    """Visitors reading pages in a thread until stopped; every answer but 200 is an error."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.pages = 0
        self.errors: list[str] = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=30)

    def _read(self) -> None:
        while not self._stopped.is_set():
            for path in READ_WHILE_BACKING_UP:
                try:
                    with urllib.request.urlopen(self.base_url + path, timeout=30) as answer:  # noqa: S310
                        answer.read()
                    self.pages += 1
                except (urllib.error.URLError, OSError) as error:
                    self.errors.append(f"{path}: {error}")


DEMO = {"DEMO": "1"}


def instance_json(server: PueblaServer, *step: str) -> dict:
    return result_of(server.python("-m", "drill.instance", *step).stdout)


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as opened:
        member = opened.extractfile("manifest.json")
        if member is None:
            raise DrillFailed(f"{archive} holds no manifest")
        return json.loads(member.read())
