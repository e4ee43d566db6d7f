"""A plan's tree as plain data, to compare two plans (an export imported again must give the
tree it came from) and to show what an import would change."""

from puebla.planning.models import Item, Plan


def snapshot(plan: Plan, language: str) -> list[tuple]:
    """Every item in tree order (parents before their parts, parts in the source's order):
    key, level, parent's key, number, text and schedule in `language`, marked, status, and a
    topic's name as an export in `language` writes it: in that language, else in the one it
    has. (Like every other text, a topic's name in the other language is not in such an
    export, so it is not compared.)"""
    items = list(Item.objects.filter(plan=plan).select_related("status").order_by("position"))
    by_parent: dict[int | None, list[Item]] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item)
    keys = {item.pk: item.key for item in items}
    result = []

    def visit(parent_id):
        for item in by_parent.get(parent_id, []):
            names = (
                (getattr(item, f"text_{language}") or item.text_es or item.text_en,)
                if item.level == Item.Level.THEME
                else ()
            )
            result.append(
                (
                    item.key,
                    item.level,
                    keys.get(item.parent_id),
                    item.number,
                    getattr(item, f"text_{language}"),
                    getattr(item, f"schedule_{language}"),
                    item.marked,
                    item.status.key if item.status else None,
                    item.archived_on is not None,
                    *names,
                )
            )
            visit(item.pk)

    visit(None)
    return result


def differences(first: Plan, second: Plan, language: str) -> list[str]:
    """What differs between two plans' trees, one line per item; empty when they are equal."""
    left = {row[0]: row for row in snapshot(first, language)}
    right = {row[0]: row for row in snapshot(second, language)}
    lines = [f"only in {first.slug}: {key}" for key in left.keys() - right.keys()]
    lines += [f"only in {second.slug}: {key}" for key in right.keys() - left.keys()]
    lines += [
        f"{key}: {left[key]} != {right[key]}"
        for key in left.keys() & right.keys()
        if left[key] != right[key]
    ]

    # Order counts among the parts of one level under one parent: the five columns say
    # nothing about whether an action came before an activity in the source.
    def order(rows):
        groups: dict[tuple, list[str]] = {}
        for key, row in rows.items():
            if key in left and key in right:
                groups.setdefault((row[2], row[1]), []).append(key)
        return groups

    if order(left) != order(right):
        lines.append("the same items in another order")
    return sorted(lines)


def equal(first: Plan, second: Plan, language: str) -> bool:
    return not differences(first, second, language)
