"""Small-cell suppression for the sensitive structures (returned children): which cells to hide
at publication so that no small count can be read, nor worked out from what is shown.

Primary: every count above zero and under the structure's threshold. Secondary: a table's
totals are sums of their parts (by each dimension that has a total), so a hidden cell could be
recomputed from the cells shown beside it. The published cells and these sums form a linear
system whose unknowns are the hidden cells; a hidden cell is recomputable exactly when every
solution of the system gives it the same value, that is, when its coordinate is zero in every
vector of the system's null space. While some hidden cell is recomputable, the smallest shown
cell of a sum it is in is hidden too. Cells "not available" are not numbers to anyone: a sum
with one among its parts does not hold exactly (its total is at least the others) and is left
out of the system.
"""

from collections import defaultdict

import numpy as np

Key = tuple[str, ...]
TOLERANCE = 1e-9


def hidden_cells(
    cells: dict[Key, int | None], totals: list[str | None], threshold: int
) -> set[Key]:
    """The keys of `cells` (code per dimension → count, None when not available) to hide.
    `totals[i]` is the total code of dimension i, or None when it has none."""
    hidden = {key for key, value in cells.items() if value is not None and 0 < value < threshold}
    if not hidden:
        return hidden
    sums = _sums(cells, totals)
    while True:
        recomputable = _recomputable(hidden, sums)
        if not recomputable:
            return hidden
        hidden.add(_next_to_hide(sorted(recomputable), hidden, sums, cells))


def _sums(cells, totals) -> list[tuple[Key, list[Key]]]:
    """(total, its parts) for each sum the table holds: a total cell and the cells that differ
    from it only in that dimension's code. Sums with a part not available are left out."""
    groups: dict[tuple[int, Key], list[Key]] = defaultdict(list)
    for key in cells:
        for index, total in enumerate(totals):
            if total is not None:
                groups[(index, key[:index] + key[index + 1 :])].append(key)
    sums = []
    for (index, _rest), members in groups.items():
        total_key = next((key for key in members if key[index] == totals[index]), None)
        parts = [key for key in members if key is not total_key]
        if total_key is None or not parts or cells[total_key] is None:
            continue
        if any(cells[part] is None for part in parts):
            continue
        sums.append((total_key, parts))
    return sums


def _recomputable(hidden: set[Key], sums) -> list[Key]:
    """The hidden cells whose value the shown cells and the sums determine."""
    unknowns = sorted(hidden)
    position = {key: index for index, key in enumerate(unknowns)}
    rows = []
    for total, parts in sums:
        row = np.zeros(len(unknowns))
        for key, sign in ((total, 1.0), *((part, -1.0) for part in parts)):
            if key in position:
                row[position[key]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return []
    matrix = np.array(rows)
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > TOLERANCE * max(matrix.shape) * singular.max()).sum())
    null_space = vt[rank:]  # rows spanning the null space
    if null_space.shape[0] == 0:
        return list(unknowns)
    free = np.abs(null_space).max(axis=0) > 1e-7
    return [key for key, is_free in zip(unknowns, free, strict=True) if not is_free]


def _next_to_hide(recomputable: list[Key], hidden: set[Key], sums, cells) -> Key:
    """The shown cell to hide next: of the sums the first recomputable cell is in (the next,
    when those sums show nothing more), the shown cell with the smallest count (the least
    information lost), the first key on a tie."""
    for key in recomputable:
        candidates = [
            member
            for total, parts in sums
            if key == total or key in parts
            for member in (total, *parts)
            if member not in hidden and cells[member] is not None
        ]
        if candidates:
            return min(candidates, key=lambda member: (cells[member], member))
    # A cell is recomputable only through a sum that shows another cell.
    raise ValueError(f"nothing shown beside {recomputable}")
