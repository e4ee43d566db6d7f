"""The search's index in memory (puebla.search.columns): a process that has not seen a write
finds nothing of it until it loads the columns again; the ranking sorts only the rows that can
reach the page, and ranks as sorting them all would."""

import dataclasses

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import given
from hypothesis import strategies as st

from puebla.search import columns, matching, query
from puebla.search.columns import Columns
from puebla.search.models import Entry
from puebla.search.query import search

EMPTY = np.zeros(0, dtype=np.int64)


def columns_of() -> Columns:
    """Columns of no row, to be given the few a test needs."""
    return Columns(**{field.name: EMPTY for field in dataclasses.fields(Columns)})


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
    matching.prepare(entry)
    Entry.objects.bulk_create([entry])
    assert search(AnonymousUser(), "zafra").total == 0
    columns.changed()
    assert search(AnonymousUser(), "zafra").total == 1


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.booleans(), st.integers(0, 4)), min_size=1, max_size=80
    ),
    st.integers(1, 12),
)
def test_the_ranking_sorts_only_the_rows_that_can_reach_the_page(rows, stop):
    """`_ranked` sorts the best `stop` x languages rows only (ties kept): it ranks the records
    as sorting every row would. Each row: its record, whether its title matched, its score
    (few values, so that ties abound); a record has at most one row per language."""
    by_record: dict[int, list] = {}
    for record, titled, score in rows:
        if len(by_record.setdefault(record, [])) < 2:
            by_record[record].append((titled, float(score)))
    records = sorted(by_record)
    kept = [(record, *row) for record in records for row in by_record[record]]
    table = dataclasses.replace(
        columns_of(),
        record=np.arange(len(records)),
        record_kind=np.array([record % 2 for record in records]),
        record_id=np.array(records),
        kinds=("meetings.meeting", "documents.document"),
        languages=("es", "en"),
    )
    position = {record: number for number, record in enumerate(records)}
    matches = query._Matches(
        rows=np.array([position[record] for record, _t, _s in kept]),
        in_title=np.array([titled for _r, titled, _s in kept]),
        scores=np.array([score for _r, _t, score in kept]),
    )
    ranked = query._ranked(table, matches, np.ones(len(kept), dtype=bool), stop)

    best = {record: max(by_record[record]) for record in records}
    kind_rank = {0: 1, 1: 0}  # "documents.document" sorts before "meetings.meeting"
    expected = sorted(
        records,
        key=lambda r: (not best[r][0], -best[r][1], kind_rank[r % 2], -r),
    )[:stop]
    assert [(records[number], score) for number, score in ranked] == [
        (record, best[record][1]) for record in expected
    ]
