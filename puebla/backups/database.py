"""The database's part of an archive: a consistent snapshot taken while Puebla serves, and its
restore, on the same engine (the native copy) or from SQLite into PostgreSQL (row by row).

SQLite is copied with its online backup API; PostgreSQL with `pg_dump --format=custom` inside a
repeatable-read transaction whose snapshot the dump shares, so the row counts written in the
manifest are those of the dump, whatever is written meanwhile.
"""

import contextlib
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

from puebla.backups import tables

SQLITE_FILE = "puebla.sqlite3"
POSTGRESQL_FILE = "puebla.pgdump"
# The archive's SQLite database, opened beside the target to copy it into another engine.
ARCHIVE_ALIAS = "backup_archive"


class BackupFailed(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Snapshot:
    file_name: str
    vendor: str
    row_counts: dict[str, int]
    migrations: list[tuple[str, str]]


def vendor() -> str:
    return connections["default"].vendor


def snapshot(into: Path) -> Snapshot:
    """Write the database into the folder `into`; what it holds."""
    if vendor() == "postgresql":
        return _postgresql_snapshot(into)
    return _sqlite_snapshot(into)


def _sqlite_snapshot(into: Path) -> Snapshot:
    copy_path = into / SQLITE_FILE
    source = settings.DATABASES["default"]["NAME"]
    with (
        # A URI as Django takes it (its in-memory test database is one), or a path.
        contextlib.closing(sqlite3.connect(source, timeout=20, uri=True)) as live,
        contextlib.closing(sqlite3.connect(copy_path)) as copy,
    ):
        # In one step: the copy is the database at one instant. In WAL mode the running
        # servers' writes wait for nobody, and their readers are not blocked either.
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        return Snapshot(
            file_name=SQLITE_FILE,
            vendor="sqlite",
            row_counts={
                name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # noqa: S608
                for name in _table_names()
            },
            migrations=sorted(copy.execute("SELECT app, name FROM django_migrations").fetchall()),
        )


def _postgresql_snapshot(into: Path) -> Snapshot:
    import psycopg
    from psycopg import sql

    dump_path = into / POSTGRESQL_FILE
    with psycopg.connect(**_psycopg_parameters()) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        shared = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        row_counts = {
            name: connection.execute(
                sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(name))
            ).fetchone()[0]
            for name in _table_names()
        }
        migrations = sorted(
            tuple(row) for row in connection.execute("SELECT app, name FROM django_migrations")
        )
        # The dump reads the same snapshot, held open by this transaction until it ends.
        _run_postgresql_tool(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={shared}",
            f"--file={dump_path}",
        )
        connection.rollback()
    return Snapshot(POSTGRESQL_FILE, "postgresql", row_counts, migrations)


def _table_names() -> list[str]:
    """The tables of Puebla's models that the database holds: one at an earlier migration (an
    older Puebla's, or this one's migrated back) lacks the newer apps' tables, which its
    restore then makes by migrating forward."""
    present = set(connections["default"].introspection.table_names())
    return [
        model._meta.db_table for model in tables.model_tables() if model._meta.db_table in present
    ]


def restore(archive_file: Path, archive_vendor: str) -> str:
    """Put the archive's database in place of the target's; how it was done, for the report."""
    how = _restore(archive_file, archive_vendor)
    if vendor() == "postgresql":
        # Neither pg_restore nor a copy brings the planner's statistics: without them it takes
        # the tables for empty and picks plans ten times slower until autovacuum comes by.
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
    return how


def _restore(archive_file: Path, archive_vendor: str) -> str:
    target = vendor()
    if archive_vendor == "sqlite" and target == "sqlite":
        _restore_sqlite_file(archive_file)
        return "SQLite → SQLite (online backup API)"
    if archive_vendor == "postgresql" and target == "postgresql":
        _run_postgresql_tool(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(archive_file),
        )
        return "PostgreSQL → PostgreSQL (pg_restore)"
    if archive_vendor == "sqlite":
        copy_sqlite_rows(archive_file)
        return f"SQLite → {target} (every table copied row by row)"
    raise BackupFailed(
        "This archive was made from PostgreSQL; it restores into PostgreSQL only "
        "(set DATABASE_URL to an empty PostgreSQL database)."
    )


def _restore_sqlite_file(archive_file: Path) -> None:
    connections.close_all()
    target = settings.DATABASES["default"]["NAME"]
    with (
        contextlib.closing(sqlite3.connect(archive_file)) as source,
        contextlib.closing(sqlite3.connect(target, timeout=20)) as copy,
    ):
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")  # as Puebla opens it (settings.py)


def copy_sqlite_rows(archive_file: Path) -> None:
    """Copy every table of the archive's SQLite database into the (migrated) target, in one
    transaction: a failure leaves the target as it was."""
    defaults = connections.configure_settings(
        {
            "default": settings.DATABASES["default"],
            ARCHIVE_ALIAS: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(archive_file)},
        }
    )
    connections.settings[ARCHIVE_ALIAS] = defaults[ARCHIVE_ALIAS]
    try:
        with transaction.atomic(using="default"):
            tables.empty_every_table("default")
            for model in tables.model_tables():
                tables.insert(model, tables.rows(model, ARCHIVE_ALIAS), "default")
            tables.reset_sequences("default")
    finally:
        connections[ARCHIVE_ALIAS].close()
        del connections[ARCHIVE_ALIAS]
        del connections.settings[ARCHIVE_ALIAS]


# Each connection setting as psycopg takes it, as Django's settings hold it, and as libpq's
# tools (pg_dump, pg_restore) read it from the environment.
CONNECTION_SETTINGS = (
    ("dbname", "NAME", "PGDATABASE"),
    ("user", "USER", "PGUSER"),
    ("password", "PASSWORD", "PGPASSWORD"),
    ("host", "HOST", "PGHOST"),
    ("port", "PORT", "PGPORT"),
)


def _psycopg_parameters() -> dict:
    database = settings.DATABASES["default"]
    return {
        keyword: str(database[key])
        for keyword, key, _variable in CONNECTION_SETTINGS
        if database.get(key)
    }


def _run_postgresql_tool(*arguments: str) -> None:
    """Run pg_dump or pg_restore against the default database; its own error on failure."""
    database = settings.DATABASES["default"]
    environment = os.environ | {
        variable: str(database[key])
        for _keyword, key, variable in CONNECTION_SETTINGS
        if database.get(key)
    }
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own tools, our arguments
        arguments, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupFailed(f"{arguments[0]} failed: {result.stderr.strip()[-2000:]}")
