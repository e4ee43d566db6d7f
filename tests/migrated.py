"""A database migrated once a run, copied for each test that runs Puebla in processes of its own
on a fresh one.

Migrating from nothing takes a minute of one core: Django renders the models' states some
28,000 times for Puebla's migrations. A dozen tests each did it, on each database, which was a
third of the suite's time. They start from a copy of this one instead; `migrate` then has
nothing to do, and everything else they run (setup, the dataset, the server) runs as before.
The migration round trips (tests/core/test_bilingual_migrations.py, the fund's and the
follow-up's) migrate back from the copy and forward again. The test of a first `setup`'s data
folder (tests/test_cli.py) still migrates from nothing.
"""

import atexit
import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench.database import fresh_database
from bench.server import PueblaServer

DATABASE_FILE = "puebla.sqlite3"

_TEMPLATES: dict[str, tuple[Path, str]] = {}


def _template(database_url: str) -> tuple[Path, str]:
    """(a data folder holding the migrated SQLite database, "") or, for the PostgreSQL server
    `database_url` names, (an empty folder, the URL of a migrated database nobody uses)."""
    if database_url not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="puebla-migrated-"))
        atexit.register(shutil.rmtree, folder, True)
        cleanup = contextlib.ExitStack()
        made = cleanup.enter_context(fresh_database("migrated", url=database_url))
        atexit.register(cleanup.close)  # drops the template database at the end of the run
        maker = PueblaServer(folder / "data", database_url=made, name="migrated")
        maker.command("migrate")
        maker.command("createcachetable")
        if not made:
            # One file to copy: the write-ahead log folded into the database (and removed when
            # this last connection closes).
            with contextlib.closing(sqlite3.connect(folder / "data" / DATABASE_FILE)) as database:
                database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            # Nothing but the database: the keys and logs are each test's own.
            for path in (folder / "data").iterdir():
                if path.name != DATABASE_FILE:
                    shutil.rmtree(path) if path.is_dir() else path.unlink()
        _TEMPLATES[database_url] = (folder / "data", made or "")
    return _TEMPLATES[database_url]


def copy_migrated_sqlite(data_dir: Path) -> None:
    """Put a migrated SQLite database in `data_dir` (made if missing)."""
    template, _url = _template("")
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copy2(template / DATABASE_FILE, data_dir / DATABASE_FILE)


@contextlib.contextmanager
def migrated_database(data_dir: Path, purpose: str) -> Iterator[str | None]:
    """A fresh migrated database of the kind under test, as bench.database.fresh_database
    yields it: None with a migrated SQLite database put in `data_dir`, or, when DATABASE_URL
    names a PostgreSQL server, the URL of a new database copied from a migrated one (dropped
    afterwards)."""
    with migrated_database_on(os.environ.get("DATABASE_URL", ""), data_dir, purpose) as url:
        yield url


@contextlib.contextmanager
def migrated_database_on(url: str, data_dir: Path, purpose: str) -> Iterator[str | None]:
    """The same, on the PostgreSQL server `url` names, or SQLite when `url` is empty."""
    if not url:
        copy_migrated_sqlite(data_dir)
        yield None
        return
    _folder, template = _template(url)
    with fresh_database(purpose, url=url, template=template) as database_url:
        yield database_url
