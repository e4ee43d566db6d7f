"""Run as `python -m tests.fund.settings_migration_program` on the empty database the
environment names (tests/fund/test_settings_migration.py): migrate, step the fund back to
before its settings (migration 0003), write two cases as they were then (one with a category
key no starting value has) and a history row, migrate forward and back again, and print what
each state holds, as JSON."""

import json
import os

import django

BEFORE = ("fund", "0002_request_year_and_days_to_return")
AFTER = ("fund", "0003_fund_settings_from_case_choices")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puebla.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    call_command("migrate", verbosity=0)

    def migrate(target):
        """Migrate the fund to `target`; the models as they are then, every other app's at
        its latest migration (as the database has them)."""
        executor = MigrationExecutor(connection)
        executor.migrate([target])
        loader = MigrationExecutor(connection).loader
        nodes = [node for node in loader.graph.leaf_nodes() if node[0] != "fund"]
        return loader.project_state([*nodes, target]).apps

    old = migrate(BEFORE)
    countries = old.get_model("directory", "Country").objects
    costa_rica = countries.create(iso_code="CR", name_es="Costa Rica", name_en="Costa Rica")
    guatemala = countries.create(iso_code="GT", name_es="Guatemala", name_en="Guatemala")
    official = old.get_model("accounts", "User").objects.create(
        email="official@example.org",
        full_name="Official",
        affiliation="member_state",
        country=costa_rica,
    )
    common = {
        "requesting_country": costa_rica,
        "filed_by": official,
        "departure_country": costa_rica,
        "return_country": guatemala,
        "return_plan": "Bus",
        "cost": "640.00",
        "national_programmes_gap": "None",
        "decision_on": "2026-01-05",
        "decision_language": "Spanish",
        "decision_by": "Consul",
        "requester_kind": "government",
    }
    cases = old.get_model("fund", "Case").objects
    cases.create(reference="RF-ELDERLY", category="elderly", **common)
    cases.create(reference="RF-LEGACY", category="legacy_category", **common)
    old.get_model("fund", "HistoricalCase").objects.create(
        id=1,
        uid="00000000-0000-0000-0000-000000000001",
        reference="RF-ELDERLY",
        category="elderly",
        requester_kind="government",
        requesting_country_id=costa_rica.pk,
        departure_country_id=costa_rica.pk,
        return_country_id=guatemala.pk,
        filed_by_id=official.pk,
        return_plan="Bus",
        cost="640.00",
        national_programmes_gap="None",
        decision_on="2026-01-05",
        decision_language="Spanish",
        decision_by="Consul",
        created_at=timezone.now(),
        history_date=timezone.now(),
        history_type="+",
    )

    def keys(apps):
        rows = apps.get_model("fund", "Case").objects.order_by("reference")
        return [
            [case.reference, case.category, case.requester_kind]
            for case in rows.values_list("reference", "category", "requester_kind", named=True)
        ]

    new = migrate(AFTER)
    categories = new.get_model("fund", "CaseCategory").objects
    settings = new.get_model("fund", "FundSettings").objects.get()
    forward = {
        "cases": [
            [case.reference, case.category.code, case.requester_kind.code]
            for case in new.get_model("fund", "Case")
            .objects.select_related("category", "requester_kind")
            .order_by("reference")
        ],
        "history": list(
            new.get_model("fund", "HistoricalCase").objects.values_list(
                "category__code", "requester_kind__code"
            )
        ),
        "categories": list(
            categories.order_by("position").values_list("code", "name_en", "puebla_default")
        ),
        "elderly_age": categories.get(code="elderly").min_age,
        "ceiling": [str(settings.ceiling_amount), settings.ceiling_is_puebla_default],
        "starting_history": new.get_model("fund", "HistoricalCaseCategory").objects.count(),
    }
    old = migrate(BEFORE)
    backward = {
        "cases": keys(old),
        "history": list(
            old.get_model("fund", "HistoricalCase").objects.values_list(
                "category", "requester_kind"
            )
        ),
    }
    call_command("migrate", verbosity=0)
    print(json.dumps({"forward": forward, "backward": backward}))


if __name__ == "__main__":
    main()
