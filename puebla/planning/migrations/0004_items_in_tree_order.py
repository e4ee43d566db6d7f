"""Positions in the tree's reading order: each item followed by its parts.

The importer used to number items in the table's order, where a row's actions come before its
activities (1.1, 1.2, then 1.1.1); the pages now read the tree depth first, and so does the
importer's numbering (puebla.planning.importer._in_tree_order). This renumbers the plans
already imported, keeping the order among siblings. Only positions change: no history row, as
when an import moves an item's place."""

from collections import defaultdict

from django.db import migrations


def renumber(apps, schema_editor):
    Item = apps.get_model("planning", "Item")
    for plan_id in Item.objects.values_list("plan_id", flat=True).distinct():
        items = list(
            Item.objects.filter(plan_id=plan_id).only("id", "parent_id", "position").order_by(
                "position", "id"
            )
        )
        ids = {item.id for item in items}
        parts = defaultdict(list)
        for item in items:
            parts[item.parent_id if item.parent_id in ids else None].append(item)
        ordered, seen = [], set()
        stack = list(reversed(parts[None]))
        while stack:
            item = stack.pop()
            if item.id in seen:
                continue
            seen.add(item.id)
            ordered.append(item)
            stack.extend(reversed(parts[item.id]))
        ordered += [item for item in items if item.id not in seen]
        changed = []
        for position, item in enumerate(ordered):
            if item.position != position:
                item.position = position
                changed.append(item)
        Item.objects.bulk_update(changed, ["position"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_bilingual_columns_without_modeltranslation")]

    operations = [migrations.RunPython(renumber, migrations.RunPython.noop)]
