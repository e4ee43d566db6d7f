"""How many edits apart two words are: letters changed, added, removed, or two neighbours
swapped ("trafcio" is one edit from "trafico"). The optimal string alignment distance, the
usual "Damerau-Levenshtein" of spelling correction."""


def distance(first: str, second: str, limit: int) -> int:
    """The edits between `first` and `second`, or `limit + 1` as soon as they are known to be
    more than `limit` apart (a correction never needs more than two: most words stop early)."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    if first == second:
        return 0
    previous_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, letter in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            cost = 0 if letter == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                i > 1
                and j > 1
                and letter == second[j - 2]
                and first[i - 2] == other
                and letter != other
            ):
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous[-1], limit + 1)
