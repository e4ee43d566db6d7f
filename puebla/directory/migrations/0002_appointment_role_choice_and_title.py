# The free-text "role" was a job title: it is renamed (keeping what was written), and "role"
# becomes a choice that says what the appointment allows. One appointment per person, body and
# start. A person's e-mail reaches the public pages only when marked public.

from django.db import migrations, models


def _title(null=False):
    return models.CharField(blank=True, max_length=120, null=null, verbose_name="job title")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        *(
            migrations.RenameField(model_name=model, old_name=old, new_name=new)
            for model in ("appointment", "historicalappointment")
            for old, new in (("role", "title"), ("role_es", "title_es"), ("role_en", "title_en"))
        ),
        *(
            migrations.AlterField(model_name=model, name=name, field=_title(null=name != "title"))
            for model in ("appointment", "historicalappointment")
            for name in ("title", "title_es", "title_en")
        ),
        *(
            migrations.AddField(
                model_name=model,
                name="role",
                field=models.CharField(
                    choices=[("member", "Member"), ("editor", "Editor")],
                    default="member",
                    help_text="An editor of a body edits its records.",
                    max_length=10,
                    verbose_name="role",
                ),
            )
            for model in ("appointment", "historicalappointment")
        ),
        *(
            migrations.AddField(
                model_name=model,
                name="email_is_public",
                field=models.BooleanField(
                    default=False,
                    help_text="Show this address on the public contact page.",
                    verbose_name="e-mail is public",
                ),
            )
            for model in ("person", "historicalperson")
        ),
        migrations.AddConstraint(
            model_name="appointment",
            constraint=models.UniqueConstraint(
                fields=("person", "body", "start"), name="appointment_one_per_person_body_start"
            ),
        ),
        migrations.AddConstraint(
            model_name="appointment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("start__isnull", True)),
                fields=("person", "body"),
                name="appointment_one_undated_per_person_body",
            ),
        ),
    ]
