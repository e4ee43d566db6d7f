"""The status list issue 18 names. Configuration, not facts: the secretariat may rename them,
change their default progress or add others (admin). A status whose default progress is
empty does not count in the roll-up (an objective proposed for removal is no progress)."""

from django.db import migrations

STATUSES = [
    # key, Spanish, English, default progress, done
    ("ongoing", "Permanente", "Ongoing", 50, False),
    ("in_progress", "En curso", "In progress", 50, False),
    ("pending", "Pendiente", "Pending", 0, False),
    ("pending_input", "Pendiente de insumos", "Pending input", 25, False),
    ("completed", "Completada", "Completed", 100, True),
    ("proposed_removal", "Propuesta para eliminación", "Proposed for removal", None, False),
]


def create(apps, schema_editor):
    Status = apps.get_model("planning", "Status")
    for position, (key, name_es, name_en, progress, done) in enumerate(STATUSES, start=1):
        Status.objects.update_or_create(
            key=key,
            defaults={
                "name_es": name_es,
                "name_en": name_en,
                "default_progress": progress,
                "position": position * 10,
                "is_done": done,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("planning", "Status").objects.filter(key__in=[s[0] for s in STATUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_plans_items_statuses")]

    operations = [migrations.RunPython(create, remove)]
