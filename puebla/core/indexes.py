"""Indexes whose SQL must differ by database for the database to use them."""

from django.db import models


class NullsLastIndex(models.Index):
    """An index whose descending columns keep NULLs last, as `F(name).desc(nulls_last=True)`
    orders them ("latest first, undated last"), so that such an ordering with a LIMIT walks the
    index instead of sorting every row.

    SQLite already keeps NULLs last in a descending index, and refuses the words NULLS LAST in
    one; PostgreSQL keeps them first unless told, and then cannot use the index for that order.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        statement = super().create_sql(model, schema_editor, using=using, **kwargs)
        if schema_editor.connection.vendor == "postgresql":
            columns = statement.parts["columns"]
            columns.col_suffixes = [
                f"{suffix} NULLS LAST" if suffix == "DESC" else suffix
                for suffix in columns.col_suffixes
            ]
        return statement
