"""What Puebla keeps, read cheaply enough to compare before and after every example: each model
table's row count and largest key (one query for all of them: puebla.backups.tables), and the
name of every file in every kept storage (puebla.backups.stored_files). A refused input must
leave both as they were; a history row or a stored file written and left behind shows here."""

import contextlib
from dataclasses import dataclass

from django.db import connection, transaction

from puebla.backups import stored_files
from puebla.backups.tables import model_tables


@dataclass(frozen=True)
class Kept:
    rows: dict[str, tuple]  # table -> (row count, largest primary key)
    files: frozenset[tuple[str, str]]  # (storage alias, file name)

    def new_files(self, since: "Kept") -> set[tuple[str, str]]:
        return set(self.files - since.files)

    def changed_tables(self, since: "Kept") -> dict[str, tuple]:
        return {
            table: (since.rows[table], counted)
            for table, counted in self.rows.items()
            if since.rows.get(table) != counted
        }


def _counting_query() -> str:
    quote = connection.ops.quote_name
    columns = []
    for model in model_tables():
        table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
        # Names from the models, quoted by the backend; nothing typed by anyone.
        columns.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608
        columns.append(f"(SELECT CAST(MAX({key}) AS TEXT) FROM {table})")  # noqa: S608
    return "SELECT " + ", ".join(columns)


def kept() -> Kept:
    tables = [model._meta.db_table for model in model_tables()]
    with connection.cursor() as cursor:
        cursor.execute(_counting_query())
        values = cursor.fetchone()
    rows = {table: (values[2 * i], values[2 * i + 1]) for i, table in enumerate(tables)}
    files = frozenset(
        (alias, name)
        for alias, storage in stored_files.kept_storages().items()
        for name in stored_files.names(storage)
    )
    return Kept(rows=rows, files=files)


def assert_nothing_written(before: Kept) -> None:
    after = kept()
    assert after.changed_tables(before) == {}, "a refused input wrote rows"
    assert after.new_files(before) == set(), "a refused input left a stored file"


def read_stored(alias: str, name: str) -> bytes:
    with stored_files.kept_storages()[alias].open(name, "rb") as stored:
        return stored.read()


def remove_stored(names: set[tuple[str, str]]) -> None:
    """Take an accepted example's files away again: its rows are rolled back, its files are
    not (a storage has no transaction), and the next example counts files."""
    for alias, name in names:
        stored_files.kept_storages()[alias].delete(name)


class _RolledBack(Exception):
    pass


@contextlib.contextmanager
def rolled_back():
    """Run an example in a savepoint undone after it: each example starts from the same rows.
    (An example's own failure propagates as it is.)"""
    before = kept()
    try:
        with transaction.atomic():
            yield before
            raise _RolledBack
    except _RolledBack:
        pass
    remove_stored(kept().new_files(before))
