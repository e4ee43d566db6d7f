from django.db import migrations


def seed(apps, schema_editor):
    from puebla.stats.codelists import seed as write

    write(apps)


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
