"""How many edits apart two words are: letters changed, added, removed, or two neighbours
swapped ("trafcio" is one edit from "trafico"). The optimal string alignment distance, the
usual "Damerau-Levenshtein" of spelling correction."""


def distance(first: str, second: str, limit: int) -> int:
    """The edits between `first` and `second`, or `limit + 1` as soon as they are known to be
    more than `limit` apart (a correction never needs more than two: most words stop early).

    Only the cells within `limit` of the diagonal are computed (any path through another needs
    more than `limit` edits), so a comparison costs about len(first) * (2 * limit + 1) steps.
    """
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    if first == second:
        return 0
    over = limit + 1
    width = len(second)
    previous_previous = [over] * (width + 1)
    previous = [j if j <= limit else over for j in range(width + 1)]
    for i in range(1, len(first) + 1):
        letter = first[i - 1]
        current = [over] * (width + 1)
        if i <= limit:
            current[0] = i
        low, high = max(1, i - limit), min(width, i + limit)
        best = current[0]
        for j in range(low, high + 1):
            other = second[j - 1]
            value = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (letter != other),
            )
            if i > 1 and j > 1 and letter == second[j - 2] and first[i - 2] == other:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = min(value, over)
            best = min(best, current[j])
        if best > limit:
            return over
        previous_previous, previous = previous, current
    return previous[width]
