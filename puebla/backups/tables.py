"""Every table Puebla's models keep, read and written alike on SQLite and PostgreSQL.

A restore across database engines (an archive of SQLite into PostgreSQL) copies these rows, and
the restore drill compares them; both read them here. Columns of a field class Puebla defines
itself (the Reserve Fund's encrypted text and dates) are read and written as the text they
store: a copy never decrypts them, and needs no key.
"""

from collections.abc import Iterable, Iterator

from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, models
from django.db.models.functions import Cast

BATCH = 1000


def model_tables() -> list[type[models.Model]]:
    """One model per table that migrations create, many-to-many tables included, by name."""
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        found.setdefault(meta.db_table, model)
    return [found[name] for name in sorted(found)]


def stored_as_written(field: models.Field) -> bool:
    """Whether the column is copied as the text it holds rather than through its field."""
    return type(field).__module__.startswith("puebla.")


def rows(model: type[models.Model], using: str) -> Iterator[tuple]:
    """The table's rows by primary key, each value as Python reads it (stored text for the
    fields of `stored_as_written`)."""
    fields = model._meta.concrete_fields
    columns = {
        f"c{position}": Cast(field.attname, output_field=models.TextField())
        if stored_as_written(field)
        else models.F(field.attname)
        for position, field in enumerate(fields)
    }
    query = model._base_manager.using(using).order_by("pk").annotate(**columns)
    return query.values_list(*columns).iterator(chunk_size=BATCH)


def insert(model: type[models.Model], values: Iterable[tuple], using: str) -> int:
    """Write `values` (as `rows` reads them) into the model's table; the number written."""
    connection = connections[using]
    fields = model._meta.concrete_fields
    quote = connection.ops.quote_name
    # Names from the models, quoted by the backend; the values go as parameters.
    statement = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    written = 0
    batch: list[list] = []
    with connection.cursor() as cursor:
        for row in values:
            batch.append(
                [
                    value if stored_as_written(field) else field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, row, strict=True)
                ]
            )
            if len(batch) == BATCH:
                cursor.executemany(statement, batch)
                written, batch = written + len(batch), []
        if batch:
            cursor.executemany(statement, batch)
            written += len(batch)
    return written


def empty_every_table(using: str) -> None:
    """Delete every model table's rows (inside the caller's transaction)."""
    connection = connections[using]
    names = [connection.ops.quote_name(model._meta.db_table) for model in model_tables()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE")
        else:
            for name in names:
                cursor.execute(f"DELETE FROM {name}")  # noqa: S608 - our own table names


def reset_sequences(using: str) -> None:
    """Make the next id of every table follow the highest copied one (PostgreSQL)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), model_tables())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
