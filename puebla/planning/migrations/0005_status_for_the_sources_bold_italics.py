"""The source's legend for its bold italics, "active, ongoing, or pending input", as one
status (Status.MARKED), with no default progress: the source does not say which of the three
an item is, so no estimate can be drawn from it.

The importer used to give such items "Pending input" (25 %). Items it gave that status from
the markup alone (marked, no schedule line naming a status, no person's edit in their history)
take the new status, with "status" among their inferred fields and a note saying why."""

from django.db import migrations

NAME_ES = "Activo, permanente o pendiente de insumos"
NAME_EN = "Active, ongoing or pending input"
NOTE_ES = (
    "La fuente no da estado a este elemento: lo pone en negrita y cursiva, que según su nota "
    "significan «activo, permanente o pendiente de insumos», sin decir cuál de los tres."
)
NOTE_EN = (
    "The source gives this item no status: it sets it in bold italics, which its note says mean "
    "“active, ongoing, or pending input”, without saying which of the three."
)


def forwards(apps, schema_editor):
    Status = apps.get_model("planning", "Status")
    Item = apps.get_model("planning", "Item")
    marked, _created = Status.objects.get_or_create(
        key="marked",
        defaults={
            "name_es": NAME_ES,
            "name_en": NAME_EN,
            "default_progress": None,
            "position": 45,
            "is_done": False,
        },
    )
    HistoricalItem = apps.get_model("planning", "HistoricalItem")
    edited = set(
        HistoricalItem.objects.filter(history_user__isnull=False).values_list("id", flat=True)
    )
    for item in Item.objects.filter(marked=True, status__key="pending_input"):
        schedule = f"{item.schedule_en} {item.schedule_es}".casefold()
        if item.pk in edited or "pending" in schedule or "pendiente" in schedule:
            continue
        item.status = marked
        item.inferred = " ".join(sorted({*item.inferred.split(), "status"}))
        if not (item.note_es or item.note_en):  # an inferred field requires a note
            item.note_es, item.note_en = NOTE_ES, NOTE_EN
        item.save(update_fields=["status", "inferred", "note_es", "note_en"])


def backwards(apps, schema_editor):
    Status = apps.get_model("planning", "Status")
    Item = apps.get_model("planning", "Item")
    pending = Status.objects.filter(key="pending_input").first()
    for item in Item.objects.filter(status__key="marked"):
        item.status = pending
        item.inferred = " ".join(name for name in item.inferred.split() if name != "status")
        item.save(update_fields=["status", "inferred"])
    Status.objects.filter(key="marked").delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0004_items_in_tree_order")]

    operations = [migrations.RunPython(forwards, backwards)]
