"""The search's columns in memory (puebla.search.columns) find a row's position by its id,
through a table by id when the ids are dense and by binary search when they are sparse (the
ids of PostgreSQL only grow, rebuild after rebuild): both give the same answer."""

import dataclasses

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import given
from hypothesis import strategies as st

from puebla.search import backends, columns
from puebla.search.columns import NONE, Columns
from puebla.search.models import Entry
from puebla.search.query import search

EMPTY = np.zeros(0, dtype=np.int64)


def columns_of(ids: list[int], *, dense: bool) -> Columns:
    ids_array = np.array(ids, dtype=np.int64)
    position_of = None
    if dense:
        position_of = np.full((ids[-1] + 1) if ids else 0, NONE, dtype=np.int32)
        position_of[ids_array] = np.arange(len(ids))
    fields = {field.name: EMPTY for field in dataclasses.fields(Columns)}
    return Columns(**fields | {"ids": ids_array, "position_of": position_of})


@given(
    st.lists(st.integers(1, 5_000), unique=True, max_size=60).map(sorted),
    st.lists(st.integers(0, 6_000), max_size=40),
)
def test_a_row_is_found_by_its_id_whether_the_ids_are_dense_or_sparse(ids, asked):
    expected_known = [pk in ids for pk in asked]
    for dense in (True, False):
        positions, known = columns_of(ids, dense=dense).positions(np.array(asked, dtype=np.int64))
        assert known.tolist() == expected_known
        assert [ids[p] for p, k in zip(positions.tolist(), known.tolist(), strict=True) if k] == [
            pk for pk in asked if pk in ids
        ]


@pytest.mark.django_db
def test_rows_written_since_the_columns_were_loaded_wait_for_the_next_load():
    """A process that has not yet seen a write (its columns loaded before) finds nothing of it,
    without failing, even from an empty index; it finds it once it loads the columns again."""
    Entry.objects.all().delete()
    columns.changed()
    assert len(columns.current().ids) == 0
    entry = Entry(
        kind="meetings.meeting", record_id=1, language="es", title="Zafra", audience="public"
    )
    entry.record_languages = "es"
    backend = backends.current()
    backend.prepare(entry)
    Entry.objects.bulk_create([entry])
    backend.written(Entry.objects.all())
    assert search(AnonymousUser(), "zafra").total == 0
    columns.changed()
    assert search(AnonymousUser(), "zafra").total == 1
