"""The Reserve Fund's rules that no source states become its settings, which the Technical
Secretariat edits: the ceiling per case (it was a constant, USD 1,000, and two database
constraints), the categories and the requester kinds (they were choices). Puebla's starting
values are written as rows marked `puebla_default`; every case's category and requester kind
(and its history rows') becomes a reference to the row of its key, and a key found on a case
that the starting values lack becomes a row too. Reversible: the rows' keys go back onto the
cases (a cost above USD 1,000 accepted since would stop the ceiling's constraint from coming
back).
"""

from decimal import Decimal

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

STARTING_CEILING = Decimal("1000.00")
# The request form's choices before this migration: (key, Spanish, English, from age, under
# age, guardian authority required). Copied, not imported: a migration keeps its own data.
STARTING_CATEGORIES = (
    (
        "unaccompanied_child",
        "Niña, niño o adolescente no acompañado",
        "Unaccompanied child or adolescent",
        None,
        18,
        True,
    ),
    ("disability", "Persona con discapacidad", "Person living with disability", None, None, False),
    (
        "elderly",
        "Persona adulta mayor de setenta años",
        "Elderly person over seventy",
        70,
        None,
        False,
    ),
    (
        "injury_or_illness",
        "Persona con lesión o enfermedad física o mental",
        "Person with a physical or mental injury or illness",
        None,
        None,
        False,
    ),
)
STARTING_KINDS = (
    (
        "government",
        "Gobierno del país de salida o de retorno",
        "Government of the departure or return country",
    ),
    ("international", "Organización internacional", "International organisation"),
    ("civil_society", "Organización de la sociedad civil", "Civil-society organisation"),
)


def checks_now(schema_editor):
    """PostgreSQL checks foreign keys at the commit and refuses to alter a table with checks
    still pending ("cannot ALTER TABLE ... because it has pending trigger events"): the data
    steps run them at once, so that the schema steps after them can alter the cases' tables
    in the same transaction."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def rows_from_choices(apps, schema_editor):
    FundSettings = apps.get_model("fund", "FundSettings")
    Category = apps.get_model("fund", "CaseCategory")
    Kind = apps.get_model("fund", "RequesterKindOption")
    FundSettings.objects.create(
        pk=1,
        ceiling_amount=STARTING_CEILING,
        ceiling_currency="USD",
        ceiling_is_puebla_default=True,
    )
    for position, (code, es, en, min_age, under_age, guardian) in enumerate(STARTING_CATEGORIES):
        Category.objects.create(
            code=code,
            name_es=es,
            name_en=en,
            min_age=min_age,
            under_age=under_age,
            guardian_required=guardian,
            position=position,
            puebla_default=True,
        )
    for position, (code, es, en) in enumerate(STARTING_KINDS):
        Kind.objects.create(
            code=code, name_es=es, name_en=en, position=position, puebla_default=True
        )
    for model_name in ("Case", "HistoricalCase"):
        model = apps.get_model("fund", model_name)
        for field, row_model in (("category", Category), ("requester_kind", Kind)):
            for code in model.objects.values_list(field, flat=True).distinct():
                row, _created = row_model.objects.get_or_create(
                    code=code,
                    defaults={"name_en": code, "position": row_model.objects.count()},
                )
                model.objects.filter(**{field: code}).update(**{f"{field}_row": row})
    checks_now(schema_editor)


def history_of_starting_values(apps, schema_editor):
    """A history row ("added", by nobody: Puebla) for each starting value, so that the settings
    page shows what the secretariat's first change changed from."""
    now = timezone.now()
    for model_name, fields in (
        ("FundSettings", ("id", "ceiling_amount", "ceiling_currency", "ceiling_is_puebla_default", "version")),
        ("CaseCategory", ("id", "code", "name_es", "name_en", "retired", "puebla_default", "position", "min_age", "under_age", "guardian_required")),
        ("RequesterKindOption", ("id", "code", "name_es", "name_en", "retired", "puebla_default", "position")),
    ):
        history = apps.get_model("fund", f"Historical{model_name}")
        for row in apps.get_model("fund", model_name).objects.all():
            history.objects.create(
                **{name: getattr(row, name) for name in fields},
                history_date=now,
                history_type="+",
                history_user=None,
            )
    checks_now(schema_editor)


def choices_from_rows(apps, schema_editor):
    for model_name in ("Case", "HistoricalCase"):
        model = apps.get_model("fund", model_name)
        for field in ("category", "requester_kind"):
            row_model = model._meta.get_field(f"{field}_row").related_model
            for row in row_model.objects.all():
                model.objects.filter(**{f"{field}_row": row}).update(**{field: row.code})
    checks_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_fact_topic_about"),
        ("fund", "0002_request_year_and_days_to_return"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name_es",
                    models.CharField(blank=True, max_length=200, verbose_name="name (Spanish)"),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="name (English)"),
                ),
                (
                    "retired",
                    models.BooleanField(
                        default=False,
                        help_text="Not offered for new requests; the cases that have it keep it.",
                        verbose_name="retired",
                    ),
                ),
                (
                    "puebla_default",
                    models.BooleanField(
                        default=False, editable=False, verbose_name="Puebla's starting value"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "code",
                    models.SlugField(
                        editable=False, max_length=40, unique=True, verbose_name="key"
                    ),
                ),
                (
                    "min_age",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Empty: no lower age.",
                        null=True,
                        verbose_name="from age",
                    ),
                ),
                (
                    "under_age",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Empty: no upper age.",
                        null=True,
                        verbose_name="under age",
                    ),
                ),
                (
                    "guardian_required",
                    models.BooleanField(
                        default=False,
                        help_text="For children and adolescents: the authority that decided with them.",
                        verbose_name="a guardian authority must be named",
                    ),
                ),
            ],
            options={
                "verbose_name": "Reserve Fund category",
                "verbose_name_plural": "Reserve Fund categories",
                "ordering": ["retired", "position", "pk"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="FundSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "ceiling_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Empty: no ceiling; the form then refuses no amount.",
                        max_digits=12,
                        null=True,
                        verbose_name="ceiling per case",
                    ),
                ),
                (
                    "ceiling_currency",
                    models.CharField(
                        default="USD", max_length=3, verbose_name="currency of the ceiling"
                    ),
                ),
                (
                    "ceiling_is_puebla_default",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        verbose_name="ceiling is Puebla's starting value",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                "verbose_name": "Reserve Fund settings",
                "verbose_name_plural": "Reserve Fund settings",
            },
        ),
        migrations.CreateModel(
            name="HistoricalCaseCategory",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "name_es",
                    models.CharField(blank=True, max_length=200, verbose_name="name (Spanish)"),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="name (English)"),
                ),
                (
                    "retired",
                    models.BooleanField(
                        default=False,
                        help_text="Not offered for new requests; the cases that have it keep it.",
                        verbose_name="retired",
                    ),
                ),
                (
                    "puebla_default",
                    models.BooleanField(
                        default=False, editable=False, verbose_name="Puebla's starting value"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("code", models.SlugField(editable=False, max_length=40, verbose_name="key")),
                (
                    "min_age",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Empty: no lower age.",
                        null=True,
                        verbose_name="from age",
                    ),
                ),
                (
                    "under_age",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Empty: no upper age.",
                        null=True,
                        verbose_name="under age",
                    ),
                ),
                (
                    "guardian_required",
                    models.BooleanField(
                        default=False,
                        help_text="For children and adolescents: the authority that decided with them.",
                        verbose_name="a guardian authority must be named",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Reserve Fund category",
                "verbose_name_plural": "historical Reserve Fund categories",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFundSettings",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "ceiling_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Empty: no ceiling; the form then refuses no amount.",
                        max_digits=12,
                        null=True,
                        verbose_name="ceiling per case",
                    ),
                ),
                (
                    "ceiling_currency",
                    models.CharField(
                        default="USD", max_length=3, verbose_name="currency of the ceiling"
                    ),
                ),
                (
                    "ceiling_is_puebla_default",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        verbose_name="ceiling is Puebla's starting value",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Reserve Fund settings",
                "verbose_name_plural": "historical Reserve Fund settings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRequesterKindOption",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "name_es",
                    models.CharField(blank=True, max_length=200, verbose_name="name (Spanish)"),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="name (English)"),
                ),
                (
                    "retired",
                    models.BooleanField(
                        default=False,
                        help_text="Not offered for new requests; the cases that have it keep it.",
                        verbose_name="retired",
                    ),
                ),
                (
                    "puebla_default",
                    models.BooleanField(
                        default=False, editable=False, verbose_name="Puebla's starting value"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "code",
                    models.SlugField(
                        help_text="The government of the country of departure or return, or a kind of organisation.",
                        max_length=40,
                        verbose_name="who files",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical Reserve Fund requester kind",
                "verbose_name_plural": "historical Reserve Fund requester kinds",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RequesterKindOption",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name_es",
                    models.CharField(blank=True, max_length=200, verbose_name="name (Spanish)"),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=200, verbose_name="name (English)"),
                ),
                (
                    "retired",
                    models.BooleanField(
                        default=False,
                        help_text="Not offered for new requests; the cases that have it keep it.",
                        verbose_name="retired",
                    ),
                ),
                (
                    "puebla_default",
                    models.BooleanField(
                        default=False, editable=False, verbose_name="Puebla's starting value"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "code",
                    models.SlugField(
                        help_text="The government of the country of departure or return, or a kind of organisation.",
                        max_length=40,
                        unique=True,
                        verbose_name="who files",
                    ),
                ),
            ],
            options={
                "verbose_name": "Reserve Fund requester kind",
                "verbose_name_plural": "Reserve Fund requester kinds",
                "ordering": ["retired", "position", "pk"],
                "abstract": False,
            },
        ),
        migrations.RemoveConstraint(
            model_name="case",
            name="fund_case_cost_within_limit",
        ),
        migrations.RemoveConstraint(
            model_name="case",
            name="fund_case_approved_within_limit",
        ),
        migrations.AlterField(
            model_name="case",
            name="approved_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                editable=False,
                max_digits=12,
                null=True,
                verbose_name="approved amount (USD)",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="cost",
            field=models.DecimalField(
                decimal_places=2,
                help_text="More than zero, in dollars and cents.",
                max_digits=12,
                verbose_name="cost of the return plan (USD)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="approved_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                editable=False,
                max_digits=12,
                null=True,
                verbose_name="approved amount (USD)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="cost",
            field=models.DecimalField(
                decimal_places=2,
                help_text="More than zero, in dollars and cents.",
                max_digits=12,
                verbose_name="cost of the return plan (USD)",
            ),
        ),
        migrations.AddConstraint(
            model_name="casecategory",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("min_age__isnull", True),
                    ("under_age__isnull", True),
                    ("min_age__lt", models.F("under_age")),
                    _connector="OR",
                ),
                name="fund_category_ages_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="fundsettings",
            constraint=models.CheckConstraint(
                condition=models.Q(("pk", 1)), name="fund_settings_single_row"
            ),
        ),
        migrations.AddConstraint(
            model_name="fundsettings",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ceiling_amount__isnull", True), ("ceiling_amount__gt", 0), _connector="OR"
                ),
                name="fund_settings_ceiling_positive",
            ),
        ),
        migrations.AddField(
            model_name="historicalcasecategory",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalfundsettings",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalrequesterkindoption",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="category_row",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fund.casecategory",
                verbose_name="category",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="category_row",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="fund.casecategory",
                verbose_name="category",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="requester_kind_row",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fund.requesterkindoption",
                verbose_name="requester kind",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="requester_kind_row",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="fund.requesterkindoption",
                verbose_name="requester kind",
            ),
        ),
        migrations.RunPython(rows_from_choices, choices_from_rows),
        migrations.RunPython(history_of_starting_values, migrations.RunPython.noop),
        # A default for the keys' columns, so that migrating back can add them to existing rows
        # (the data step above then fills them in).
        *[
            migrations.AlterField(
                model_name=model_name,
                name=name,
                field=models.CharField(default="", editable=editable, max_length=length, verbose_name=label),
            )
            for model_name in ("case", "historicalcase")
            for name, length, label, editable in (
                ("category", 30, "category", True),
                ("requester_kind", 20, "requester kind", False),
            )
        ],
        migrations.RemoveField(model_name="case", name="category"),
        migrations.RemoveField(model_name="historicalcase", name="category"),
        migrations.RemoveField(model_name="case", name="requester_kind"),
        migrations.RemoveField(model_name="historicalcase", name="requester_kind"),
        migrations.RenameField(model_name="case", old_name="category_row", new_name="category"),
        migrations.RenameField(
            model_name="historicalcase", old_name="category_row", new_name="category"
        ),
        migrations.RenameField(
            model_name="case", old_name="requester_kind_row", new_name="requester_kind"
        ),
        migrations.RenameField(
            model_name="historicalcase", old_name="requester_kind_row", new_name="requester_kind"
        ),
        migrations.AlterField(
            model_name="case",
            name="category",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fund.casecategory",
                verbose_name="category",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="requester_kind",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="fund.requesterkindoption",
                verbose_name="requester kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(("cost__gt", 0)), name="fund_case_cost_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("approved_amount__isnull", True), ("approved_amount__gt", 0), _connector="OR"
                ),
                name="fund_case_approved_positive",
            ),
        ),
    ]
