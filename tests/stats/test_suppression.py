"""Small-cell suppression: every small count hidden, and no hidden cell recomputable from the
cells shown and the table's sums (checked here by a method of its own: a hidden cell is
recomputable when adding "this cell" to the system's equations does not raise its rank)."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from puebla.stats.suppression import hidden_cells

TOTAL = "_T"


def table(parts_per_dimension, values):
    """Cells for every combination of parts and totals: the parts' counts from `values`, each
    total the sum of its parts."""
    options = [[*(f"p{i}" for i in range(count)), TOTAL] for count in parts_per_dimension]
    base_keys = list(itertools.product(*[option[:-1] for option in options]))
    base = dict(zip(base_keys, values, strict=False))
    cells = {}
    for key in itertools.product(*options):
        cells[key] = sum(
            count
            for part, count in base.items()
            if all(code in (TOTAL, code_part) for code, code_part in zip(key, part, strict=True))
        )
    return cells


def recomputable_by_rank(cells, hidden, totals):
    """The hidden cells that the shown ones and every sum determine (rank test per cell)."""
    unknowns = sorted(hidden)
    position = {key: index for index, key in enumerate(unknowns)}
    rows = []
    for index, total in enumerate(totals):
        for key in cells:
            if key[index] != total:
                continue
            parts = [
                k
                for k in cells
                if k[index] != total
                and k[:index] + k[index + 1 :] == key[:index] + key[index + 1 :]
            ]
            row = np.zeros(len(unknowns))
            for member, sign in ((key, 1), *((part, -1) for part in parts)):
                if member in position:
                    row[position[member]] += sign
            if row.any():
                rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for key in unknowns:
        unit = np.zeros(len(unknowns))
        unit[position[key]] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(key)
    return found


def test_one_small_cell_takes_a_second_one_with_it():
    cells = {("p0",): 3, ("p1",): 40, ("p2",): 50, (TOTAL,): 93}
    assert hidden_cells(cells, [TOTAL], 5) == {("p0",), ("p1",)}  # p1: the smallest shown


def test_nothing_small_nothing_hidden_and_zero_is_shown():
    cells = {("p0",): 0, ("p1",): 40, (TOTAL,): 40}
    assert hidden_cells(cells, [TOTAL], 5) == set()


def test_a_sum_with_a_part_not_available_reveals_nothing():
    cells = {("p0",): 2, ("p1",): None, ("p2",): 30, (TOTAL,): 40}
    assert hidden_cells(cells, [TOTAL], 5) == {("p0",)}


@settings(max_examples=150, deadline=None)
@given(
    shape=st.sampled_from([(3,), (2, 2), (3, 2), (2, 3), (2, 2, 2), (3, 2, 2)]),
    threshold=st.sampled_from([3, 5, 10]),
    data=st.data(),
)
def test_no_small_count_is_shown_nor_recomputable(shape, threshold, data):
    size = int(np.prod(shape))
    counts = st.sampled_from([0, 1, 2, 3, 4, 6, 9, 15, 40])
    values = data.draw(st.lists(counts, min_size=size, max_size=size))
    cells = table(shape, values)
    totals = [TOTAL] * len(shape)
    hidden = hidden_cells(cells, totals, threshold)
    small = {key for key, value in cells.items() if 0 < value < threshold}
    assert small <= hidden
    assert recomputable_by_rank(cells, hidden, totals) == set()
